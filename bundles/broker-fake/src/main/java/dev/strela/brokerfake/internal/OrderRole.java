package dev.strela.brokerfake.internal;

import dev.strela.api.model.OrderType;
import dev.strela.api.protective.ProtectiveRole;

/**
 * Why an order exists at the fake broker. The API's {@link OrderType} has no protective
 * types, so a stop-loss travels as a STOP order and a take-profit as a LIMIT order; this role tells them apart
 * and gives the {@code live_orders.order_type} to store.
 */
public enum OrderRole {
    /** Sent by the platform (an entry or a close). */
    REGULAR,
    /** Broker-held stop protecting the position an entry opened; fills like a STOP order. */
    STOP_LOSS,
    /** Broker-held take-profit of the position an entry opened; fills like a LIMIT order. */
    TAKE_PROFIT;

    /** True for the orders the broker creates itself after an entry fills. */
    public boolean isProtective() {
        return this != REGULAR;
    }

    /** The shared role of a protective order; {@code IllegalStateException} for {@link #REGULAR}. */
    public ProtectiveRole protective() {
        return switch (this) {
            case STOP_LOSS -> ProtectiveRole.STOP_LOSS;
            case TAKE_PROFIT -> ProtectiveRole.TAKE_PROFIT;
            case REGULAR -> throw new IllegalStateException("a regular order has no protective role");
        };
    }

    /** The {@code live_orders.order_type} value: the role for protective orders, else the API type's name. */
    public String storedType(OrderType apiType) {
        return this == REGULAR ? apiType.name() : name();
    }
}
