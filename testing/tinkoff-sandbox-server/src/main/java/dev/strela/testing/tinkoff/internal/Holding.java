package dev.strela.testing.tinkoff.internal;

import java.math.BigDecimal;
import java.math.RoundingMode;

import dev.strela.testing.tinkoff.TestInstrument;

/**
 * A position in one instrument, in pieces (lots times lot size), negative when short, with its weighted average
 * price. Adding to a position averages the price; reducing keeps it; crossing zero starts again at the fill price.
 * Not thread-safe: guarded by the book lock.
 */
public final class Holding {
    private final TestInstrument instrument;
    private long quantity;
    private BigDecimal averagePrice = BigDecimal.ZERO;

    Holding(TestInstrument instrument) {
        this.instrument = instrument;
    }

    void apply(boolean buy, long pieces, BigDecimal price) {
        long signed = buy ? pieces : -pieces;
        long after = quantity + signed;
        if (quantity == 0 || Long.signum(quantity) == Long.signum(signed)) {
            BigDecimal cost = averagePrice.multiply(BigDecimal.valueOf(Math.abs(quantity)))
                    .add(price.multiply(BigDecimal.valueOf(pieces)));
            averagePrice = cost.divide(BigDecimal.valueOf(Math.abs(after)), 9, RoundingMode.HALF_EVEN).stripTrailingZeros();
        } else if (after == 0) {
            averagePrice = BigDecimal.ZERO;
        } else if (Long.signum(after) != Long.signum(quantity)) {
            averagePrice = price;
        }
        quantity = after;
    }

    public TestInstrument instrument() {
        return instrument;
    }

    public long quantity() {
        return quantity;
    }

    public BigDecimal averagePrice() {
        return averagePrice;
    }
}
