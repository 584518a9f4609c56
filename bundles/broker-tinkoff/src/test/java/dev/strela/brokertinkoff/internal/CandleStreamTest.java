package dev.strela.brokertinkoff.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.lang.reflect.Proxy;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.BooleanSupplier;

import io.grpc.Status;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import ru.tinkoff.piapi.contract.v1.MarketDataServiceGrpc;
import ru.tinkoff.piapi.contract.v1.MarketDataStreamServiceGrpc;

import dev.strela.api.model.SessionHours;
import dev.strela.api.error.ErrorEvent;
import dev.strela.api.model.Bar;
import dev.strela.api.model.Timeframe;
import dev.strela.api.model.TradingMode;
import dev.strela.persistence.MarketDataRepository;
import dev.strela.persistence.UniverseRow;
import dev.strela.testing.tinkoff.StreamDropMode;
import dev.strela.testing.tinkoff.TestCandle;
import dev.strela.testing.tinkoff.TestInstrument;
import dev.strela.testing.tinkoff.TinkoffSandboxServer;

/**
 * The candle stream against the loopback server built from Tinkoff's contract (no mock of the server): candles in
 * order with exact prices, a stream dropped with UNAVAILABLE and one gone silent replaced and the missed minutes read
 * back once, stream candles overlapping the read-back sent once, quiet hours left alone, the live rows followed, the
 * backoff growing over failures, the thread ended by stop, and the token in no log line and no error.
 *
 * <p>Time: the stream's clock runs in real time from a chosen moment (Monday 2024-06-03 10:30 MSK, 30 minutes after
 * the test candles' first minute), so its silence limit (1 s here) passes in real time.
 */
class CandleStreamTest {

    private static final String TOKEN = "t.candle-stream-token-not-real-5d2f";
    private static final String SBER = TinkoffClientTest.SBER;
    private static final String GAZP = "962e2a95-02a9-4171-abd7-aa198dbe643a";
    private static final Instant T0 = Instant.parse("2024-06-03T07:00:00Z");
    private static final Instant TRADING = T0.plusSeconds(30 * 60 + 10);
    private static final Instant SATURDAY = Instant.parse("2024-06-08T09:00:00Z");
    /** Long enough that a probe's answer beats it on a loaded machine, where the server shares the JVM. */
    private static final Duration SILENCE = Duration.ofSeconds(2);
    private static final Duration WAIT = Duration.ofSeconds(10);

    private TinkoffSandboxServer server;
    private Connection connection;
    private RateBudget budget;
    private CandleStream stream;
    private final List<Bar> sent = new CopyOnWriteArrayList<>();
    private final List<ErrorEvent> errors = new CopyOnWriteArrayList<>();
    private final List<Duration> backoffs = new CopyOnWriteArrayList<>();
    private final List<UniverseRow> rows = new CopyOnWriteArrayList<>();
    private final Map<String, Bar> stored = new ConcurrentHashMap<>();
    private Duration refresh = Duration.ofMinutes(1);

    @BeforeEach
    void start() {
        server = new TinkoffSandboxServer().start();
        server.requireToken(TOKEN);
        server.market().register(TestInstrument.share(TinkoffClientTest.SBER_FIGI, SBER, "SBER").lot(10).build());
        server.market().register(TestInstrument.share("BBG004730RP0", GAZP, "GAZP").lot(10).build());
        budget = new RateBudget(Map.of("market_data", 240), 0.2, Duration.ofSeconds(30), RateBudget.Time.SYSTEM);
        connection = Connection.open(server.target(), true, true, new CallPolicy(Token.of(TOKEN, "test"), "dev.strela.test",
                Duration.ofSeconds(2), budget));
        rows.add(LiveInstrumentsTest.row(1, SBER, TradingMode.LIVE, true));
        rows.add(LiveInstrumentsTest.row(2, GAZP, TradingMode.PAPER, true));
        rows.add(LiveInstrumentsTest.row(3, GAZP, TradingMode.LIVE, false));
    }

    @AfterEach
    void stop() throws InterruptedException {
        if (stream != null) {
            stream.stop(Duration.ofSeconds(5));
        }
        connection.close();
        server.close();
    }

    @Test
    void stream_whenCandlesArrive_thenTheDaysMinutesReadBackThenStreamedOnesAsBarsInOrderWithExactPrices() throws Exception {
        server.market().loadCandles(SBER, List.of(candle(0, "250.10"), candle(1, "250.20"), candle(2, "250.30")));
        start(TRADING);
        awaitSent(3);

        server.market().pushCandle(SBER, candle(3, "250.123456789"));
        server.market().pushCandle(SBER, candle(4, "250.40").forming());   // waiting_close: never sent to this stream
        server.market().pushCandle(SBER, candle(4, "250.50"));
        awaitSent(5);

        assertThat(minutes()).containsExactly(minute(0), minute(1), minute(2), minute(3), minute(4));
        assertThat(sent).allSatisfy(b -> {
            assertThat(b.instrumentId()).isEqualTo(SBER);
            assertThat(b.timeframe()).isEqualTo(Timeframe.M1);
            assertThat(b.volume()).isEqualTo(100);
        });
        assertThat(sent.get(3).close().toPlainString()).isEqualTo("250.123456789");
        assertThat(sent.get(4).close().toPlainString()).isEqualTo("250.5");
        assertThat(server.streams().candleSubscriptions(SBER)).isEqualTo(1);
        assertThat(server.streams().candleSubscriptions(GAZP)).as("paper and disabled rows are not streamed").isZero();
        assertThat(errors).isEmpty();
    }

    @Test
    void firstSubscription_whenMinutesOfTodayAreStored_thenReadBackStartsAfterTheLastStoredOne() throws Exception {
        store(minuteBar(SBER, 1));
        server.market().loadCandles(SBER, List.of(candle(0, "250.10"), candle(1, "250.20"), candle(2, "250.30"),
                candle(3, "250.40")));

        start(TRADING);
        awaitSent(2);

        assertThat(minutes()).containsExactly(minute(2), minute(3));
        assertThat(server.requests().of(MarketDataServiceGrpc.getGetCandlesMethod())).hasSize(1);
        assertThat(budget.used("market_data")).as("the read-back takes its place in the rate budget").isEqualTo(1);
    }

    @Test
    void stream_whenDroppedWithUnavailable_thenSubscribedAgainAndTheMissedMinutesReadBackOnceInOrder() throws Exception {
        server.market().loadCandles(SBER, List.of(candle(0, "250.10"), candle(1, "250.20"), candle(2, "250.30")));
        start(TRADING);
        awaitSent(3);
        server.market().pushCandle(SBER, candle(3, "250.40"));
        awaitSent(4);

        // minutes 4 and 5 close while the stream is gone: the server has them, the client never heard of them
        server.market().loadCandles(SBER, List.of(candle(4, "250.50"), candle(5, "250.60")));
        server.streams().dropMarketData(StreamDropMode.UNAVAILABLE);
        assertThat(server.streams().awaitCandleSubscriptions(SBER, 2, WAIT)).isTrue();
        server.market().pushCandle(SBER, candle(6, "250.70"));
        awaitSent(7);
        Thread.sleep(SILENCE.toMillis());

        assertThat(minutes()).containsExactly(minute(0), minute(1), minute(2), minute(3), minute(4), minute(5), minute(6));
        assertThat(sent.get(5).close()).isEqualByComparingTo("250.60");
        assertThat(server.streams().candleSubscriptions(SBER)).isEqualTo(2);
        assertThat(errors).singleElement().satisfies(e -> {
            assertThat(e.code()).isEqualTo("data_feed_down");
            assertThat(e.severity().code()).isEqualTo("warning");
            assertThat(e.message()).contains("source=tinkoff").contains("ended: UNAVAILABLE");
        });
        assertThat(backoffs).hasSize(1);
    }

    @Test
    void stream_whenSilentDuringTradingHours_thenReplacedAndTheMinuteItSwallowedReadBack() throws Exception {
        server.market().loadCandles(SBER, List.of(candle(0, "250.10"), candle(1, "250.20")));
        start(TRADING);
        awaitSent(2);

        server.streams().dropMarketData(StreamDropMode.SILENT);
        server.market().pushCandle(SBER, candle(2, "250.30"));   // the silent stream swallows it
        assertThat(server.streams().awaitCandleSubscriptions(SBER, 2, WAIT)).isTrue();
        server.market().pushCandle(SBER, candle(3, "250.40"));
        awaitSent(4);

        assertThat(minutes()).containsExactly(minute(0), minute(1), minute(2), minute(3));
        assertThat(errors).singleElement().satisfies(e -> assertThat(e.message()).contains("silent for"));
        assertThat(await(() -> server.streams().openMarketDataStreams() == 1)).as("the silent stream was closed").isTrue();
    }

    @Test
    void stream_whenQuietButAliveDuringTradingHours_thenAskedAndKeptNotReplaced() throws Exception {
        start(TRADING);
        assertThat(server.streams().awaitCandleSubscriptions(SBER, 1, WAIT)).isTrue();

        Thread.sleep(SILENCE.multipliedBy(5).toMillis());

        assertThat(server.streams().candleSubscriptions(SBER)).isEqualTo(1);
        assertThat(server.streams().marketDataStreamsOpened()).isEqualTo(1);
        assertThat(errors).isEmpty();
    }

    @Test
    void stream_whenStreamCandlesOverlapTheReadBack_thenEachMinuteSentOnce() throws Exception {
        server.market().loadCandles(SBER, List.of(candle(0, "250.10"), candle(1, "250.20")));
        start(TRADING);
        awaitSent(2);
        // the read-back after the drop is handled only after the next minute was streamed to the new subscription:
        // that minute comes both streamed and read back
        server.faults().on(MarketDataServiceGrpc.getGetCandlesMethod()).hold(Duration.ofMillis(800));

        server.streams().dropMarketData(StreamDropMode.UNAVAILABLE);
        assertThat(server.streams().awaitCandleSubscriptions(SBER, 2, WAIT)).isTrue();
        server.market().pushCandle(SBER, candle(2, "250.30"));
        awaitSent(3);
        server.market().pushCandle(SBER, candle(3, "250.40"));
        awaitSent(4);
        Thread.sleep(SILENCE.toMillis());

        assertThat(server.faults().pending(MarketDataServiceGrpc.getGetCandlesMethod())).isZero();
        assertThat(minutes()).containsExactly(minute(0), minute(1), minute(2), minute(3));
    }

    @Test
    void stream_whenSilentOutsideTradingHours_thenLeftAloneWithoutResubscribing() throws Exception {
        start(SATURDAY);
        assertThat(server.streams().awaitCandleSubscriptions(SBER, 1, WAIT)).isTrue();

        server.streams().dropMarketData(StreamDropMode.SILENT);
        Thread.sleep(SILENCE.multipliedBy(5).toMillis());

        assertThat(server.streams().candleSubscriptions(SBER)).isEqualTo(1);
        assertThat(backoffs).isEmpty();
        assertThat(errors).isEmpty();
    }

    @Test
    void stream_whenSubscribingFailsThreeTimes_thenBackoffStepsGrowAndTheFourthAttemptStreams() throws Exception {
        server.faults().on(MarketDataStreamServiceGrpc.getMarketDataStreamMethod()).fail(Status.Code.UNAVAILABLE, 3);
        server.market().loadCandles(SBER, List.of(candle(0, "250.10")));

        start(TRADING);
        awaitSent(1);

        assertThat(backoffs).hasSize(3);
        for (int i = 0; i < 3; i++) {
            assertThat(backoffs.get(i)).as("step %d: full jitter under 20 ms x 2^%d", i + 1, i)
                    .isBetween(Duration.ofMillis(1), Duration.ofMillis(20L * (1 << i) + 1));
        }
        assertThat(errors).hasSize(3).allSatisfy(e -> assertThat(e.message()).contains("UNAVAILABLE"));
        assertThat(server.streams().candleSubscriptions(SBER)).isEqualTo(1);
    }

    @Test
    void stream_whenALiveRowIsAdded_thenItsInstrumentIsSubscribedAndItsDayReadBackWithoutAnError() throws Exception {
        refresh = Duration.ofMillis(200);
        server.market().loadCandles(SBER, List.of(candle(0, "250.10")));
        server.market().loadCandles(GAZP, List.of(candle(0, "150.10"), candle(1, "150.20")));
        start(TRADING);
        awaitSent(1);

        rows.add(LiveInstrumentsTest.row(4, GAZP, TradingMode.LIVE, true));
        assertThat(server.streams().awaitCandleSubscriptions(GAZP, 1, WAIT)).isTrue();
        awaitSent(3);
        server.market().pushCandle(GAZP, candle(2, "150.30"));
        awaitSent(4);

        assertThat(sent).extracting(b -> b.instrumentId().substring(0, 4) + " " + b.openTime())
                .containsExactly("e612 " + minute(0), "962e " + minute(0), "962e " + minute(1), "962e " + minute(2));
        assertThat(errors).isEmpty();
    }

    @Test
    void stop_thenTheThreadEndsAndTheStreamIsClosed() throws Exception {
        start(TRADING);
        assertThat(server.streams().awaitCandleSubscriptions(SBER, 1, WAIT)).isTrue();

        assertThat(stream.stop(Duration.ofSeconds(5))).isTrue();

        assertThat(Thread.getAllStackTraces().keySet()).noneMatch(t -> t.getName().equals("strela-tinkoff-candles"));
        assertThat(await(() -> server.streams().openMarketDataStreams() == 0)).isTrue();
        stream = null;
    }

    @Test
    void logsAndErrors_whenTheStreamFailsInEveryWay_thenNeverTheToken() throws Exception {
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        PrintStream original = System.err;
        System.setErr(new PrintStream(new Tee(original, captured), true, StandardCharsets.UTF_8));
        try {
            server.market().loadCandles(SBER, List.of(candle(0, "250.10")));
            server.faults().on(MarketDataStreamServiceGrpc.getMarketDataStreamMethod()).fail(Status.Code.UNAUTHENTICATED);
            start(TRADING);
            awaitSent(1);
            server.faults().on(MarketDataServiceGrpc.getGetCandlesMethod()).fail(Status.Code.INTERNAL, 3);
            server.streams().dropMarketData(StreamDropMode.UNAVAILABLE);
            assertThat(server.streams().awaitCandleSubscriptions(SBER, 3, WAIT)).isTrue();
            server.streams().dropMarketData(StreamDropMode.SILENT);
            assertThat(server.streams().awaitCandleSubscriptions(SBER, 4, WAIT)).isTrue();
            Thread.sleep(SILENCE.toMillis());
        } finally {
            System.setErr(original);
        }

        String log = captured.toString(StandardCharsets.UTF_8);
        assertThat(log).as("the log was captured").contains("Tinkoff candle stream").contains("UNAUTHENTICATED");
        assertThat(log).doesNotContain(TOKEN).doesNotContain(TOKEN.substring(2));
        assertThat(errors).isNotEmpty().noneMatch(e -> e.message().contains(TOKEN.substring(2)));
        assertThat(server.requests().lastHeader("authorization")).hasValue("Bearer " + TOKEN);
    }

    // ---- helpers ------------------------------------------------------------------------------------------------

    private void start(Instant now) {
        CandleSettings settings = new CandleSettings(true, List.of(), SILENCE, Duration.ofMillis(20), Duration.ofMillis(200),
                SessionHours.parse("candleWatchHours", "09:50-23:50"), refresh);
        Clock clock = Clock.offset(Clock.systemUTC(), Duration.between(Instant.now(), now));
        Retrier calls = new Retrier(3, Duration.ofMillis(5), Duration.ofMillis(20), new Random(3), d -> Thread.sleep(d.toMillis()));
        Retrier backoff = new Retrier(1, settings.retryInitial(), settings.retryMax(), new Random(5), d -> {
            backoffs.add(d);
            Thread.sleep(d.toMillis());
        });
        MarketDataRepository market = market();
        stream = new CandleStream(connection.api().getChannel(),
                new CandleBackfill(connection.api(), calls, market, settings.hours(), errors::add),
                () -> LiveInstruments.of(rows, List.of()), new InstrumentIds(market), this::take, errors::add, settings,
                backoff, clock, Token.of(TOKEN, "test"));
        stream.start();
    }

    /** The data feed's side: every minute taken is "stored". */
    private void take(Bar minute) {
        sent.add(minute);
        store(minute);
    }

    private void store(Bar minute) {
        stored.merge(minute.instrumentId(), minute, (a, b) -> a.openTime().isAfter(b.openTime()) ? a : b);
    }

    private MarketDataRepository market() {
        return (MarketDataRepository) Proxy.newProxyInstance(MarketDataRepository.class.getClassLoader(),
                new Class<?>[] {MarketDataRepository.class}, (p, method, args) -> switch (method.getName()) {
                    case "lastBars" -> Optional.ofNullable(stored.get((String) args[0])).map(List::of).orElse(List.of());
                    case "findInstrument" -> Optional.empty();
                    case "toString" -> "market";
                    default -> throw new UnsupportedOperationException(method.getName());
                });
    }

    private static TestCandle candle(int minute, String close) {
        return TestCandle.of(minute(minute), "250.00", "251.00", "149.00", close, 100);
    }

    private static Instant minute(int minute) {
        return T0.plusSeconds(60L * minute);
    }

    private static Bar minuteBar(String id, int minute) {
        BigDecimal p = new BigDecimal("250.00");
        return new Bar(id, Timeframe.M1, minute(minute), p, p, p, p, 1);
    }

    private List<Instant> minutes() {
        return sent.stream().map(Bar::openTime).toList();
    }

    private void awaitSent(int count) throws InterruptedException {
        assertThat(await(() -> sent.size() >= count)).as("%d minutes sent within %s, sent: %s", count, WAIT, minutes()).isTrue();
    }

    private static boolean await(BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                return false;
            }
            Thread.sleep(10);
        }
        return true;
    }

    /** Writes to both streams. */
    private static final class Tee extends OutputStream {
        private final OutputStream a;
        private final OutputStream b;

        Tee(OutputStream a, OutputStream b) {
            this.a = a;
            this.b = b;
        }

        @Override
        public synchronized void write(int c) throws java.io.IOException {
            a.write(c);
            b.write(c);
        }

        @Override
        public synchronized void write(byte[] buf, int off, int len) throws java.io.IOException {
            a.write(buf, off, len);
            b.write(buf, off, len);
        }
    }
}
