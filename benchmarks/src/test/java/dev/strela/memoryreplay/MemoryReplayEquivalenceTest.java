package dev.strela.memoryreplay;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.function.Supplier;
import java.util.stream.Collectors;

import org.junit.jupiter.api.Test;

import dev.strela.api.model.Bar;
import dev.strela.api.model.Instrument;
import dev.strela.api.model.Timeframe;
import dev.strela.api.model.TradingMode;
import dev.strela.datafeed.Replays;
import dev.strela.datafeed.internal.replay.ReplayBenchmarkData;
import dev.strela.datafeed.internal.source.SyntheticGenerator;
import dev.strela.persistence.DecisionRecord;
import dev.strela.persistence.ExecutionStore;
import dev.strela.persistence.MarketDataRepository.CandleSource;
import dev.strela.persistence.PositionRow;
import dev.strela.persistence.RunRepository;
import dev.strela.persistence.UniverseRow;
import dev.strela.persistence.internal.PostgresStores;
import dev.strela.strategy.smacrossover.internal.SmaCrossoverStrategy;

/**
 * The replay without a database is the platform's replay: the same generated minutes replayed once on PostgreSQL's
 * repositories and once on {@link MemoryTradingStore} (same bundles and routes, {@link EnginePlatform}) give the same
 * fills, final cash, decisions, positions and refusals. Every other row may go short and the simulated broker caps
 * fills at a share of a minute's volume, so shorts, reversals and partial fills are compared too. The higher timeframe's
 * bars come from the memory market's aggregation on both sides (the platform's own aggregator; the PostgreSQL side gets
 * them as an import would store them).
 */
class MemoryReplayEquivalenceTest {

    private static final int INSTRUMENTS = 12;
    private static final LocalDate FIRST = LocalDate.of(2024, 1, 8);
    private static final int DAYS = 20;
    private static final Timeframe TIMEFRAME = Timeframe.M15;
    /** Small enough that cash, not only the position limit, refuses entries. */
    private static final BigDecimal CASH = new BigDecimal("300000");
    /** A volume cap, so that large orders fill over several minutes. */
    private static final Map<String, Object> BROKER = Map.of("volumeCapShare", "0.02");
    private static final Path RULES = Path.of("..", "rules");

    /** What a replay did, as both stores tell it: every fill, decision and position, and the totals. */
    private record Outcome(String status, List<String> fills, BigDecimal cash, long signals, List<String> decisions,
                           List<String> positions, Map<String, Long> errors) {
    }

    @Test
    void replay_withoutDatabase_givesThePostgresReplaysFillsDecisionsPositionsAndRefusals() throws Exception {
        List<String> ids = ReplayBenchmarkData.ids(INSTRUMENTS);
        List<Instrument> instruments = MemoryReplayBenchmark.instruments(ids);
        Supplier<Iterator<Bar>> minutes = () -> new SyntheticGenerator(ReplayBenchmarkData.SEED, ids, ReplayBenchmarkData.TICK)
                .minutes(FIRST, DAYS);
        // every other row may also go short, so shorts, reversals and their cash are compared too
        List<UniverseRow> rows = MemoryReplayBenchmark.rows(ids, TIMEFRAME).stream()
                .map(r -> r.id() % 2 == 0 ? new UniverseRow(r.id(), r.strategy(), r.symbol(), r.timeframe(), r.enabled(),
                        r.mode(), r.priority(), "{\"allowShort\": true}", r.riskPerTrade(), r.maxStopLossFraction(),
                        r.maxPositionsPerStrategy(), r.consecutiveFailures(), r.disabledReason()) : r)
                .toList();
        MemoryMarket market = new MemoryMarket(instruments, minutes, Set.of(TIMEFRAME));

        MemoryTradingStore store = new MemoryTradingStore(market, rows, Clock.systemUTC());
        MemoryRuns runs = new MemoryRuns(store, rows, Clock.systemUTC());
        Outcome memory = replay(new EnginePlatform.Stores(market, runs, runs, store, store, store, store, store), ids,
                runId -> new Outcome(null, TradeLines.of(store.trades(runId)),
                        store.cash(runId).orElseThrow(), store.signals(runId), decisions(store, store.signals(runId)),
                        positions(store.positions(runId)), null));

        Outcome postgres;
        long ordersFilledInParts;
        try (PostgresStores pg = PostgresStores.start()) {
            instruments.forEach(pg.market::saveInstrument);
            List<Bar> batch = new ArrayList<>();
            for (Iterator<Bar> it = minutes.get(); it.hasNext(); ) {
                batch.add(it.next());
                if (batch.size() == 50_000 || !it.hasNext()) {
                    pg.market.upsertMinutes(batch, CandleSource.GENERATOR);
                    batch.clear();
                }
            }
            pg.market.upsertBars(market.keptBars());
            for (UniverseRow row : rows) {
                long id = pg.universe.add(row.strategy(), row.symbol(), row.timeframe(), TradingMode.PAPER, row.paramsJson(), false);
                assertEquals(row.id(), id, "the rows get the same ids in both stores");
            }
            String[] run = new String[1];
            postgres = replay(new EnginePlatform.Stores(pg.market, pg.universe, pg.runs, pg.signals, pg.state, pg.execution,
                    pg.broker, pg.controls), ids, runId -> {
                        run[0] = runId;
                        long signals = pg.runs.signalsAndDecisions(runId)[0];
                        return new Outcome(null, pg.runs.trades(runId).stream().map(t -> TradeLines.line(t.symbol(), t.side(),
                                t.lots(), t.quantity(), t.price(), t.commission(), t.executedAt())).toList(),
                                pg.runs.account(runId).orElseThrow().cash(), signals, decisions(pg.execution, signals),
                                positions(pg.broker.positions(runId)), null);
                    });
            ordersFilledInParts = pg.runs.trades(run[0]).stream()
                    .collect(Collectors.groupingBy(RunRepository.TradeRow::orderId, Collectors.counting()))
                    .values().stream().filter(n -> n > 1).count();
        }

        assertEquals("finished", postgres.status());
        assertEquals("finished", memory.status());
        assertTrue(postgres.fills().size() >= 100, "a replay worth comparing: " + postgres.fills().size() + " fills");
        assertTrue(postgres.fills().stream().anyMatch(f -> f.contains("|BUY|")) && postgres.fills().stream()
                .anyMatch(f -> f.contains("|SELL|")), "fills of both sides");
        assertTrue(wentShort(postgres.fills()), "a short position among the fills");
        assertTrue(ordersFilledInParts > 0, "orders filled over several minutes (the volume cap)");
        assertTrue(postgres.errors().containsKey("insufficient_cash"), "refusals to compare: " + postgres.errors());
        for (int i = 0; i < Math.min(postgres.fills().size(), memory.fills().size()); i++) {
            assertEquals(postgres.fills().get(i), memory.fills().get(i), "fill " + (i + 1) + " of " + postgres.fills().size());
        }
        assertEquals(postgres.fills().size(), memory.fills().size(), "fills");
        assertEquals(0, postgres.cash().compareTo(memory.cash()), postgres.cash() + " vs " + memory.cash());
        assertEquals(postgres.signals(), memory.signals());
        assertEquals(postgres.decisions(), memory.decisions());
        assertEquals(postgres.positions(), memory.positions());
        assertEquals(postgres.errors(), memory.errors());
    }

    /** Whether some instrument's position, summed over its fills in order, went below zero. */
    private static boolean wentShort(List<String> fills) {
        Map<String, Long> held = new HashMap<>();
        for (String line : fills) {
            String[] f = line.split("\\|");
            long signed = f[1].equals("BUY") ? Long.parseLong(f[3]) : -Long.parseLong(f[3]);
            if (held.merge(f[0], signed, Long::sum) < 0) {
                return true;
            }
        }
        return false;
    }

    /** Each signal's decision (by signal id): outcome, refusal, lots, rule set and the rules that fired. */
    private static List<String> decisions(ExecutionStore store, long signals) {
        List<String> out = new ArrayList<>();
        for (long id = 1; id <= signals; id++) {
            DecisionRecord d = store.decision(id).orElseThrow(() -> new AssertionError("no decision"));
            out.add(d.decision() + "|" + d.refusalCode() + "|" + d.lots() + "|" + d.ruleSetVersion() + "|" + d.rulesFired());
        }
        return out;
    }

    /** Every position row (flat ones too), by universe row and symbol. */
    private static List<String> positions(List<PositionRow> rows) {
        return rows.stream().sorted(Comparator.comparingLong(PositionRow::strategyUniverseId).thenComparing(PositionRow::symbol))
                .map(p -> p.strategyUniverseId() + "|" + p.symbol() + "|" + p.quantity() + "|" + p.lots() + "|"
                        + TradeLines.plain(p.averagePrice()) + "|" + TradeLines.plain(p.realizedPnl()) + "|"
                        + TradeLines.plain(p.commission()))
                .toList();
    }

    private static Outcome replay(EnginePlatform.Stores stores, List<String> ids, Function<String, Outcome> read) throws Exception {
        CollectedErrors errors = new CollectedErrors();
        try (EnginePlatform platform = EnginePlatform.start(stores, errors, RULES, List.of(new SmaCrossoverStrategy()), BROKER)) {
            Instant from = FIRST.atStartOfDay(MemoryReplayBenchmark.MOSCOW).toInstant();
            Instant to = MemoryReplayBenchmark.lastTradingDay(FIRST, DAYS).plusDays(1).atStartOfDay(MemoryReplayBenchmark.MOSCOW)
                    .toInstant();
            String runId = platform.replays().start(new Replays.Request(from, to, ids, List.of(SmaCrossoverStrategy.NAME), CASH));
            Replays.Progress p = platform.replays().await(runId, Duration.ofMinutes(5)).orElseThrow();
            Outcome o = read.apply(runId);
            return new Outcome(p.status(), o.fills(), o.cash(), o.signals(), o.decisions(), o.positions(), errors.counts(runId));
        }
    }
}
