package dev.strela.testing.tinkoff;

import static dev.strela.testing.tinkoff.SandboxFixture.ACCOUNT;
import static dev.strela.testing.tinkoff.SandboxFixture.SBER_UID;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import dev.strela.testing.tinkoff.internal.ApiException;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import ru.tinkoff.piapi.contract.v1.CandleInterval;
import ru.tinkoff.piapi.contract.v1.MarketDataServiceGrpc;
import ru.tinkoff.piapi.contract.v1.MarketDataStreamServiceGrpc;
import ru.tinkoff.piapi.contract.v1.OrderDirection;
import ru.tinkoff.piapi.contract.v1.OrderType;
import ru.tinkoff.piapi.contract.v1.OrdersServiceGrpc;
import ru.tinkoff.piapi.contract.v1.PostOrderRequest;
import ru.tinkoff.piapi.contract.v1.Quotation;
import ru.tinkoff.piapi.contract.v1.UsersServiceGrpc;
import ru.tinkoff.piapi.core.exception.ApiRuntimeException;

class FaultInjectionTest {
    private final SandboxFixture fx = new SandboxFixture();

    @AfterEach
    void tearDown() throws InterruptedException {
        fx.close();
    }

    private static Status.Code statusOf(ApiRuntimeException e) {
        return Status.fromThrowable(e.getCause()).getCode();
    }

    @Test
    void unavailableTwice_whenClientRetries_thenThirdCallAnsweredAndAllThreeCounted() {
        fx.server.faults().on(UsersServiceGrpc.getGetAccountsMethod()).fail(Status.Code.UNAVAILABLE, 2);

        for (int i = 0; i < 2; i++) {
            assertThatThrownBy(() -> fx.api.getUserService().getAccountsSync())
                    .isInstanceOfSatisfying(ApiRuntimeException.class,
                            e -> assertThat(statusOf(e)).isEqualTo(Status.Code.UNAVAILABLE));
        }
        assertThat(fx.api.getUserService().getAccountsSync()).extracting(a -> a.getId()).containsExactly(ACCOUNT);
        assertThat(fx.server.requests().count(UsersServiceGrpc.getGetAccountsMethod())).isEqualTo(3);
        assertThat(fx.server.faults().pending(UsersServiceGrpc.getGetAccountsMethod())).isZero();
    }

    @Test
    void statusFaults_whenScriptedInSequence_thenEachReachesTheSdkWithTinkoffCodes() {
        fx.server.faults().on(UsersServiceGrpc.getGetAccountsMethod())
                .fail(Status.Code.DEADLINE_EXCEEDED)
                .fail(Status.Code.RESOURCE_EXHAUSTED)
                .pass()
                .fail(Status.Code.INTERNAL);

        assertThatThrownBy(() -> fx.api.getUserService().getAccountsSync())
                .isInstanceOfSatisfying(ApiRuntimeException.class,
                        e -> assertThat(statusOf(e)).isEqualTo(Status.Code.DEADLINE_EXCEEDED));
        assertThatThrownBy(() -> fx.api.getUserService().getAccountsSync())
                .isInstanceOfSatisfying(ApiRuntimeException.class, e -> {
                    assertThat(statusOf(e)).isEqualTo(Status.Code.RESOURCE_EXHAUSTED);
                    assertThat(e.getCode()).isEqualTo("80002");
                });
        assertThat(fx.api.getUserService().getAccountsSync()).hasSize(1);
        assertThatThrownBy(() -> fx.api.getUserService().getAccountsSync())
                .isInstanceOfSatisfying(ApiRuntimeException.class, e -> {
                    assertThat(statusOf(e)).isEqualTo(Status.Code.INTERNAL);
                    assertThat(e.getCode()).isEqualTo("70001");
                    assertThat(e.getTrackingId()).isNotBlank();
                });
    }

    @Test
    void rejection30079_whenScripted_thenInvalidArgumentWithCodeAndMessageTrailerAndNoOrder() {
        fx.server.market().setPrice(SBER_UID, "250.00");
        fx.server.faults().on(OrdersServiceGrpc.getPostOrderMethod()).reject("30079");

        assertThatThrownBy(() -> fx.api.getOrdersService().postOrderSync(SBER_UID, 1, Quotation.getDefaultInstance(),
                OrderDirection.ORDER_DIRECTION_BUY, ACCOUNT, OrderType.ORDER_TYPE_MARKET, "rejected-1"))
                .isInstanceOfSatisfying(ApiRuntimeException.class, e -> {
                    assertThat(statusOf(e)).isEqualTo(Status.Code.INVALID_ARGUMENT);
                    assertThat(e.getCode()).isEqualTo("30079");
                    assertThat(e.getMetadata().get(ApiException.MESSAGE_TRAILER))
                            .isEqualTo("instrument is not available for trading");
                });
        assertThat(fx.server.orders().all()).isEmpty();
    }

    @Test
    void delay_whenLongerThanClientDeadline_thenDeadlineExceededButOrderPlaced() {
        fx.server.market().setPrice(SBER_UID, "250.00");
        fx.server.faults().on(OrdersServiceGrpc.getPostOrderMethod()).delay(Duration.ofMillis(700));
        PostOrderRequest request = PostOrderRequest.newBuilder()
                .setInstrumentId(SBER_UID).setQuantity(1).setDirection(OrderDirection.ORDER_DIRECTION_BUY)
                .setAccountId(ACCOUNT).setOrderType(OrderType.ORDER_TYPE_MARKET).setOrderId("late-1").build();
        fx.api.getUserService().getAccountsSync();   // the channel connected: the 200 ms are the call's alone

        assertThatThrownBy(() -> OrdersServiceGrpc.newBlockingStub(fx.channel)
                .withDeadlineAfter(200, TimeUnit.MILLISECONDS).postOrder(request))
                .isInstanceOfSatisfying(StatusRuntimeException.class,
                        e -> assertThat(e.getStatus().getCode()).isEqualTo(Status.Code.DEADLINE_EXCEEDED));
        assertThat(SandboxStreams.await(() -> fx.server.orders().countWithRequestId("late-1") == 1, Duration.ofSeconds(5)))
                .as("the order placed").isTrue();

        var resent = OrdersServiceGrpc.newBlockingStub(fx.channel).postOrder(request);
        assertThat(resent.getOrderRequestId()).isEqualTo("late-1");
        assertThat(fx.server.orders().all()).hasSize(1);
    }

    @Test
    void hold_whenTheTestChangesStateDuringIt_thenTheAnswerHasTheChangeButDelay_doesNot() throws Exception {
        Instant t0 = Instant.parse("2024-06-03T07:00:00Z");
        fx.server.faults().on(MarketDataServiceGrpc.getGetCandlesMethod())
                .hold(Duration.ofMillis(1000))
                .delay(Duration.ofMillis(1000));
        fx.api.getUserService().getAccountsSync();   // the channel connected: the first call is not slowed by it

        var held = fx.api.getMarketDataService().getCandles(SBER_UID, t0, t0.plusSeconds(3600), CandleInterval.CANDLE_INTERVAL_1_MIN);
        Thread.sleep(150);
        fx.server.market().loadCandles(SBER_UID, List.of(TestCandle.of(t0, "250.00", "251.00", "249.00", "250.50", 10)));
        var delayed = fx.api.getMarketDataService().getCandles(SBER_UID, t0, t0.plusSeconds(3600), CandleInterval.CANDLE_INTERVAL_1_MIN);
        Thread.sleep(150);
        fx.server.market().loadCandles(SBER_UID, List.of(TestCandle.of(t0.plusSeconds(60), "250.50", "251.00", "249.00", "250.70", 10)));

        assertThat(held.get(5, TimeUnit.SECONDS)).as("handled after the hold: both candles").hasSize(2);
        assertThat(delayed.get(5, TimeUnit.SECONDS)).as("handled at once, answered late: the first candle only").hasSize(1);
        assertThat(fx.server.faults().pending(MarketDataServiceGrpc.getGetCandlesMethod())).isZero();
    }

    @Test
    void marketDataStream_whenFailScripted_thenStreamEndsWithThatStatus() throws InterruptedException {
        var errors = new LinkedBlockingQueue<Throwable>();
        fx.server.faults().on(MarketDataStreamServiceGrpc.getMarketDataStreamMethod())
                .fail(Status.Code.UNAVAILABLE);

        fx.api.getMarketDataStreamService().newStream("md", r -> { }, errors::add)
                .subscribeCandles(List.of(SBER_UID));

        Throwable error = errors.poll(5, TimeUnit.SECONDS);
        assertThat(Status.fromThrowable(error).getCode()).isEqualTo(Status.Code.UNAVAILABLE);
        assertThat(fx.server.streams().candleSubscriptions(SBER_UID)).isZero();
    }
}
