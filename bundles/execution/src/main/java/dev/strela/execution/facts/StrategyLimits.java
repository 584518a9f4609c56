package dev.strela.execution.facts;

import java.math.BigDecimal;

/**
 * The signal's {@code strategy_universe} row: its own risk settings.
 *
 * @param riskPerTrade           share of equity at risk per trade (0.02 by default)
 * @param maxStopLossFraction    farthest stop allowed, as a share of the entry price (0.2 by default)
 * @param maxPositionsPerStrategy how many positions this row may hold at once
 */
public record StrategyLimits(long universeRowId, String strategy, String mode, int priority, BigDecimal riskPerTrade,
                             BigDecimal maxStopLossFraction, int maxPositionsPerStrategy) {

    public long getUniverseRowId() { return universeRowId; }
    public String getStrategy() { return strategy; }
    public String getMode() { return mode; }
    public int getPriority() { return priority; }
    public BigDecimal getRiskPerTrade() { return riskPerTrade; }
    public BigDecimal getMaxStopLossFraction() { return maxStopLossFraction; }
    public int getMaxPositionsPerStrategy() { return maxPositionsPerStrategy; }
}
