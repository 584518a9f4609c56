package dev.strela.testing.tinkoff.internal;

import java.math.BigDecimal;

import dev.strela.testing.tinkoff.DuplicateOrderPolicy;
import dev.strela.testing.tinkoff.MarketFillMode;

/** How the book treats orders; a test may change it at any time, and the next order sees the change. */
public final class BookSettings {
    private volatile BigDecimal commissionRate = new BigDecimal("0.0005");
    private volatile MarketFillMode fillMode = MarketFillMode.IMMEDIATE;
    private volatile DuplicateOrderPolicy duplicatePolicy = DuplicateOrderPolicy.RETURN_EXISTING;

    public BigDecimal commissionRate() {
        return commissionRate;
    }

    public void commissionRate(BigDecimal rate) {
        if (rate.signum() < 0) {
            throw new IllegalArgumentException("commission rate must not be negative: rate=" + rate);
        }
        commissionRate = rate;
    }

    public MarketFillMode fillMode() {
        return fillMode;
    }

    public void fillMode(MarketFillMode mode) {
        fillMode = mode;
    }

    public DuplicateOrderPolicy duplicatePolicy() {
        return duplicatePolicy;
    }

    public void duplicatePolicy(DuplicateOrderPolicy policy) {
        duplicatePolicy = policy;
    }
}
