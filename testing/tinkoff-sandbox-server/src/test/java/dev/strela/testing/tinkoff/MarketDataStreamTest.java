package dev.strela.testing.tinkoff;

import static dev.strela.testing.tinkoff.SandboxFixture.SBER_FIGI;
import static dev.strela.testing.tinkoff.SandboxFixture.SBER_UID;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import dev.strela.testing.tinkoff.internal.Decimals;
import io.grpc.Status;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import ru.tinkoff.piapi.contract.v1.CandleInterval;
import ru.tinkoff.piapi.contract.v1.MarketDataResponse;
import ru.tinkoff.piapi.contract.v1.SubscriptionInterval;
import ru.tinkoff.piapi.contract.v1.SubscriptionStatus;
import ru.tinkoff.piapi.core.stream.MarketDataSubscriptionService;

class MarketDataStreamTest {
    private static final Duration WAIT = Duration.ofSeconds(5);
    private static final Instant T0 = Instant.parse("2024-06-03T07:00:00Z");

    private final SandboxFixture fx = new SandboxFixture();
    private final LinkedBlockingQueue<MarketDataResponse> messages = new LinkedBlockingQueue<>();
    private final LinkedBlockingQueue<Throwable> errors = new LinkedBlockingQueue<>();

    @AfterEach
    void tearDown() throws InterruptedException {
        fx.close();
    }

    private MarketDataSubscriptionService subscribeCandles(String id, boolean waitingClose) {
        MarketDataSubscriptionService stream = fx.api.getMarketDataStreamService().newStream(id, messages::add, errors::add);
        stream.subscribeCandles(List.of(SBER_UID), SubscriptionInterval.SUBSCRIPTION_INTERVAL_ONE_MINUTE, waitingClose);
        return stream;
    }

    private MarketDataResponse next() throws InterruptedException {
        MarketDataResponse message = messages.poll(WAIT.toMillis(), TimeUnit.MILLISECONDS);
        assertThat(message).as("a message within %s", WAIT).isNotNull();
        return message;
    }

    private static TestCandle candle(int minute, String close) {
        return TestCandle.of(T0.plusSeconds(60L * minute), "250.00", "251.00", "249.00", close, 100);
    }

    @Test
    void candles_whenStreamDroppedAndClientResubscribes_thenSubscriptionCountedTwiceAndCandlesFlowAgain()
            throws InterruptedException {
        subscribeCandles("candles", true);
        var answer = next().getSubscribeCandlesResponse().getCandlesSubscriptions(0);
        assertThat(answer.getSubscriptionStatus()).isEqualTo(SubscriptionStatus.SUBSCRIPTION_STATUS_SUCCESS);
        assertThat(answer.getFigi()).isEqualTo(SBER_FIGI);
        assertThat(answer.getWaitingClose()).isTrue();

        fx.server.market().pushCandle(SBER_UID, candle(0, "250.50"));
        assertThat(Decimals.of(next().getCandle().getClose())).isEqualByComparingTo("250.50");

        fx.server.streams().dropMarketData(StreamDropMode.UNAVAILABLE);
        Throwable error = errors.poll(WAIT.toMillis(), TimeUnit.MILLISECONDS);
        assertThat(Status.fromThrowable(error).getCode()).isEqualTo(Status.Code.UNAVAILABLE);
        assertThat(fx.server.streams().activeCandleSubscribers(SBER_UID)).isZero();

        subscribeCandles("candles", true);
        assertThat(fx.server.streams().awaitCandleSubscriptions(SBER_UID, 2, WAIT)).isTrue();
        assertThat(next().hasSubscribeCandlesResponse()).isTrue();
        fx.server.market().pushCandle(SBER_UID, candle(1, "250.70"));

        var candle = next().getCandle();
        assertThat(Decimals.of(candle.getClose())).isEqualByComparingTo("250.70");
        assertThat(candle.getTime().getSeconds()).isEqualTo(T0.plusSeconds(60).getEpochSecond());
        assertThat(fx.server.streams().candleSubscriptions(SBER_UID)).isEqualTo(2);
        assertThat(fx.server.streams().marketDataStreamsOpened()).isEqualTo(2);
        assertThat(fx.api.getMarketDataService().getCandlesSync(SBER_UID, T0, T0.plusSeconds(3600),
                CandleInterval.CANDLE_INTERVAL_1_MIN)).hasSize(2);
    }

    @Test
    void silentDrop_whenClientReplacesTheStream_thenOldStreamGetsNothingAndNewOneGetsCandles()
            throws InterruptedException {
        subscribeCandles("candles", true);
        assertThat(next().hasSubscribeCandlesResponse()).isTrue();

        fx.server.streams().dropMarketData(StreamDropMode.SILENT);
        fx.server.market().pushCandle(SBER_UID, candle(0, "250.10"));
        fx.server.streams().ping();
        assertThat(messages.poll(200, TimeUnit.MILLISECONDS)).isNull();
        assertThat(errors).isEmpty();

        subscribeCandles("candles", true);
        assertThat(next().hasSubscribeCandlesResponse()).isTrue();
        fx.server.market().pushCandle(SBER_UID, candle(1, "250.20"));

        assertThat(Decimals.of(next().getCandle().getClose())).isEqualByComparingTo("250.20");
        assertThat(messages.poll(100, TimeUnit.MILLISECONDS)).isNull();
    }

    @Test
    void formingCandle_whenSubscriberWaitsForClose_thenOnlyTheOtherSubscriberGetsIt() throws InterruptedException {
        var unwaiting = new LinkedBlockingQueue<MarketDataResponse>();
        fx.api.getMarketDataStreamService().newStream("live", unwaiting::add, errors::add)
                .subscribeCandles(List.of(SBER_UID), SubscriptionInterval.SUBSCRIPTION_INTERVAL_ONE_MINUTE, false);
        subscribeCandles("closed-only", true);
        assertThat(next().hasSubscribeCandlesResponse()).isTrue();
        assertThat(unwaiting.poll(5, TimeUnit.SECONDS).hasSubscribeCandlesResponse()).isTrue();

        fx.server.market().pushCandle(SBER_UID, candle(0, "250.30").forming());
        fx.server.market().pushCandle(SBER_UID, candle(0, "250.40"));

        assertThat(Decimals.of(unwaiting.poll(5, TimeUnit.SECONDS).getCandle().getClose())).isEqualByComparingTo("250.30");
        assertThat(Decimals.of(unwaiting.poll(5, TimeUnit.SECONDS).getCandle().getClose())).isEqualByComparingTo("250.40");
        assertThat(Decimals.of(next().getCandle().getClose())).isEqualByComparingTo("250.40");
        assertThat(messages.poll(100, TimeUnit.MILLISECONDS)).isNull();
    }

    @Test
    void subscription_whenInstrumentUnknownOrIntervalNotOneMinute_thenRefusedPerInstrument() throws InterruptedException {
        MarketDataSubscriptionService stream = fx.api.getMarketDataStreamService().newStream("bad", messages::add, errors::add);
        stream.subscribeCandles(List.of("no-such-figi"), SubscriptionInterval.SUBSCRIPTION_INTERVAL_ONE_MINUTE, true);
        stream.subscribeCandles(List.of(SBER_UID), SubscriptionInterval.SUBSCRIPTION_INTERVAL_FIVE_MINUTES, true);

        assertThat(next().getSubscribeCandlesResponse().getCandlesSubscriptions(0).getSubscriptionStatus())
                .isEqualTo(SubscriptionStatus.SUBSCRIPTION_STATUS_INSTRUMENT_NOT_FOUND);
        assertThat(next().getSubscribeCandlesResponse().getCandlesSubscriptions(0).getSubscriptionStatus())
                .isEqualTo(SubscriptionStatus.SUBSCRIPTION_STATUS_INTERVAL_IS_INVALID);
        assertThat(fx.server.streams().candleSubscriptions(SBER_UID)).isZero();
    }

    @Test
    void lastPrices_whenSubscribedAndTestMovesPrice_thenStreamed() throws InterruptedException {
        fx.api.getMarketDataStreamService().newStream("prices", messages::add, errors::add).subscribeLastPrices(List.of(SBER_FIGI));
        assertThat(next().getSubscribeLastPriceResponse().getLastPriceSubscriptions(0).getSubscriptionStatus())
                .isEqualTo(SubscriptionStatus.SUBSCRIPTION_STATUS_SUCCESS);

        fx.server.market().setPrice(SBER_UID, "251.37");

        var price = next().getLastPrice();
        assertThat(price.getInstrumentUid()).isEqualTo(SBER_UID);
        assertThat(Decimals.of(price.getPrice())).isEqualByComparingTo("251.37");
    }
}
