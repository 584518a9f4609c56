package dev.strela.api.protective;

/**
 * The two legs of a broker-held protection. The platform's order types have no protective kinds: a stop-loss
 * travels as a STOP order and a take-profit as a LIMIT order, and {@code live_orders.order_type} stores the role's
 * name ({@link #name()}).
 */
public enum ProtectiveRole {
    /** Closes the position when the price moves against it to the stop level. */
    STOP_LOSS,
    /** Closes the position when the price reaches the profit target. */
    TAKE_PROFIT;

    /** The other leg of a pair. */
    public ProtectiveRole sibling() {
        return this == STOP_LOSS ? TAKE_PROFIT : STOP_LOSS;
    }
}
