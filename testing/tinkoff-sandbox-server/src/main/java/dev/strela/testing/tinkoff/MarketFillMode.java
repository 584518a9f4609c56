package dev.strela.testing.tinkoff;

/** When market orders (and stop orders that become market orders) are filled. */
public enum MarketFillMode {
    /** At once, at the instrument's current price; an order posted before any price is set waits for the first one. */
    IMMEDIATE,
    /** Never by itself: the order stays NEW until the test calls {@link SandboxOrders#fillMarketOrders()} or a fill method. */
    ON_DEMAND
}
