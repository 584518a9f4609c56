package dev.strela.datafeed.internal.replay;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import org.apache.camel.CamelContext;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.impl.DefaultCamelContext;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import dev.strela.api.bus.Endpoints;
import dev.strela.api.model.Bar;
import dev.strela.api.model.BarClose;
import dev.strela.api.model.Instrument;
import dev.strela.api.model.Timeframe;
import dev.strela.api.model.TradingMode;
import dev.strela.datafeed.Replays;
import dev.strela.datafeed.internal.InMemoryMarketData;
import dev.strela.datafeed.internal.RecordingErrorLog;
import dev.strela.persistence.MarketDataRepository.CandleSource;
import dev.strela.persistence.RunRepository;
import dev.strela.persistence.StrategyUniverseRepository;
import dev.strela.persistence.UniverseRow;

/**
 * The replay driver on a real (plain, non-OSGi) Camel context whose replay endpoints record what they receive: each
 * minute reaches the broker before the bars it closes go to the runner, only bars of the replayed rows go out, and a
 * replay that is cancelled or whose chain fails ends with that status and says why.
 */
class ReplayServiceTest {

    private static final ZoneId MSK = ZoneId.of("Europe/Moscow");
    private static final Instant FROM = Instant.parse("2024-03-03T21:00:00Z");
    private static final Instant TO = Instant.parse("2024-03-04T21:00:00Z");

    private final InMemoryMarketData market = new InMemoryMarketData();
    private final RecordingErrorLog errors = new RecordingErrorLog();
    private final Runs runs = new Runs();
    private final Universe universe = new Universe();
    private final List<String> seen = java.util.Collections.synchronizedList(new ArrayList<>());
    /** How many bars each message to the runner held. */
    private final List<Integer> barBatches = java.util.Collections.synchronizedList(new ArrayList<>());
    private final Map<String, Object> lastHeaders = new ConcurrentHashMap<>();
    private volatile RuntimeException runnerFailure;
    private volatile long minuteDelayMillis;
    private final CountDownLatch firstMinute = new CountDownLatch(1);
    private final ReplayWindows windows = new ReplayWindows();
    private CamelContext camel;
    private ReplayService service;

    @BeforeEach
    void start() throws Exception {
        market.saveInstrument(new Instrument("a", "AAA", "TQBR", 10, new BigDecimal("0.01"), "rub"));
        market.saveInstrument(new Instrument("b", "BBB", "TQBR", 1, new BigDecimal("0.5"), "rub"));
        camel = new DefaultCamelContext();
        camel.addRoutes(new RouteBuilder() {
            @Override
            public void configure() {
                from(Endpoints.REPLAY_MINUTES).process(e -> {
                    List<?> minutes = e.getMessage().getBody(List.class);
                    Bar first = (Bar) minutes.get(0);
                    seen.add("minutes " + minutes.size() + " " + first.openTime());
                    firstMinute.countDown();
                    if (minuteDelayMillis > 0) {
                        Thread.sleep(minuteDelayMillis);
                    }
                });
                from(Endpoints.REPLAY_BAR_CLOSE).process(e -> {
                    List<?> bars = e.getMessage().getBody(List.class);
                    lastHeaders.putAll(e.getMessage().getHeaders());
                    if (runnerFailure != null) {
                        throw runnerFailure;
                    }
                    barBatches.add(bars.size());
                    for (Object closed : bars) {
                        BarClose bar = (BarClose) closed;
                        seen.add("bar " + bar.instrumentId() + " " + bar.timeframe().code() + " " + bar.barTime());
                    }
                });
                from(Endpoints.REPLAY_FINISHED).process(e -> seen.add("finished " + e.getMessage().getBody(String.class)));
            }
        });
        camel.start();
        service = new ReplayService(market, universe, runs, errors, camel, windows);
    }

    @AfterEach
    void stop() throws Exception {
        service.deactivate();
        camel.stop();
    }

    @Test
    void start_whenMinutesCloseBars_thenEachMinuteReachesTheBrokerBeforeTheBarsItCloses_andOnlyReplayedBarsGoOut() throws Exception {
        long smaA = universe.row("sma", "a", Timeframe.M5);
        long donchianB = universe.row("donchian", "b", Timeframe.M15);
        universe.row("other", "a", Timeframe.H1);   // a strategy not asked for
        minutes("a", "2024-03-04T10:00", 15);
        minutes("b", "2024-03-04T10:00", 15);

        String run = service.start(new Replays.Request(FROM, TO, List.of("AAA", "b"), List.of("sma", "donchian"),
                new BigDecimal("500000")));
        Replays.Progress p = service.await(run, Duration.ofSeconds(20)).orElseThrow();

        assertThat(p.status()).isEqualTo("finished");
        assertThat(p.minutesDone()).isEqualTo(30);
        assertThat(p.minutesTotal()).isEqualTo(30);
        assertThat(p.barsClosed()).isEqualTo(4);   // a 5m x 3, b 15m x 1; no 1h bar of 'other', no 5m bar of b
        List<String> expected = new ArrayList<>();
        for (int m = 0; m < 15; m++) {
            expected.add("minutes 2 " + msk("2024-03-04T10:00").plusSeconds(60L * m));
            if (m % 5 == 4) {
                expected.add("bar a 5m " + msk("2024-03-04T10:00").plusSeconds(60L * (m - 4)));
            }
            if (m == 14) {
                expected.add("bar b 15m " + msk("2024-03-04T10:00"));
            }
        }
        expected.add("finished " + run);
        assertThat(seen).containsExactlyElementsOf(expected);
        // the bars that close at one minute go out together: a's third 5m bar with b's 15m bar
        assertThat(barBatches).containsExactly(1, 1, 2);
        assertThat(lastHeaders.get(Endpoints.RUN_HEADER)).isEqualTo(run);
        assertThat(((Collection<?>) lastHeaders.get(Endpoints.REPLAY_ROWS_HEADER)).stream().map(r -> ((UniverseRow) r).id()).toList())
                .isEqualTo(List.of(smaA, donchianB));
        assertThat(runs.created).containsEntry(run, "500000");
        assertThat(runs.finished.get(run)).startsWith("finished ").contains("\"minutesDone\":30");
        assertThat(errors.events()).isEmpty();
    }

    @Test
    void cancel_whenRunning_thenStopsAfterTheCurrentMinute_andTheRunIsCancelled() throws Exception {
        universe.row("sma", "a", Timeframe.M5);
        minutes("a", "2024-03-04T10:00", 200);
        minuteDelayMillis = 20;

        String run = service.start(new Replays.Request(FROM, TO, List.of("a"), List.of("sma"), new BigDecimal("1000")));
        assertThat(firstMinute.await(10, TimeUnit.SECONDS)).isTrue();
        assertThat(service.cancel(run)).isTrue();
        Replays.Progress p = service.await(run, Duration.ofSeconds(20)).orElseThrow();

        assertThat(p.status()).isEqualTo("cancelled");
        assertThat(p.minutesDone()).isBetween(1L, 20L);
        assertThat(runs.finished.get(run)).startsWith("cancelled ");
        assertThat(seen).last().isEqualTo("finished " + run);
        assertThat(service.cancel(run)).as("not running any more").isFalse();
    }

    @Test
    void start_whenTheChainFails_thenTheRunFailsWithTheReason_andAReplayFailedError() throws Exception {
        universe.row("sma", "a", Timeframe.M5);
        minutes("a", "2024-03-04T10:00", 12);
        runnerFailure = new IllegalStateException("strategy runner exploded");

        String run = service.start(new Replays.Request(FROM, TO, List.of("a"), List.of("sma"), new BigDecimal("1000")));
        Replays.Progress p = service.await(run, Duration.ofSeconds(20)).orElseThrow();

        assertThat(p.status()).isEqualTo("failed");
        assertThat(p.error()).contains("strategy runner exploded");
        assertThat(p.minutesDone()).as("stopped at the first bar").isEqualTo(4);
        assertThat(runs.finished.get(run)).startsWith("failed ").contains("strategy runner exploded");
        assertThat(errors.events()).singleElement().satisfies(e -> {
            assertThat(e.code()).isEqualTo("replay_failed");
            assertThat(e.runId()).isEqualTo(run);
            assertThat(e.message()).contains("strategy runner exploded");
        });
        assertThat(seen).last().isEqualTo("finished " + run);
    }

    @Test
    void start_whenTheRequestIsPointless_thenRefusedWithAClearReason_andNoRunCreated() {
        universe.row("sma", "a", Timeframe.M5);
        long noRisk = universe.row("bare", "a", Timeframe.M5);
        universe.rows.put(noRisk, withoutRisk(universe.rows.get(noRisk)));
        minutes("a", "2024-03-04T10:00", 5);
        BigDecimal cash = new BigDecimal("1000");

        assertThatThrownBy(() -> service.start(new Replays.Request(TO, FROM, List.of("a"), List.of(), cash)))
                .hasMessageStartingWith("period:");
        assertThatThrownBy(() -> service.start(new Replays.Request(FROM, TO, List.of("zzz"), List.of(), cash)))
                .hasMessageStartingWith("instrument_not_found:").hasMessageContaining("zzz");
        assertThatThrownBy(() -> service.start(new Replays.Request(FROM, TO, List.of("b"), List.of("sma"), cash)))
                .hasMessageStartingWith("no_universe_rows:");
        assertThatThrownBy(() -> service.start(new Replays.Request(FROM, TO, List.of("a"), List.of("bare"), cash)))
                .hasMessageStartingWith("row_without_risk:");
        assertThatThrownBy(() -> service.start(new Replays.Request(FROM.minus(Duration.ofDays(30)), FROM.minus(Duration.ofDays(29)),
                List.of("a"), List.of("sma"), cash))).hasMessageStartingWith("no_candles:");
        assertThatThrownBy(() -> service.start(new Replays.Request(FROM, TO, List.of("a"), List.of("sma"), BigDecimal.ZERO)))
                .hasMessageStartingWith("initialCash:");
        assertThat(runs.created).isEmpty();
    }

    @Test
    void start_withoutStrategies_thenOnlyEnabledPaperOrLiveRowsRun() {
        long enabled = universe.row("sma", "a", Timeframe.M5);
        universe.rows.put(enabled, enable(universe.rows.get(enabled)));
        universe.row("donchian", "a", Timeframe.M5);   // disabled
        minutes("a", "2024-03-04T10:00", 5);

        ReplayService.Plan plan = service.plan(new Replays.Request(FROM, TO, List.of("a"), List.of(), BigDecimal.TEN));

        assertThat(plan.rows()).extracting(UniverseRow::id).containsExactly(enabled);
        assertThat(plan.minutes()).isEqualTo(5);
    }

    private void minutes(String id, String firstMsk, int count) {
        List<Bar> bars = new ArrayList<>();
        Instant t = msk(firstMsk);
        for (int i = 0; i < count; i++) {
            BigDecimal p = BigDecimal.valueOf(100 + i);
            bars.add(new Bar(id, Timeframe.M1, t.plusSeconds(60L * i), p, p.add(BigDecimal.ONE), p, p, 10));
        }
        market.upsertMinutes(bars, CandleSource.GENERATOR);
    }

    private static Instant msk(String localDateTime) {
        return LocalDateTime.parse(localDateTime).atZone(MSK).toInstant();
    }

    private static UniverseRow withoutRisk(UniverseRow r) {
        return new UniverseRow(r.id(), r.strategy(), r.symbol(), r.timeframe(), r.enabled(), r.mode(), r.priority(),
                r.paramsJson(), null, r.maxStopLossFraction(), r.maxPositionsPerStrategy(), 0, null);
    }

    private static UniverseRow enable(UniverseRow r) {
        return new UniverseRow(r.id(), r.strategy(), r.symbol(), r.timeframe(), true, TradingMode.PAPER, r.priority(),
                r.paramsJson(), r.riskPerTrade(), r.maxStopLossFraction(), r.maxPositionsPerStrategy(), 0, null);
    }

    /** Rows kept in memory; new rows are disabled paper rows with the schema's defaults. */
    private static final class Universe implements StrategyUniverseRepository {
        final Map<Long, UniverseRow> rows = new java.util.TreeMap<>();

        long row(String strategy, String symbol, Timeframe tf) {
            return add(strategy, symbol, tf, TradingMode.PAPER, "{}", false);
        }

        @Override
        public List<UniverseRow> active(String symbol, Timeframe timeframe) {
            return List.of();
        }

        @Override
        public List<UniverseRow> all() {
            return List.copyOf(rows.values());
        }

        @Override
        public Optional<UniverseRow> find(long id) {
            return Optional.ofNullable(rows.get(id));
        }

        @Override
        public long add(String strategy, String symbol, Timeframe timeframe, TradingMode mode, String paramsJson, boolean enabled) {
            long id = rows.size() + 1L;
            rows.put(id, new UniverseRow(id, strategy, symbol, timeframe, enabled, mode, 0, paramsJson, new BigDecimal("0.02"),
                    new BigDecimal("0.2"), 1, 0, null));
            return id;
        }

        @Override
        public boolean setEnabled(long id, boolean enabled, String reason) {
            return false;
        }

        @Override
        public boolean setParam(long id, String key, String jsonValue) {
            return false;
        }

        @Override
        public int recordFailure(long id) {
            return 0;
        }

        @Override
        public void resetFailures(long id) {
        }
    }

    /** Runs in memory: what was created (with its cash) and how each ended ("status resultJson"). */
    private static final class Runs implements RunRepository {
        final Map<String, String> created = new ConcurrentHashMap<>();
        final Map<String, String> finished = new ConcurrentHashMap<>();

        @Override
        public void createReplay(String runId, String paramsJson, String broker, BigDecimal initialCash) {
            created.put(runId, initialCash.toPlainString());
        }

        @Override
        public boolean finish(String runId, String status, String resultJson) {
            finished.put(runId, status + " " + resultJson);
            return true;
        }

        @Override
        public int failInterrupted(String reason) {
            return 0;
        }

        @Override
        public Optional<RunRow> find(String runId) {
            return Optional.empty();
        }

        @Override
        public List<RunRow> recent(int limit) {
            return List.of();
        }

        @Override
        public Optional<AccountRow> account(String runId) {
            return Optional.empty();
        }

        @Override
        public List<TradeRow> trades(String runId) {
            return List.of();
        }

        @Override
        public Map<String, Long> refusals(String runId) {
            return Map.of();
        }

        @Override
        public Map<String, Long> errors(String runId) {
            return Map.of();
        }

        @Override
        public long[] signalsAndDecisions(String runId) {
            return new long[2];
        }
    }
}
