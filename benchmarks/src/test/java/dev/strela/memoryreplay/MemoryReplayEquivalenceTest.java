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
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.function.Supplier;

import org.junit.jupiter.api.Test;

import dev.strela.api.model.Bar;
import dev.strela.api.model.Instrument;
import dev.strela.api.model.Timeframe;
import dev.strela.api.model.TradingMode;
import dev.strela.datafeed.Replays;
import dev.strela.datafeed.internal.replay.ReplayBenchmarkData;
import dev.strela.datafeed.internal.source.SyntheticGenerator;
import dev.strela.persistence.MarketDataRepository.CandleSource;
import dev.strela.persistence.UniverseRow;
import dev.strela.persistence.internal.PostgresStores;
import dev.strela.strategy.smacrossover.internal.SmaCrossoverStrategy;

/**
 * The replay without a database is the platform's replay: the same generated minutes replayed once on PostgreSQL's
 * repositories and once on {@link MemoryTradingStore} (same bundles and routes, {@link EnginePlatform}) give the same
 * fills, the same final cash, the same number of signals and decisions and the same refusals.
 */
class MemoryReplayEquivalenceTest {

    private static final int INSTRUMENTS = 12;
    private static final LocalDate FIRST = LocalDate.of(2024, 1, 8);
    private static final int DAYS = 20;
    private static final Timeframe TIMEFRAME = Timeframe.M15;
    /** Small enough that cash, not only the position limit, refuses entries. */
    private static final BigDecimal CASH = new BigDecimal("300000");
    private static final Path RULES = Path.of("..", "rules");

    /** What a replay did, as both stores tell it. */
    private record Outcome(String status, List<String> fills, BigDecimal cash, long signals, long decisions,
                           Map<String, Long> errors) {
    }

    @Test
    void replay_withoutDatabase_givesThePostgresReplaysFillsCashDecisionsAndRefusals() throws Exception {
        List<String> ids = ReplayBenchmarkData.ids(INSTRUMENTS);
        List<Instrument> instruments = MemoryReplayBenchmark.instruments(ids);
        Supplier<Iterator<Bar>> minutes = () -> new SyntheticGenerator(ReplayBenchmarkData.SEED, ids, ReplayBenchmarkData.TICK)
                .minutes(FIRST, DAYS);
        List<UniverseRow> rows = MemoryReplayBenchmark.rows(ids, TIMEFRAME);
        MemoryMarket market = new MemoryMarket(instruments, minutes, Set.of(TIMEFRAME));

        MemoryTradingStore store = new MemoryTradingStore(market, rows, Clock.systemUTC());
        MemoryRuns runs = new MemoryRuns(store, rows, Clock.systemUTC());
        Outcome memory = replay(new EnginePlatform.Stores(market, runs, runs, store, store, store, store, store), ids,
                runId -> new Outcome(null, store.trades(runId).stream()
                        .sorted(Comparator.comparing(MemoryTradingStore.Trade::executedAt))
                        .map(t -> TradeLines.line(t.symbol(), t.side().name(), t.lots(), t.quantity(), t.price(),
                                t.commission(), t.executedAt())).toList(),
                        store.cash(runId).orElseThrow(), store.signals(runId), store.decisions(runId), null));

        Outcome postgres;
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
            postgres = replay(new EnginePlatform.Stores(pg.market, pg.universe, pg.runs, pg.signals, pg.state, pg.execution,
                    pg.broker, pg.controls), ids, runId -> {
                        long[] counts = pg.runs.signalsAndDecisions(runId);
                        return new Outcome(null, pg.runs.trades(runId).stream().map(t -> TradeLines.line(t.symbol(), t.side(),
                                t.lots(), t.quantity(), t.price(), t.commission(), t.executedAt())).toList(),
                                pg.runs.account(runId).orElseThrow().cash(), counts[0], counts[1], null);
                    });
        }

        assertEquals("finished", postgres.status());
        assertEquals("finished", memory.status());
        assertTrue(postgres.fills().size() >= 20, "a replay worth comparing: " + postgres.fills().size() + " fills");
        assertTrue(postgres.fills().stream().anyMatch(f -> f.contains("|BUY|")) && postgres.fills().stream()
                .anyMatch(f -> f.contains("|SELL|")), "fills of both sides");
        assertTrue(postgres.errors().keySet().stream().anyMatch(code -> code.contains("insufficient_cash")
                || code.contains("max_total_positions")), "refusals to compare: " + postgres.errors());
        for (int i = 0; i < Math.min(postgres.fills().size(), memory.fills().size()); i++) {
            assertEquals(postgres.fills().get(i), memory.fills().get(i), "fill " + (i + 1) + " of " + postgres.fills().size());
        }
        assertEquals(postgres.fills().size(), memory.fills().size(), "fills");
        assertEquals(0, postgres.cash().compareTo(memory.cash()), postgres.cash() + " vs " + memory.cash());
        assertEquals(postgres.signals(), memory.signals());
        assertEquals(postgres.decisions(), memory.decisions());
        assertEquals(postgres.errors(), memory.errors());
    }

    private static Outcome replay(EnginePlatform.Stores stores, List<String> ids, Function<String, Outcome> read) throws Exception {
        CollectedErrors errors = new CollectedErrors();
        try (EnginePlatform platform = EnginePlatform.start(stores, errors, RULES, List.of(new SmaCrossoverStrategy()))) {
            Instant from = FIRST.atStartOfDay(MemoryReplayBenchmark.MOSCOW).toInstant();
            Instant to = MemoryReplayBenchmark.lastTradingDay(FIRST, DAYS).plusDays(1).atStartOfDay(MemoryReplayBenchmark.MOSCOW)
                    .toInstant();
            String runId = platform.replays().start(new Replays.Request(from, to, ids, List.of(SmaCrossoverStrategy.NAME), CASH));
            Replays.Progress p = platform.replays().await(runId, Duration.ofMinutes(5)).orElseThrow();
            Outcome o = read.apply(runId);
            return new Outcome(p.status(), o.fills(), o.cash(), o.signals(), o.decisions(), errors.counts(runId));
        }
    }
}
