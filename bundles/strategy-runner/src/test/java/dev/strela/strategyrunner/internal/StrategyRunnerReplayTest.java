package dev.strela.strategyrunner.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.annotation.Annotation;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;

import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.impl.DefaultCamelContext;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import dev.strela.api.bus.Endpoints;
import dev.strela.api.error.ErrorCode;
import dev.strela.api.error.ErrorEvent;
import dev.strela.api.model.Bar;
import dev.strela.api.model.BarClose;
import dev.strela.api.model.Context;
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
import dev.strela.persistence.TradingSnapshot;
import dev.strela.persistence.TradingStateRepository;
import dev.strela.persistence.UniverseRow;

/**
 * The runner's replay path with in-memory stores: the bars of one simulated minute are run together, the trading state
 * of all their rows is read at once, and the signals are decided in the bars' order whatever order the strategies end
 * in; a strategy that hangs times out on its own.
 */
class StrategyRunnerReplayTest {

    private static final String RUN = "replay-runner-test";
    private static final Instant BAR = Instant.parse("2024-03-04T07:00:00Z");

    private final List<String> inserted = Collections.synchronizedList(new ArrayList<>());
    private final List<Long> handedToExecution = Collections.synchronizedList(new ArrayList<>());
    private final List<ErrorEvent> errors = Collections.synchronizedList(new ArrayList<>());
    private final List<Map<Long, String>> stateReads = Collections.synchronizedList(new ArrayList<>());
    private final StrategyRegistry registry = new StrategyRegistry();
    private DefaultCamelContext camel;
    private StrategyRunner runner;

    @BeforeEach
    void start() throws Exception {
        camel = new DefaultCamelContext();
        camel.addRoutes(new RouteBuilder() {
            @Override
            public void configure() {
                from(Endpoints.REPLAY_SIGNALS_NEW).process(e -> handedToExecution.add(e.getMessage().getBody(Long.class)));
            }
        });
        camel.start();
        registry.bindStrategy(new Opens("opens_slowly_on_a", "a", 150));
        registry.bindStrategy(new Opens("opens", null, 0));
        registry.bindStrategy(new Opens("hangs", null, 60_000));
        runner = new StrategyRunner(registry, new NoUniverse(), new Market(), new Signals(), new State(),
                errors::add, camel, new Config());
    }

    @AfterEach
    void stop() throws Exception {
        runner.deactivate();
        camel.stop();
    }

    @Test
    void onReplayBarCloses_whenBarsOfTwoInstrumentsCloseTogether_thenStateReadOnce_andDecidedInTheBarsOrder() {
        List<UniverseRow> rows = List.of(row(1, "opens_slowly_on_a", "a"), row(2, "opens", "b"), row(3, "opens", "a"));

        int stored = runner.onReplayBarCloses(List.of(bar("a", BAR), bar("b", BAR)), RUN, rows);

        assertThat(stored).isEqualTo(3);
        // row 1's strategy ends last, yet its signal comes first: bar a, then a's other row, then bar b
        assertThat(inserted).containsExactly("row 1 a " + BAR, "row 3 a " + BAR, "row 2 b " + BAR);
        assertThat(handedToExecution).containsExactly(1L, 2L, 3L);
        assertThat(stateReads).containsExactly(Map.of(1L, "a", 2L, "b", 3L, "a"));
        assertThat(errors).isEmpty();
    }

    @Test
    void onReplayBarCloses_whenOneStrategyHangs_thenItTimesOutForTheRun_andTheOthersAreDecided() {
        List<UniverseRow> rows = List.of(row(1, "hangs", "a"), row(2, "opens", "b"), row(3, "opens", "c"));
        long start = System.nanoTime();

        int stored = runner.onReplayBarCloses(List.of(bar("a", BAR), bar("b", BAR), bar("c", BAR)), RUN, rows);

        assertThat(System.nanoTime() - start).isLessThan(10_000_000_000L);
        assertThat(stored).isEqualTo(2);
        assertThat(inserted).containsExactly("row 2 b " + BAR, "row 3 c " + BAR);
        assertThat(errors).singleElement().satisfies(e -> {
            assertThat(e.errorCode()).isEqualTo(ErrorCode.STRATEGY_TIMEOUT);
            assertThat(e.runId()).isEqualTo(RUN);
            assertThat(e.strategyUniverseId()).isEqualTo(1L);
        });
    }

    @Test
    void onReplayBarCloses_whenTheSameRowHasTwoBarsInOneMinute_thenTheEarlierIsDecidedBeforeTheLaterIsRun() {
        List<UniverseRow> rows = List.of(row(2, "opens", "b"));

        runner.onReplayBarCloses(List.of(bar("b", BAR), bar("b", BAR.plusSeconds(300))), RUN, rows);

        assertThat(inserted).containsExactly("row 2 b " + BAR, "row 2 b " + BAR.plusSeconds(300));
        assertThat(stateReads).hasSize(2);
    }

    private static BarClose bar(String instrument, Instant time) {
        return new BarClose(instrument, Timeframe.M5, time);
    }

    private static UniverseRow row(long id, String strategy, String symbol) {
        return new UniverseRow(id, strategy, symbol, Timeframe.M5, false, TradingMode.PAPER, 0, "{}",
                new BigDecimal("0.02"), new BigDecimal("0.2"), 1, 0, null);
    }

    /** Opens a long with a stop 5% under the close, after sleeping {@code sleepMillis} on {@code slowOn} (all if null). */
    private record Opens(String name, String slowOn, long sleepMillis) implements Strategy {
        @Override
        public Optional<Signal> onBar(Context ctx) {
            if (sleepMillis > 0 && (slowOn == null || slowOn.equals(ctx.symbol()))) {
                try {
                    Thread.sleep(sleepMillis);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return Optional.empty();
                }
            }
            return Optional.of(Signal.openLong(ctx.lastBar().close().multiply(new BigDecimal("0.95"))));
        }
    }

    private final class Signals implements SignalRepository {
        private final AtomicLong ids = new AtomicLong();

        public Optional<Long> insert(String run, long row, String symbol, Timeframe tf, Instant at, Instant barTime, String json) {
            inserted.add("row " + row + " " + symbol + " " + barTime);
            return Optional.of(ids.incrementAndGet());
        }

        public Optional<StoredSignal> last(long row) { return Optional.empty(); }

        public List<StoredSignal> recent(int limit, String strategy) { return List.of(); }
    }

    private final class State implements TradingStateRepository {
        public Optional<Position> position(String runId, long row, String symbol) { return Optional.empty(); }

        public List<Order> activeOrders(String runId, long row) { return List.of(); }

        public Optional<BigDecimal> cash(String runId) { return Optional.of(new BigDecimal("100000")); }

        @Override
        public Map<Long, TradingSnapshot> snapshots(String runId, Map<Long, String> symbolByRow) {
            stateReads.add(Map.copyOf(symbolByRow));
            return TradingStateRepository.super.snapshots(runId, symbolByRow);
        }
    }

    private static final class Market implements MarketDataRepository {
        public Optional<Instrument> findInstrument(String id) {
            return Optional.of(new Instrument(id, id.toUpperCase(), "TQBR", 1, new BigDecimal("0.01"), "rub"));
        }
        public void saveInstrument(Instrument instrument) { }
        public List<Instrument> instruments() { return List.of(); }
        public UpsertCount upsertMinutes(List<Bar> minutes, CandleSource source) { throw new UnsupportedOperationException(); }
        public void upsertBars(List<Bar> bars) { }
        public List<Bar> lastBars(String id, Timeframe timeframe, int count) { return List.of(); }
        public List<Bar> barsUpTo(String id, Timeframe timeframe, Instant upTo, int count) {
            BigDecimal p = new BigDecimal("100.00");
            return List.of(new Bar(id, timeframe, upTo, p, p, p, p, 10));
        }
        public long countBars(String id, Timeframe timeframe) { return 0; }
        public List<Bar> barsBetween(List<String> ids, Timeframe timeframe, Instant from, Instant to, int limit) { return List.of(); }
        public long countBetween(List<String> ids, Timeframe timeframe, Instant from, Instant to) { return 0; }
    }

    private static final class NoUniverse implements StrategyUniverseRepository {
        public List<UniverseRow> active(String symbol, Timeframe timeframe) { return List.of(); }
        public List<UniverseRow> all() { return List.of(); }
        public Optional<UniverseRow> find(long id) { return Optional.empty(); }
        public long add(String s, String sym, Timeframe tf, TradingMode m, String p, boolean e) { throw new UnsupportedOperationException(); }
        public boolean setEnabled(long id, boolean enabled, String reason) { return false; }
        public boolean setParam(long id, String key, String jsonValue) { return false; }
        public int recordFailure(long id) { return 0; }
        public void resetFailures(long id) { }
    }

    @SuppressWarnings("all")
    private static final class Config implements RunnerConfig {
        public long timeoutMillis() { return 2000; }
        public int maxConsecutiveFailures() { return 5; }
        public String referenceEquity() { return "1000000"; }
        public Class<? extends Annotation> annotationType() { return RunnerConfig.class; }
    }
}
