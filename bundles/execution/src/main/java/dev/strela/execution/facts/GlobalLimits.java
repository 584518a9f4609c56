package dev.strela.execution.facts;

import java.math.BigDecimal;

/**
 * Platform-wide limits from {@code etc/dev.strela.execution.cfg}.
 *
 * @param maxTotalPositions        position slots allowed across all strategies of a run
 * @param cashSafetyCoeff          an entry needs {@code lots * price * lot * cashSafetyCoeff} of free cash
 * @param reduceOnInsufficientCash true: shrink the order to what cash allows; false: refuse it
 */
public record GlobalLimits(int maxTotalPositions, BigDecimal cashSafetyCoeff, boolean reduceOnInsufficientCash) {

    public int getMaxTotalPositions() { return maxTotalPositions; }
    public BigDecimal getCashSafetyCoeff() { return cashSafetyCoeff; }
    public boolean isReduceOnInsufficientCash() { return reduceOnInsufficientCash; }
}
