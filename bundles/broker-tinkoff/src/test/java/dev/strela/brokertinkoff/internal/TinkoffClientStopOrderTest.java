package dev.strela.brokertinkoff.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;

import io.grpc.ManagedChannel;
import io.grpc.Status;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import ru.tinkoff.piapi.contract.v1.GetStopOrdersRequest;
import ru.tinkoff.piapi.contract.v1.StopOrder;
import ru.tinkoff.piapi.contract.v1.StopOrderDirection;
import ru.tinkoff.piapi.contract.v1.StopOrderType;
import ru.tinkoff.piapi.contract.v1.StopOrdersServiceGrpc;
import ru.tinkoff.piapi.core.utils.MapperUtils;

import dev.strela.api.model.OrderSide;
import dev.strela.api.protective.ProtectiveRole;
import dev.strela.testing.tinkoff.TestInstrument;
import dev.strela.testing.tinkoff.TinkoffSandboxServer;

/**
 * Stop orders through the contract's own stub over the adapter's channel and call policy, against the loopback
 * server: what a posted stop says at the server, the lost answer found instead of placed twice, cancels, refusals.
 */
class TinkoffClientStopOrderTest {

    static final BigDecimal TICK = new BigDecimal("0.01");

    private TinkoffSandboxServer server;
    private Connection connection;
    private TinkoffClient client;
    private ManagedChannel look;
    private final List<Duration> pauses = new ArrayList<>();

    @BeforeEach
    void start() throws Exception {
        server = new TinkoffSandboxServer().start();
        server.requireToken(TinkoffClientTest.TOKEN);
        server.market().register(TestInstrument.share(TinkoffClientTest.SBER_FIGI, TinkoffClientTest.SBER, "SBER").lot(10)
                .minPriceIncrement("0.01").build());
        server.market().setPrice(TinkoffClientTest.SBER, "250.00");
        RateBudget budget = new RateBudget(Map.of("stop_orders", 100), 0.2, Duration.ofSeconds(30), RateBudget.Time.SYSTEM);
        connection = Connection.open(server.target(), true, true,
                new CallPolicy(Token.of(TinkoffClientTest.TOKEN, "test"), "dev.strela.test", Duration.ofMillis(800), budget));
        Retrier retrier = new Retrier(3, Duration.ofMillis(20), Duration.ofMillis(200), new Random(1), pauses::add);
        client = new TinkoffClient(connection.api(), retrier,
                TinkoffClient.resolveAccount(connection.api(), retrier, "", new BigDecimal("1000000")));
        look = server.openChannel(TinkoffClientTest.TOKEN);
    }

    @AfterEach
    void stop() {
        look.shutdownNow();
        connection.close();
        server.close();
    }

    /** The stop orders waiting at the server, as the contract describes them. */
    private List<StopOrder> atServer() {
        return StopOrdersServiceGrpc.newBlockingStub(look)
                .getStopOrders(GetStopOrdersRequest.newBuilder().setAccountId(client.accountId()).build()).getStopOrdersList();
    }

    @Test
    void postStopOrder_whenStopLossOfALong_thenASellStopLossGoodTillCancelOnTheTickRoundedUp() throws Exception {
        String id = client.postStopOrder(TinkoffClientTest.SBER, ProtectiveRole.STOP_LOSS, OrderSide.SELL, 3,
                new BigDecimal("245.004"), TICK, Set.of());

        assertThat(atServer()).singleElement().satisfies(s -> {
            assertThat(s.getStopOrderId()).isEqualTo(id);
            assertThat(s.getOrderType()).isEqualTo(StopOrderType.STOP_ORDER_TYPE_STOP_LOSS);
            assertThat(s.getDirection()).isEqualTo(StopOrderDirection.STOP_ORDER_DIRECTION_SELL);
            assertThat(s.getLotsRequested()).isEqualTo(3);
            assertThat(s.getInstrumentUid()).isEqualTo(TinkoffClientTest.SBER);
            assertThat(MapperUtils.moneyValueToBigDecimal(s.getStopPrice())).isEqualByComparingTo("245.01");
            assertThat(s.hasExpirationTime()).as("good till cancelled").isFalse();
        });
        assertThat(server.requests().lastHeader("authorization")).hasValue("Bearer " + TinkoffClientTest.TOKEN);
    }

    @Test
    void postStopOrder_whenTakeProfitOfAShort_thenABuyTakeProfitOnTheTickRoundedUpTowardTheEntry() throws Exception {
        client.postStopOrder(TinkoffClientTest.SBER, ProtectiveRole.TAKE_PROFIT, OrderSide.BUY, 2, new BigDecimal("239.991"),
                TICK, Set.of());

        assertThat(client.stopOrders()).singleElement().satisfies(s -> {
            assertThat(s.role()).isEqualTo(ProtectiveRole.TAKE_PROFIT);
            assertThat(s.side()).isEqualTo(OrderSide.BUY);
            assertThat(s.lots()).isEqualTo(2);
            assertThat(s.stopPrice()).isEqualByComparingTo("240.00");
        });
    }

    @Test
    void postStopOrder_whenUnavailableTwiceThenOk_thenOneStopAtTheServer() throws Exception {
        server.faults().on(StopOrdersServiceGrpc.getPostStopOrderMethod()).fail(Status.Code.UNAVAILABLE, 2);

        String id = client.postStopOrder(TinkoffClientTest.SBER, ProtectiveRole.STOP_LOSS, OrderSide.SELL, 1,
                new BigDecimal("245.00"), TICK, Set.of());

        assertThat(atServer()).extracting(StopOrder::getStopOrderId).containsExactly(id);
        assertThat(server.requests().count(StopOrdersServiceGrpc.getPostStopOrderMethod())).isEqualTo(3);
        assertThat(server.requests().count(StopOrdersServiceGrpc.getGetStopOrdersMethod()))
                .as("looked for before each repeat (plus this test's own look)").isEqualTo(3);
        assertThat(pauses).hasSize(2);
    }

    @Test
    void postStopOrder_whenPlacedButTheAnswerLost_thenFoundAmongTheStopOrdersNotPlacedAgain() throws Exception {
        server.faults().on(StopOrdersServiceGrpc.getPostStopOrderMethod()).applyThenFail(Status.Code.UNAVAILABLE);

        String id = client.postStopOrder(TinkoffClientTest.SBER, ProtectiveRole.STOP_LOSS, OrderSide.SELL, 1,
                new BigDecimal("245.00"), TICK, Set.of());

        assertThat(atServer()).extracting(StopOrder::getStopOrderId).containsExactly(id);
        assertThat(server.requests().count(StopOrdersServiceGrpc.getPostStopOrderMethod())).isEqualTo(1);
    }

    @Test
    void postStopOrder_whenAnIdenticalStopIsAlreadyFollowed_thenTheLostOneIsStillPlaced() throws Exception {
        String followed = client.postStopOrder(TinkoffClientTest.SBER, ProtectiveRole.STOP_LOSS, OrderSide.SELL, 1,
                new BigDecimal("245.00"), TICK, Set.of());
        server.faults().on(StopOrdersServiceGrpc.getPostStopOrderMethod()).fail(Status.Code.DEADLINE_EXCEEDED);

        String second = client.postStopOrder(TinkoffClientTest.SBER, ProtectiveRole.STOP_LOSS, OrderSide.SELL, 1,
                new BigDecimal("245.00"), TICK, Set.of(followed));

        assertThat(second).isNotEqualTo(followed);
        assertThat(atServer()).extracting(StopOrder::getStopOrderId).containsExactlyInAnyOrder(followed, second);
    }

    @Test
    void postStopOrder_whenRefused_thenNotRepeatedAndTheServersCodeKept() {
        server.faults().on(StopOrdersServiceGrpc.getPostStopOrderMethod()).reject("30079");

        assertThatThrownBy(() -> client.postStopOrder(TinkoffClientTest.SBER, ProtectiveRole.STOP_LOSS, OrderSide.SELL, 1,
                new BigDecimal("245.00"), TICK, Set.of()))
                .isInstanceOfSatisfying(Retrier.Failure.class, f -> {
                    assertThat(f.tinkoffCode()).isEqualTo("30079");
                    assertThat(f.retryable()).isFalse();
                });
        assertThat(server.requests().count(StopOrdersServiceGrpc.getPostStopOrderMethod())).isEqualTo(1);
        assertThat(atServer()).isEmpty();
    }

    @Test
    void cancelStopOrder_whenWaitingThenAgain_thenCancelledOnceAndThenReportedGone() throws Exception {
        String id = client.postStopOrder(TinkoffClientTest.SBER, ProtectiveRole.TAKE_PROFIT, OrderSide.SELL, 1,
                new BigDecimal("260.00"), TICK, Set.of());

        assertThat(client.cancelStopOrder(id)).isTrue();
        assertThat(server.orders().isStopOrderActive(id)).isFalse();
        assertThat(client.cancelStopOrder(id)).as("no longer waiting").isFalse();
    }

    @Test
    void orderOfStop_whenTriggered_thenTheOrderItBecameElseEmpty() throws Exception {
        String id = client.postStopOrder(TinkoffClientTest.SBER, ProtectiveRole.STOP_LOSS, OrderSide.SELL, 1,
                new BigDecimal("245.00"), TICK, Set.of());
        assertThat(client.orderOfStop(id, List.of())).isEmpty();

        server.market().setPrice(TinkoffClientTest.SBER, "244.50");

        TinkoffClient.BrokerOrder made = client.orderOfStop(id, List.of()).orElseThrow();
        assertThat(made.brokerOrderId()).isEqualTo(server.orders().orderOfStop(id).orElseThrow().getOrderId());
        assertThat(made.side()).isEqualTo(OrderSide.SELL);
        assertThat(made.lotsExecuted()).isEqualTo(1);
        assertThat(made.stages()).singleElement().satisfies(st -> assertThat(st.price()).isEqualByComparingTo("244.50"));
    }
}
