package dev.strela.persistence;

import java.math.BigDecimal;

import dev.strela.api.model.Timeframe;
import dev.strela.api.model.TradingMode;

/** One row of {@code strategy_universe}: which strategy runs on which instrument and timeframe, and how. */
public record UniverseRow(long id, String strategy, String symbol, Timeframe timeframe, boolean enabled, TradingMode mode,
                          int priority, String paramsJson, BigDecimal riskPerTrade, BigDecimal maxStopLossFraction,
                          int maxPositionsPerStrategy, int consecutiveFailures, String disabledReason) {
}
