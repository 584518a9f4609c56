package dev.strela.testing.tinkoff;

import static dev.strela.testing.tinkoff.SandboxFixture.ACCOUNT;
import static dev.strela.testing.tinkoff.SandboxFixture.SBER_FIGI;
import static dev.strela.testing.tinkoff.SandboxFixture.SBER_UID;
import static dev.strela.testing.tinkoff.SandboxFixture.price;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import dev.strela.testing.tinkoff.internal.Decimals;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import ru.tinkoff.piapi.contract.v1.MoneyValue;
import ru.tinkoff.piapi.contract.v1.Operation;
import ru.tinkoff.piapi.contract.v1.OperationType;
import ru.tinkoff.piapi.contract.v1.OrderDirection;
import ru.tinkoff.piapi.contract.v1.OrderExecutionReportStatus;
import ru.tinkoff.piapi.contract.v1.OrderTrades;
import ru.tinkoff.piapi.contract.v1.OrderType;
import ru.tinkoff.piapi.contract.v1.OrdersServiceGrpc;
import ru.tinkoff.piapi.contract.v1.Quotation;
import ru.tinkoff.piapi.contract.v1.SandboxServiceGrpc;
import ru.tinkoff.piapi.contract.v1.SecurityTradingStatus;
import ru.tinkoff.piapi.core.exception.ApiRuntimeException;
import ru.tinkoff.piapi.core.models.Money;

class OrderRoundTripTest {
    private final SandboxFixture fx = new SandboxFixture();
    private final LinkedBlockingQueue<OrderTrades> trades = new LinkedBlockingQueue<>();

    @AfterEach
    void tearDown() throws InterruptedException {
        fx.close();
    }

    private void subscribeTrades() {
        fx.api.getOrdersStreamService().subscribeTrades(
                r -> { if (r.hasOrderTrades()) { trades.add(r.getOrderTrades()); } }, e -> { }, List.of(ACCOUNT));
        assertThat(fx.server.streams().awaitOpenTradesStreams(1, Duration.ofSeconds(5))).isTrue();
    }

    private static BigDecimal rub(List<Money> money) {
        return money.stream().filter(m -> m.getCurrency().equals("rub")).findFirst().orElseThrow().getValue();
    }

    @Test
    void marketBuy_whenPriceSet_thenFilledTradeStreamedAndCashLessCommission() throws InterruptedException {
        subscribeTrades();
        fx.server.market().setPrice(SBER_UID, "250.00");

        var answer = fx.api.getOrdersService().postOrderSync(SBER_UID, 2, Quotation.getDefaultInstance(),
                OrderDirection.ORDER_DIRECTION_BUY, ACCOUNT, OrderType.ORDER_TYPE_MARKET, "order-1");

        assertThat(answer.getExecutionReportStatus()).isEqualTo(OrderExecutionReportStatus.EXECUTION_REPORT_STATUS_FILL);
        assertThat(answer.getOrderRequestId()).isEqualTo("order-1");
        assertThat(answer.getLotsExecuted()).isEqualTo(2);
        OrderTrades trade = trades.poll(5, TimeUnit.SECONDS);
        assertThat(trade).isNotNull();
        assertThat(trade.getOrderId()).isEqualTo(answer.getOrderId());
        assertThat(trade.getFigi()).isEqualTo(SBER_FIGI);
        assertThat(Decimals.of(trade.getTrades(0).getPrice())).isEqualByComparingTo("250");
        assertThat(trade.getTrades(0).getQuantity()).isEqualTo(20);

        var state = fx.api.getOrdersService().getOrderStateSync(ACCOUNT, answer.getOrderId());
        assertThat(Decimals.of(state.getExecutedCommission())).isEqualByComparingTo("2.50");
        assertThat(Decimals.of(state.getExecutedOrderPrice())).isEqualByComparingTo("5000");
        assertThat(Decimals.of(state.getTotalOrderAmount())).isEqualByComparingTo("5002.50");

        var positions = fx.api.getOperationsService().getPositionsSync(ACCOUNT);
        assertThat(rub(positions.getMoney())).isEqualByComparingTo("94997.50");
        assertThat(positions.getSecurities()).singleElement()
                .satisfies(s -> assertThat(s.getBalance()).isEqualTo(20));
        var operations = fx.api.getOperationsService().getAllOperationsSync(ACCOUNT,
                Instant.now().minusSeconds(60), Instant.now().plusSeconds(60));
        assertThat(operations).extracting(Operation::getOperationType).containsExactly(
                OperationType.OPERATION_TYPE_INPUT, OperationType.OPERATION_TYPE_BUY, OperationType.OPERATION_TYPE_BROKER_FEE);
        assertThat(Decimals.of(operations.get(2).getPayment())).isEqualByComparingTo("-2.50");
        var portfolio = fx.api.getOperationsService().getPortfolioSync(ACCOUNT);
        assertThat(portfolio.getPositions()).singleElement().satisfies(p -> {
            assertThat(p.getQuantity()).isEqualByComparingTo("20");
            assertThat(p.getAveragePositionPrice().getValue()).isEqualByComparingTo("250");
        });
    }

    @Test
    void sandboxAndFullModeOrders_whenMixed_thenOneBookAndTheRpcsTheSdkUses() {
        fx.server.market().setPrice(SBER_UID, "250.00");
        String account = fx.sandboxApi.getSandboxService().openAccountSync();
        fx.sandboxApi.getSandboxService().payInSync(account, MoneyValue.newBuilder().setCurrency("rub").setUnits(10_000).build());

        fx.sandboxApi.getSandboxService().postOrderSync(SBER_FIGI, 1, Quotation.getDefaultInstance(),
                OrderDirection.ORDER_DIRECTION_BUY, account, OrderType.ORDER_TYPE_MARKET, "sandbox-1");
        fx.sandboxApi.getOrdersService().postOrderSync(SBER_UID, 1, Quotation.getDefaultInstance(),
                OrderDirection.ORDER_DIRECTION_BUY, account, OrderType.ORDER_TYPE_MARKET, "regular-1");

        assertThat(fx.server.requests().count(SandboxServiceGrpc.getPostSandboxOrderMethod())).isEqualTo(1);
        assertThat(fx.server.requests().count(OrdersServiceGrpc.getPostOrderMethod())).isEqualTo(1);
        var sandboxPositions = fx.sandboxApi.getSandboxService().getPositionsSync(account);
        assertThat(sandboxPositions.getSecurities(0).getBalance()).isEqualTo(20);
        var positions = fx.sandboxApi.getOperationsService().getPositionsSync(account);
        assertThat(rub(positions.getMoney())).isEqualByComparingTo("4997.50");
        assertThat(fx.sandboxApi.getSandboxService().getOrderStateSync(account, "regular-1").getExecutionReportStatus())
                .isEqualTo(OrderExecutionReportStatus.EXECUTION_REPORT_STATUS_FILL);
    }

    @Test
    void limitBuy_whenPriceAbove_thenRestsWithCashBlockedUntilPriceReachesIt() throws InterruptedException {
        subscribeTrades();
        fx.server.market().setPrice(SBER_UID, "250.00");

        var answer = fx.api.getOrdersService().postOrderSync(SBER_UID, 3, price("249.50"),
                OrderDirection.ORDER_DIRECTION_BUY, ACCOUNT, OrderType.ORDER_TYPE_LIMIT, "limit-1");
        assertThat(answer.getExecutionReportStatus()).isEqualTo(OrderExecutionReportStatus.EXECUTION_REPORT_STATUS_NEW);
        var positions = fx.api.getOperationsService().getPositionsSync(ACCOUNT);
        assertThat(rub(positions.getBlocked())).isEqualByComparingTo("7488.74");
        assertThat(rub(positions.getMoney())).isEqualByComparingTo("92511.26");

        fx.server.market().setPrice(SBER_UID, "249.51");
        assertThat(fx.api.getOrdersService().getOrdersSync(ACCOUNT)).hasSize(1);
        assertThat(trades.poll(100, TimeUnit.MILLISECONDS)).isNull();

        fx.server.market().setPrice(SBER_UID, "249.00");
        OrderTrades trade = trades.poll(5, TimeUnit.SECONDS);
        assertThat(Decimals.of(trade.getTrades(0).getPrice())).isEqualByComparingTo("249.50");
        assertThat(fx.api.getOrdersService().getOrdersSync(ACCOUNT)).isEmpty();
        assertThat(fx.server.accounts().cash(ACCOUNT)).isEqualByComparingTo("92511.26");
    }

    @Test
    void limitOrder_whenPartlyFilledThenCancelled_thenExecutedLotsKeptAndRestReleased() {
        fx.server.market().setPrice(SBER_UID, "250.00");
        var answer = fx.api.getOrdersService().postOrderSync(SBER_UID, 3, price("249.50"),
                OrderDirection.ORDER_DIRECTION_BUY, ACCOUNT, OrderType.ORDER_TYPE_LIMIT, "limit-2");

        var partial = fx.server.orders().fill("limit-2", 1);
        assertThat(partial.getExecutionReportStatus()).isEqualTo(OrderExecutionReportStatus.EXECUTION_REPORT_STATUS_PARTIALLYFILL);
        fx.api.getOrdersService().cancelOrderSync(ACCOUNT, answer.getOrderId());

        var state = fx.api.getOrdersService().getOrderStateSync(ACCOUNT, answer.getOrderId());
        assertThat(state.getExecutionReportStatus()).isEqualTo(OrderExecutionReportStatus.EXECUTION_REPORT_STATUS_CANCELLED);
        assertThat(state.getLotsExecuted()).isEqualTo(1);
        assertThat(state.getStagesList()).hasSize(1);
        assertThat(fx.server.accounts().position(ACCOUNT, SBER_UID)).isEqualTo(10);
        var positions = fx.api.getOperationsService().getPositionsSync(ACCOUNT);
        assertThat(positions.getBlocked()).isEmpty();
        assertThat(rub(positions.getMoney())).isEqualByComparingTo("97503.75");
        assertThatThrownBy(() -> fx.api.getOrdersService().cancelOrderSync(ACCOUNT, answer.getOrderId()))
                .isInstanceOfSatisfying(ApiRuntimeException.class, e -> assertThat(e.getCode()).isEqualTo("30059"));
    }

    @Test
    void marketOrder_whenFillOnDemand_thenNewUntilTestFillsIt() {
        fx.server.orders().marketFillMode(MarketFillMode.ON_DEMAND);
        fx.server.market().setPrice(SBER_UID, "250.00");

        var answer = fx.api.getOrdersService().postOrderSync(SBER_UID, 1, Quotation.getDefaultInstance(),
                OrderDirection.ORDER_DIRECTION_SELL, ACCOUNT, OrderType.ORDER_TYPE_MARKET, "held-1");
        assertThat(answer.getExecutionReportStatus()).isEqualTo(OrderExecutionReportStatus.EXECUTION_REPORT_STATUS_NEW);
        fx.server.market().setPrice(SBER_UID, "251.00");

        assertThat(fx.server.orders().fillMarketOrders()).isEqualTo(1);
        var state = fx.api.getOrdersService().getOrderStateSync(ACCOUNT, answer.getOrderId());
        assertThat(state.getExecutionReportStatus()).isEqualTo(OrderExecutionReportStatus.EXECUTION_REPORT_STATUS_FILL);
        assertThat(Decimals.of(state.getAveragePositionPrice())).isEqualByComparingTo("251");
        assertThat(fx.server.accounts().position(ACCOUNT, SBER_UID)).isEqualTo(-10);
        assertThat(fx.server.accounts().cash(ACCOUNT)).isEqualByComparingTo("102508.74");
    }

    @Test
    void buy_whenCashShort_thenRefused30034AndNoOrder() {
        fx.server.market().setPrice(SBER_UID, "250.00");

        assertThatThrownBy(() -> fx.api.getOrdersService().postOrderSync(SBER_UID, 40, Quotation.getDefaultInstance(),
                OrderDirection.ORDER_DIRECTION_BUY, ACCOUNT, OrderType.ORDER_TYPE_MARKET, "too-big"))
                .isInstanceOfSatisfying(ApiRuntimeException.class, e -> assertThat(e.getCode()).isEqualTo("30034"));
        assertThat(fx.server.orders().all()).isEmpty();
    }

    @Test
    void order_whenInstrumentNotTradingOrOffGrid_thenRefusedWithTinkoffCodes() {
        fx.server.market().setPrice(SBER_UID, "250.00");
        assertThatThrownBy(() -> fx.api.getOrdersService().postOrderSync(SBER_UID, 1, price("250.005"),
                OrderDirection.ORDER_DIRECTION_BUY, ACCOUNT, OrderType.ORDER_TYPE_LIMIT, "off-grid"))
                .isInstanceOfSatisfying(ApiRuntimeException.class, e -> assertThat(e.getCode()).isEqualTo("30078"));

        fx.server.market().setTradingStatus(SBER_UID, SecurityTradingStatus.SECURITY_TRADING_STATUS_BREAK_IN_TRADING);
        assertThatThrownBy(() -> fx.api.getOrdersService().postOrderSync(SBER_UID, 1, Quotation.getDefaultInstance(),
                OrderDirection.ORDER_DIRECTION_BUY, ACCOUNT, OrderType.ORDER_TYPE_MARKET, "in-break"))
                .isInstanceOfSatisfying(ApiRuntimeException.class, e -> assertThat(e.getCode()).isEqualTo("30079"));

        assertThatThrownBy(() -> fx.api.getOrdersService().postOrderSync("no-such-figi", 1, Quotation.getDefaultInstance(),
                OrderDirection.ORDER_DIRECTION_BUY, ACCOUNT, OrderType.ORDER_TYPE_MARKET, "unknown"))
                .isInstanceOfSatisfying(ApiRuntimeException.class, e -> assertThat(e.getCode()).isEqualTo("50002"));
        assertThat(fx.server.orders().all()).isEmpty();
    }
}
