package dev.strela.persistence;

import java.math.BigDecimal;
import java.util.Objects;

import dev.strela.api.model.OrderSide;

/**
 * An order to insert for the signal being processed; run, signal, universe row and symbol come from the signal.
 *
 * @param clientOrderId  idempotency key sent to the broker, unique across all runs, at most 36 characters
 * @param parentOrderId  the entry order a STOP_LOSS / TAKE_PROFIT order protects, else null
 * @param orderType      MARKET, LIMIT, STOP, STOP_LOSS or TAKE_PROFIT ({@code live_orders.order_type})
 * @param lots           whole lots, &gt; 0
 * @param price          null for MARKET; limit price, or trigger price for STOP / STOP_LOSS / TAKE_PROFIT
 * @param broker         broker adapter that will hold the order ('fake', 'tinkoff', ...)
 */
public record NewOrder(String clientOrderId, Long parentOrderId, OrderSide side, String orderType, long lots,
                       BigDecimal price, BigDecimal stopLoss, BigDecimal takeProfit, String broker) {

    public NewOrder {
        Objects.requireNonNull(clientOrderId, "clientOrderId");
        Objects.requireNonNull(side, "side");
        Objects.requireNonNull(orderType, "orderType");
        Objects.requireNonNull(broker, "broker");
    }
}
