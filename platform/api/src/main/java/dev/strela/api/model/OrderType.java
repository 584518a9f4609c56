package dev.strela.api.model;

/** Order types a broker adapter may support; an adapter refuses others with {@code unsupported_order_type}. */
public enum OrderType {
    MARKET,
    LIMIT,
    /** Becomes a market order when the price reaches {@link Order#price()}. */
    STOP
}
