package dev.strela.api.model;

import java.math.BigDecimal;
import java.time.Instant;

/**
 * An order of one strategy ({@code live_orders}). Quantities are whole lots; prices are already
 * rounded to the instrument's tick when the order reaches a broker.
 *
 * @param id            database id, 0 before the order is stored
 * @param clientOrderId our idempotency key sent to the broker, at most 36 characters (a UUID)
 * @param signalId      the {@code live_signals} id this order comes from, 0 when none (e.g. a manual close)
 * @param lots          whole lots, &gt; 0
 * @param price         null for MARKET; limit price for LIMIT; trigger price for STOP
 * @param stopLoss      protective stop level, may be null (closing orders)
 * @param takeProfit    may be null
 * @param brokerOrderId null until the broker accepted the order
 */
public record Order(long id, String clientOrderId, long strategyUniverseId, long signalId, String instrumentId,
                    OrderSide side, OrderType type, long lots, BigDecimal price, BigDecimal stopLoss,
                    BigDecimal takeProfit, OrderStatus status, String brokerOrderId, Instant createdAt) {

    /** Longest client order id the broker accepts. */
    public static final int MAX_CLIENT_ORDER_ID_LENGTH = 36;

    public Order {
        Checks.nonNegative(id, "id");
        Checks.notBlank(clientOrderId, "clientOrderId");
        if (clientOrderId.length() > MAX_CLIENT_ORDER_ID_LENGTH) {
            throw new IllegalArgumentException("clientOrderId: length " + clientOrderId.length()
                    + " exceeds " + MAX_CLIENT_ORDER_ID_LENGTH);
        }
        Checks.nonNegative(signalId, "signalId");
        Checks.notBlank(instrumentId, "instrumentId");
        Checks.notNull(side, "side");
        Checks.notNull(type, "type");
        Checks.positive(lots, "lots");
        if (type != OrderType.MARKET && price == null) {
            throw new IllegalArgumentException("price: required for a " + type + " order");
        }
        Checks.positiveOrNull(price, "price");
        Checks.positiveOrNull(stopLoss, "stopLoss");
        Checks.positiveOrNull(takeProfit, "takeProfit");
        Checks.notNull(status, "status");
        Checks.notNull(createdAt, "createdAt");
    }

    /** Same order with the database id. */
    public Order withId(long newId) {
        return new Order(newId, clientOrderId, strategyUniverseId, signalId, instrumentId, side, type, lots,
                price, stopLoss, takeProfit, status, brokerOrderId, createdAt);
    }

    /** Same order in another status (the caller checks {@link OrderStatus#canTransitionTo}). */
    public Order withStatus(OrderStatus newStatus) {
        return new Order(id, clientOrderId, strategyUniverseId, signalId, instrumentId, side, type, lots,
                price, stopLoss, takeProfit, newStatus, brokerOrderId, createdAt);
    }

    /** Same order with the broker's id. */
    public Order withBrokerOrderId(String newBrokerOrderId) {
        return new Order(id, clientOrderId, strategyUniverseId, signalId, instrumentId, side, type, lots,
                price, stopLoss, takeProfit, status, newBrokerOrderId, createdAt);
    }
}
