package dev.strela.memoryreplay;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;

import dev.strela.api.model.Instrument;
import dev.strela.api.model.Timeframe;
import dev.strela.api.model.TradingMode;
import dev.strela.datafeed.Replays;
import dev.strela.datafeed.internal.replay.ReplayBenchmarkData;
import dev.strela.datafeed.internal.source.SyntheticGenerator;
import dev.strela.persistence.UniverseRow;
import dev.strela.strategy.smacrossover.internal.SmaCrossoverStrategy;

/**
 * Replay throughput without a database ("engine only"): the same bundles and routes as {@code strela:replay}
 * ({@link EnginePlatform}) on {@link MemoryTradingStore}, over the seeded generator's minutes, with the SMA-crossover
 * example on every instrument; then, in the same JVM, ta4j's {@code BacktestExecutor} on the same minutes and rule.
 * Each round prints the replay's one-minute bars per second, its fills (count, MD5 of {@link TradeLines}, final
 * cash), the ta4j figures and the ratio of the two.
 *
 * <p>Run (from the repository root, after {@code mvn install}):
 * {@code java -Xmx4g -cp benchmarks/target/benchmarks.jar dev.strela.memoryreplay.MemoryReplayBenchmark 100 2024-01-08 250 1h 3 [--heap]}.
 * {@code --fills <file>} writes the last round's fills there, a {@link TradeLines} line each. With {@code --heap} a garbage collection is forced every 15 s and the heap in use after it printed (it slows the
 * replay).
 */
public final class MemoryReplayBenchmark {

    static final ZoneId MOSCOW = ZoneId.of("Europe/Moscow");
    static final BigDecimal INITIAL_CASH = new BigDecimal("1000000");

    private MemoryReplayBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        if (args.length < 4) {
            System.err.println("usage: <instruments> <firstDay> <tradingDays> <timeframe> [rounds] [--heap] [--rules <dir>] [--fills <file>]");
            System.exit(2);
        }
        int instruments = Integer.parseInt(args[0]);
        LocalDate first = LocalDate.parse(args[1]);
        int days = Integer.parseInt(args[2]);
        Timeframe timeframe = Timeframe.fromCode(args[3]);
        int rounds = args.length > 4 && !args[4].startsWith("--") ? Integer.parseInt(args[4]) : 3;
        boolean heap = List.of(args).contains("--heap");
        int rulesAt = List.of(args).indexOf("--rules");
        Path rules = Path.of(rulesAt >= 0 ? args[rulesAt + 1] : "rules");
        int fillsAt = List.of(args).indexOf("--fills");
        Path fills = fillsAt >= 0 ? Path.of(args[fillsAt + 1]) : null;
        if (!Files.isDirectory(rules)) {
            System.err.println("rules: no folder " + rules.toAbsolutePath() + " (run from the repository root, or --rules <dir>)");
            System.exit(2);
        }
        for (int round = 1; round <= rounds; round++) {
            Result r = replay(instruments, first, days, timeframe, rules, heap, fills);
            System.out.printf("round %d: memory replay %s: %,d one-minute bars, %,d bars closed, %.2f s: %,.0f one-minute"
                            + " bars/s; %d fills, md5 %s, cash %s; errors %s%n", round, r.status(), r.minutes(), r.barsClosed(),
                    r.seconds(), r.barsPerSecond(), r.fills(), r.md5(), r.cash().toPlainString(), r.errors());
            ReplayBenchmarkData.Ta4jRound t = ReplayBenchmarkData.ta4jRound(instruments, first, days, timeframe);
            System.out.printf("round %d: ta4j %,d one-minute bars: BacktestExecutor alone %,.0f bars/s, with the aggregation"
                            + " %,.0f bars/s; memory replay / ta4j with the aggregation = %.2f, / BacktestExecutor alone = %.2f%n",
                    round, t.minutes(), t.backtestRate(), t.withAggregationRate(), r.barsPerSecond() / t.withAggregationRate(),
                    r.barsPerSecond() / t.backtestRate());
        }
        System.exit(0);
    }

    /** What one replay without a database did. */
    record Result(String status, long minutes, long barsClosed, double seconds, double barsPerSecond, int fills, String md5,
                  BigDecimal cash, Map<String, Long> errors) {
    }

    static Result replay(int count, LocalDate first, int days, Timeframe timeframe, Path rules, boolean heap, Path fills)
            throws Exception {
        List<String> ids = ReplayBenchmarkData.ids(count);
        long t0 = System.nanoTime();
        MemoryMarket market = new MemoryMarket(instruments(ids),
                () -> new SyntheticGenerator(ReplayBenchmarkData.SEED, ids, ReplayBenchmarkData.TICK).minutes(first, days),
                Set.of(timeframe));
        System.out.printf("  the minutes' %s bars built in %.1f s (not timed)%n", timeframe.code(), (System.nanoTime() - t0) / 1e9);
        List<UniverseRow> rows = rows(ids, timeframe);
        MemoryTradingStore store = new MemoryTradingStore(market, rows, Clock.systemUTC());
        MemoryRuns runs = new MemoryRuns(store, rows, Clock.systemUTC());
        CollectedErrors errors = new CollectedErrors();
        EnginePlatform.Stores stores = new EnginePlatform.Stores(market, runs, runs, store, store, store, store, store);
        try (EnginePlatform platform = EnginePlatform.start(stores, errors, rules, List.of(new SmaCrossoverStrategy()), Map.of())) {
            Instant from = first.atStartOfDay(MOSCOW).toInstant();
            Instant to = lastTradingDay(first, days).plusDays(1).atStartOfDay(MOSCOW).toInstant();
            String runId = platform.replays().start(new Replays.Request(from, to, ids, List.of(SmaCrossoverStrategy.NAME),
                    INITIAL_CASH));
            Thread sampler = heap ? heapSampler() : null;
            Replays.Progress p;
            do {
                p = platform.replays().await(runId, Duration.ofSeconds(10)).orElseThrow();
                System.out.printf("  %5.1f%%  %,d of %,d one-minute bars  %,.0f bars/s  at %s%n", p.percent(), p.minutesDone(),
                        p.minutesTotal(), p.barsPerSecond(), p.simulatedTime());
            } while ("running".equals(p.status()));
            if (sampler != null) {
                sampler.interrupt();
            }
            List<String> lines = TradeLines.of(store.trades(runId));
            if (fills != null) {
                Files.write(fills, lines);
            }
            return new Result(p.status() + (p.error() == null ? "" : " (" + p.error() + ")"), p.minutesDone(), p.barsClosed(),
                    p.elapsed().toNanos() / 1e9, p.barsPerSecond(), lines.size(), TradeLines.md5(lines),
                    store.cash(runId).orElseThrow(), errors.counts(runId));
        }
    }

    static List<Instrument> instruments(List<String> ids) {
        return ids.stream().map(id -> new Instrument(id, id.replace("-", "").toUpperCase(Locale.ROOT), "TQBR", 10,
                ReplayBenchmarkData.TICK, "rub")).toList();
    }

    /** One SMA-crossover row per instrument, ids from 1, with the schema's defaults (as strela:universe-add makes them). */
    static List<UniverseRow> rows(List<String> ids, Timeframe timeframe) {
        List<UniverseRow> rows = new ArrayList<>();
        for (int i = 0; i < ids.size(); i++) {
            rows.add(new UniverseRow(i + 1, SmaCrossoverStrategy.NAME, ids.get(i), timeframe, false, TradingMode.PAPER, 0, "{}",
                    new BigDecimal("0.02"), new BigDecimal("0.2"), 1, 0, null));
        }
        return rows;
    }

    /** The last of {@code days} weekdays from {@code first}: the generator's last trading day. */
    static LocalDate lastTradingDay(LocalDate first, int days) {
        LocalDate d = first;
        int left = days;
        LocalDate last = first;
        while (left > 0) {
            if (d.getDayOfWeek() != DayOfWeek.SATURDAY && d.getDayOfWeek() != DayOfWeek.SUNDAY) {
                last = d;
                left--;
            }
            d = d.plusDays(1);
        }
        return last;
    }

    private static Thread heapSampler() {
        MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
        AtomicLong peak = new AtomicLong();
        Thread t = new Thread(() -> {
            try {
                while (!Thread.currentThread().isInterrupted()) {
                    Thread.sleep(15_000);
                    System.gc();
                    long used = memory.getHeapMemoryUsage().getUsed();
                    peak.accumulateAndGet(used, Math::max);
                    System.out.printf("  heap in use after a GC: %,d MB (highest so far %,d MB)%n", used >> 20, peak.get() >> 20);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }, "heap-sampler");
        t.setDaemon(true);
        t.start();
        return t;
    }
}
