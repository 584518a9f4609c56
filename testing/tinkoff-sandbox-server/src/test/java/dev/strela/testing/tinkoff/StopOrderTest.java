package dev.strela.testing.tinkoff;

import static dev.strela.testing.tinkoff.SandboxFixture.ACCOUNT;
import static dev.strela.testing.tinkoff.SandboxFixture.SBER_UID;
import static dev.strela.testing.tinkoff.SandboxFixture.price;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import dev.strela.testing.tinkoff.internal.Decimals;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import ru.tinkoff.piapi.contract.v1.OrderDirection;
import ru.tinkoff.piapi.contract.v1.OrderExecutionReportStatus;
import ru.tinkoff.piapi.contract.v1.OrderTrades;
import ru.tinkoff.piapi.contract.v1.OrderType;
import ru.tinkoff.piapi.contract.v1.Quotation;
import ru.tinkoff.piapi.contract.v1.StopOrderDirection;
import ru.tinkoff.piapi.contract.v1.StopOrderType;
import ru.tinkoff.piapi.contract.v1.StopOrdersServiceGrpc;
import ru.tinkoff.piapi.core.exception.ApiRuntimeException;
import ru.tinkoff.piapi.core.exception.SandboxModeViolationException;

class StopOrderTest {
    private final SandboxFixture fx = new SandboxFixture();
    private final LinkedBlockingQueue<OrderTrades> trades = new LinkedBlockingQueue<>();

    @BeforeEach
    void holdTwoLots() {
        fx.api.getOrdersStreamService().subscribeTrades(
                r -> { if (r.hasOrderTrades()) { trades.add(r.getOrderTrades()); } }, e -> { }, List.of(ACCOUNT));
        assertThat(fx.server.streams().awaitOpenTradesStreams(1, Duration.ofSeconds(5))).isTrue();
        fx.server.market().setPrice(SBER_UID, "250.00");
        fx.api.getOrdersService().postOrderSync(SBER_UID, 2, Quotation.getDefaultInstance(),
                OrderDirection.ORDER_DIRECTION_BUY, ACCOUNT, OrderType.ORDER_TYPE_MARKET, "entry");
    }

    @AfterEach
    void tearDown() throws InterruptedException {
        fx.close();
    }

    private String stop(StopOrderType type, StopOrderDirection direction, String stopPrice, String limitPrice) {
        return fx.api.getStopOrdersService().postStopOrderGoodTillCancelSync(SBER_UID, 2,
                limitPrice == null ? Quotation.getDefaultInstance() : price(limitPrice), price(stopPrice),
                direction, ACCOUNT, type);
    }

    @Test
    void stopLoss_whenPriceFallsThroughIt_thenMarketSellFilledAndPositionClosed() throws InterruptedException {
        assertThat(trades.poll(5, TimeUnit.SECONDS)).isNotNull();
        String stopId = stop(StopOrderType.STOP_ORDER_TYPE_STOP_LOSS, StopOrderDirection.STOP_ORDER_DIRECTION_SELL, "245.00", null);
        var listed = fx.api.getStopOrdersService().getStopOrdersSync(ACCOUNT);
        assertThat(listed).singleElement().satisfies(s -> {
            assertThat(s.getStopOrderId()).isEqualTo(stopId);
            assertThat(Decimals.of(s.getStopPrice())).isEqualByComparingTo("245");
        });

        fx.server.market().setPrice(SBER_UID, "245.01");
        assertThat(fx.server.orders().isStopOrderActive(stopId)).isTrue();
        fx.server.market().setPrice(SBER_UID, "244.90");

        assertThat(fx.api.getStopOrdersService().getStopOrdersSync(ACCOUNT)).isEmpty();
        var order = fx.server.orders().orderOfStop(stopId).orElseThrow();
        assertThat(order.getExecutionReportStatus()).isEqualTo(OrderExecutionReportStatus.EXECUTION_REPORT_STATUS_FILL);
        assertThat(order.getDirection()).isEqualTo(OrderDirection.ORDER_DIRECTION_SELL);
        OrderTrades sell = trades.poll(5, TimeUnit.SECONDS);
        assertThat(sell.getOrderId()).isEqualTo(order.getOrderId());
        assertThat(Decimals.of(sell.getTrades(0).getPrice())).isEqualByComparingTo("244.90");
        assertThat(fx.server.accounts().position(ACCOUNT, SBER_UID)).isZero();
        assertThat(fx.server.accounts().cash(ACCOUNT)).isEqualByComparingTo("99893.05");
    }

    @Test
    void takeProfit_whenPriceRisesToIt_thenSold() {
        String stopId = stop(StopOrderType.STOP_ORDER_TYPE_TAKE_PROFIT, StopOrderDirection.STOP_ORDER_DIRECTION_SELL, "260.00", null);

        fx.server.market().setPrice(SBER_UID, "259.99");
        assertThat(fx.server.orders().orderOfStop(stopId)).isEmpty();
        fx.server.market().setPrice(SBER_UID, "260.00");

        assertThat(fx.server.orders().orderOfStop(stopId)).hasValueSatisfying(o ->
                assertThat(Decimals.of(o.getAveragePositionPrice())).isEqualByComparingTo("260"));
        assertThat(fx.server.accounts().position(ACCOUNT, SBER_UID)).isZero();
    }

    @Test
    void stopLimit_whenTriggered_thenRestingLimitOrderFillsAtItsPrice() {
        String stopId = stop(StopOrderType.STOP_ORDER_TYPE_STOP_LIMIT, StopOrderDirection.STOP_ORDER_DIRECTION_BUY, "255.00", "254.00");

        fx.server.market().setPrice(SBER_UID, "255.20");
        var resting = fx.server.orders().orderOfStop(stopId).orElseThrow();
        assertThat(resting.getOrderType()).isEqualTo(OrderType.ORDER_TYPE_LIMIT);
        assertThat(resting.getExecutionReportStatus()).isEqualTo(OrderExecutionReportStatus.EXECUTION_REPORT_STATUS_NEW);
        assertThat(fx.api.getOrdersService().getOrdersSync(ACCOUNT)).hasSize(1);

        fx.server.market().setPrice(SBER_UID, "253.90");
        assertThat(fx.server.orders().orderOfStop(stopId)).hasValueSatisfying(o -> {
            assertThat(o.getExecutionReportStatus()).isEqualTo(OrderExecutionReportStatus.EXECUTION_REPORT_STATUS_FILL);
            assertThat(Decimals.of(o.getAveragePositionPrice())).isEqualByComparingTo("254");
        });
        assertThat(fx.server.accounts().position(ACCOUNT, SBER_UID)).isEqualTo(40);
    }

    @Test
    void stopLoss_whenCancelled_thenGoneAndPriceMoveTradesNothing() {
        String stopId = stop(StopOrderType.STOP_ORDER_TYPE_STOP_LOSS, StopOrderDirection.STOP_ORDER_DIRECTION_SELL, "245.00", null);

        fx.api.getStopOrdersService().cancelStopOrderSync(ACCOUNT, stopId);
        fx.server.market().setPrice(SBER_UID, "240.00");

        assertThat(fx.api.getStopOrdersService().getStopOrdersSync(ACCOUNT)).isEmpty();
        assertThat(fx.server.orders().orderOfStop(stopId)).isEmpty();
        assertThat(fx.server.accounts().position(ACCOUNT, SBER_UID)).isEqualTo(20);
        assertThatThrownBy(() -> fx.api.getStopOrdersService().cancelStopOrderSync(ACCOUNT, stopId))
                .isInstanceOfSatisfying(ApiRuntimeException.class, e -> assertThat(e.getCode()).isEqualTo("50006"));
    }

    @Test
    void goodTillDate_whenExpiryPasses_thenNoLongerListedAndNeverTriggers() throws InterruptedException {
        String stopId = fx.api.getStopOrdersService().postStopOrderGoodTillDateSync(SBER_UID, 2,
                Quotation.getDefaultInstance(), price("245.00"), StopOrderDirection.STOP_ORDER_DIRECTION_SELL, ACCOUNT,
                StopOrderType.STOP_ORDER_TYPE_STOP_LOSS, Instant.now().plusSeconds(1));
        assertThat(fx.api.getStopOrdersService().getStopOrdersSync(ACCOUNT)).hasSize(1);

        Thread.sleep(1100);
        fx.server.market().setPrice(SBER_UID, "240.00");

        assertThat(fx.api.getStopOrdersService().getStopOrdersSync(ACCOUNT)).isEmpty();
        assertThat(fx.server.orders().orderOfStop(stopId)).isEmpty();
        assertThat(fx.server.accounts().position(ACCOUNT, SBER_UID)).isEqualTo(20);
        assertThatThrownBy(() -> fx.api.getStopOrdersService().postStopOrderGoodTillDateSync(SBER_UID, 2,
                Quotation.getDefaultInstance(), price("245.00"), StopOrderDirection.STOP_ORDER_DIRECTION_SELL, ACCOUNT,
                StopOrderType.STOP_ORDER_TYPE_STOP_LOSS, Instant.now().minusSeconds(1)))
                .isInstanceOfSatisfying(ApiRuntimeException.class, e -> assertThat(e.getCode()).isEqualTo("30040"));
    }

    @Test
    void sdkInSandboxMode_whenStopOrderPosted_thenRefusedOnTheClientWithoutARequest() {
        assertThatThrownBy(() -> fx.sandboxApi.getStopOrdersService().postStopOrderGoodTillCancelSync(SBER_UID, 1,
                Quotation.getDefaultInstance(), price("245.00"), StopOrderDirection.STOP_ORDER_DIRECTION_SELL, ACCOUNT,
                StopOrderType.STOP_ORDER_TYPE_STOP_LOSS)).isInstanceOf(SandboxModeViolationException.class);

        assertThat(fx.server.requests().count(StopOrdersServiceGrpc.getPostStopOrderMethod())).isZero();
    }
}
