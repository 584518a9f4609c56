package dev.strela.testing.tinkoff.internal;

import java.math.BigDecimal;

import dev.strela.testing.tinkoff.TestInstrument;
import ru.tinkoff.piapi.contract.v1.MoneyValue;
import ru.tinkoff.piapi.contract.v1.OrderStage;
import ru.tinkoff.piapi.contract.v1.OrderState;
import ru.tinkoff.piapi.contract.v1.PostOrderResponse;
import ru.tinkoff.piapi.contract.v1.StopOrder;
import ru.tinkoff.piapi.contract.v1.StopOrderType;

/**
 * The contract messages describing orders, with the field meanings the contract's comments give:
 * {@code initial_order_price} = requested lots x lot x price; {@code executed_order_price} = average price per
 * instrument in PostOrderResponse but the executed value in OrderState; {@code total_order_amount} = executed value
 * plus commission for a buy, minus it for a sell (the cash that moved).
 */
public final class OrderViews {
    private OrderViews() {
    }

    public static PostOrderResponse postResponse(SimOrder order) {
        TestInstrument instrument = order.instrument();
        String ccy = instrument.currency();
        BigDecimal initialValue = initialValue(order);
        return PostOrderResponse.newBuilder()
                .setOrderId(order.orderId())
                .setOrderRequestId(order.requestId())
                .setExecutionReportStatus(order.status())
                .setLotsRequested(order.lotsRequested())
                .setLotsExecuted(order.lotsExecuted())
                .setInitialOrderPrice(Decimals.money(initialValue, ccy))
                .setExecutedOrderPrice(Decimals.money(order.averagePrice(), ccy))
                .setTotalOrderAmount(total(order))
                .setInitialCommission(Decimals.money(Decimals.cents(initialValue.multiply(order.commissionRate())), ccy))
                .setExecutedCommission(Decimals.money(order.executedCommission(), ccy))
                .setAciValue(Decimals.money(BigDecimal.ZERO, ccy))
                .setFigi(instrument.figi())
                .setInstrumentUid(instrument.uid())
                .setDirection(order.direction())
                .setInitialSecurityPrice(Decimals.money(order.initialPrice(), ccy))
                .setOrderType(order.type())
                .build();
    }

    public static OrderState state(SimOrder order) {
        TestInstrument instrument = order.instrument();
        String ccy = instrument.currency();
        BigDecimal initialValue = initialValue(order);
        OrderState.Builder state = OrderState.newBuilder()
                .setOrderId(order.orderId())
                .setOrderRequestId(order.requestId())
                .setExecutionReportStatus(order.status())
                .setLotsRequested(order.lotsRequested())
                .setLotsExecuted(order.lotsExecuted())
                .setInitialOrderPrice(Decimals.money(initialValue, ccy))
                .setExecutedOrderPrice(Decimals.money(order.executedValue(), ccy))
                .setTotalOrderAmount(total(order))
                .setAveragePositionPrice(Decimals.money(order.averagePrice(), ccy))
                .setInitialCommission(Decimals.money(Decimals.cents(initialValue.multiply(order.commissionRate())), ccy))
                .setExecutedCommission(Decimals.money(order.executedCommission(), ccy))
                .setServiceCommission(Decimals.money(BigDecimal.ZERO, ccy))
                .setFigi(instrument.figi())
                .setInstrumentUid(instrument.uid())
                .setDirection(order.direction())
                .setInitialSecurityPrice(Decimals.money(order.initialPrice(), ccy))
                .setCurrency(ccy)
                .setOrderType(order.type())
                .setOrderDate(Times.timestamp(order.createdAt()));
        order.fills().forEach(f -> state.addStages(OrderStage.newBuilder()
                .setPrice(Decimals.money(f.price(), ccy))
                .setQuantity(f.lots())
                .setTradeId(f.tradeId())));
        return state.build();
    }

    public static StopOrder stopOrder(SimStopOrder stop) {
        TestInstrument instrument = stop.instrument();
        String ccy = instrument.currency();
        StopOrder.Builder answer = StopOrder.newBuilder()
                .setStopOrderId(stop.id())
                .setLotsRequested(stop.lots())
                .setFigi(instrument.figi())
                .setInstrumentUid(instrument.uid())
                .setDirection(stop.direction())
                .setCurrency(ccy)
                .setOrderType(stop.type())
                .setCreateDate(Times.timestamp(stop.createdAt()))
                .setStopPrice(Decimals.money(stop.stopPrice(), ccy));
        if (stop.type() == StopOrderType.STOP_ORDER_TYPE_STOP_LIMIT) {
            answer.setPrice(Decimals.money(stop.limitPrice(), ccy));
        }
        if (stop.expiresAt() != null) {
            answer.setExpirationTime(Times.timestamp(stop.expiresAt()));
        }
        if (stop.activatedAt() != null) {
            answer.setActivationDateTime(Times.timestamp(stop.activatedAt()));
        }
        return answer.build();
    }

    private static BigDecimal initialValue(SimOrder order) {
        return order.initialPrice().multiply(BigDecimal.valueOf(order.lotsRequested() * order.instrument().lot()));
    }

    private static MoneyValue total(SimOrder order) {
        BigDecimal value = order.executedValue();
        BigDecimal total = order.isBuy() ? value.add(order.executedCommission()) : value.subtract(order.executedCommission());
        return Decimals.money(total, order.instrument().currency());
    }
}
