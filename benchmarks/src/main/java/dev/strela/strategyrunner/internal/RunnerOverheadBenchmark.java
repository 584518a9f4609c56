package dev.strela.strategyrunner.internal;

import java.lang.annotation.Annotation;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import org.apache.camel.impl.DefaultCamelContext;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

import dev.strela.api.error.ErrorLog;
import dev.strela.api.model.Bar;
import dev.strela.api.model.BarClose;
import dev.strela.api.model.Instrument;
import dev.strela.api.model.Order;
import dev.strela.api.model.Position;
import dev.strela.api.model.Signal;
import dev.strela.api.model.Timeframe;
import dev.strela.api.model.TradingMode;
import dev.strela.api.spi.Strategy;
import dev.strela.persistence.MarketDataRepository;
import dev.strela.persistence.SignalRepository;
import dev.strela.persistence.StoredSignal;
import dev.strela.persistence.StrategyUniverseRepository;
import dev.strela.persistence.TradingStateRepository;
import dev.strela.persistence.UniverseRow;

/**
 * The strategy runner's own cost per strategy call: one BAR_CLOSE with 1,000 universe rows on the same
 * instrument and timeframe, each bound to a strategy that returns no signal at once. The repositories are
 * in memory (the database is excluded, as is the strategy's own work), the runner, its thread pool, the
 * context building and the timeout handling are the real ones. Score: average time per call.
 *
 * <p>Run: {@code java -jar benchmarks/target/benchmarks.jar RunnerOverheadBenchmark}
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(java.util.concurrent.TimeUnit.MICROSECONDS)
@Fork(1)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
public class RunnerOverheadBenchmark {

    static final int ROWS = 1000;
    private static final Instrument SBER = new Instrument("sber", "SBER", "TQBR", 10, new BigDecimal("0.01"), "rub");
    private static final Instant BAR = Instant.parse("2024-03-04T07:00:00Z");

    private DefaultCamelContext camel;
    private StrategyRunner runner;

    @Setup(Level.Trial)
    public void start() {
        camel = new DefaultCamelContext();
        camel.start();
        StrategyRegistry registry = new StrategyRegistry();
        registry.bindStrategy(new Strategy() {
            @Override
            public String name() {
                return "noop";
            }

            @Override
            public Optional<Signal> onBar(dev.strela.api.model.Context ctx) {
                return Optional.empty();
            }

            @Override
            public int barsNeeded() {
                return 100;
            }
        });
        List<UniverseRow> rows = new ArrayList<>();
        for (int i = 0; i < ROWS; i++) {
            rows.add(new UniverseRow(i + 1, "noop", "sber", Timeframe.M5, true, TradingMode.PAPER, 0, "{\"fast\":10}",
                    new BigDecimal("0.02"), new BigDecimal("0.2"), 1, 0, null));
        }
        List<Bar> bars = new ArrayList<>();
        for (int i = 99; i >= 0; i--) {
            BigDecimal p = BigDecimal.valueOf(27000 + i, 2);
            bars.add(new Bar("sber", Timeframe.M5, BAR.minusSeconds(300L * i), p, p, p, p, 10));
        }
        runner = new StrategyRunner(registry, new Universe(rows), new Market(bars), new NoSignals(), new NoState(),
                event -> { }, camel, new Config());
    }

    @TearDown(Level.Trial)
    public void stop() throws Exception {
        runner.deactivate();
        camel.stop();
    }

    @Benchmark
    @OperationsPerInvocation(ROWS)
    public int barClose() {
        return runner.onBarClose(new BarClose("sber", Timeframe.M5, BAR));
    }

    private record Universe(List<UniverseRow> rows) implements StrategyUniverseRepository {
        public List<UniverseRow> active(String symbol, Timeframe timeframe) { return rows; }
        public List<UniverseRow> all() { return rows; }
        public Optional<UniverseRow> find(long id) { return Optional.empty(); }
        public long add(String s, String sym, Timeframe tf, TradingMode m, String p, boolean e) { throw new UnsupportedOperationException(); }
        public boolean setEnabled(long id, boolean enabled, String reason) { return false; }
        public boolean setParam(long id, String key, String jsonValue) { return false; }
        public int recordFailure(long id) { return 0; }
        public void resetFailures(long id) { }
    }

    private record Market(List<Bar> bars) implements MarketDataRepository {
        public Optional<Instrument> findInstrument(String idOrTicker) { return Optional.of(SBER); }
        public void saveInstrument(Instrument instrument) { }
        public List<Instrument> instruments() { return List.of(SBER); }
        public UpsertCount upsertMinutes(List<Bar> minutes, CandleSource source) { throw new UnsupportedOperationException(); }
        public void upsertBars(List<Bar> b) { }
        public List<Bar> lastBars(String instrumentId, Timeframe timeframe, int count) { return bars; }
        public List<Bar> barsUpTo(String instrumentId, Timeframe timeframe, Instant upTo, int count) { return bars; }
        public long countBars(String instrumentId, Timeframe timeframe) { return bars.size(); }
        public List<Bar> barsBetween(List<String> ids, Timeframe timeframe, Instant from, Instant to, int limit) { return bars; }
        public long countBetween(List<String> ids, Timeframe timeframe, Instant from, Instant to) { return bars.size(); }
    }

    private static final class NoSignals implements SignalRepository {
        public Optional<Long> insert(String r, long row, String s, Timeframe tf, Instant st, Instant bt, String json) { return Optional.empty(); }
        public Optional<StoredSignal> last(long row) { return Optional.empty(); }
        public List<StoredSignal> recent(int limit, String strategy) { return List.of(); }
    }

    private static final class NoState implements TradingStateRepository {
        public Optional<Position> position(String runId, long row, String symbol) { return Optional.empty(); }
        public List<Order> activeOrders(String runId, long row) { return List.of(); }
        public Optional<BigDecimal> cash(String runId) { return Optional.empty(); }
    }

    @SuppressWarnings("all")
    private static final class Config implements RunnerConfig {
        public long timeoutMillis() { return 2000; }
        public int maxConsecutiveFailures() { return 5; }
        public String referenceEquity() { return "1000000"; }
        public Class<? extends Annotation> annotationType() { return RunnerConfig.class; }
    }
}
