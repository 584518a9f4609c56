package dev.strela.api.model;

/** Buy or sell. */
public enum OrderSide {
    BUY,
    SELL;

    /** The side that opens a position in {@code direction} (LONG buys, SHORT sells). */
    public static OrderSide opening(Direction direction) {
        return switch (direction) {
            case LONG -> BUY;
            case SHORT -> SELL;
            case FLAT -> throw new IllegalArgumentException("direction: FLAT has no opening side");
        };
    }

    /** SELL for BUY and back. */
    public OrderSide opposite() {
        return this == BUY ? SELL : BUY;
    }
}
