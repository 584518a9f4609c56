package dev.strela.execution.internal;

import java.math.BigDecimal;

import dev.strela.api.model.TradingMode;
import dev.strela.execution.facts.GlobalLimits;

/** The execution configuration as the signal processor uses it (from {@link ExecutionConfig}). */
record ExecutionSettings(GlobalLimits limits, String paperBroker, String liveBroker) {

    static ExecutionSettings defaults() {
        return new ExecutionSettings(new GlobalLimits(10, new BigDecimal("1.01"), true), "fake", "tinkoff");
    }

    String broker(TradingMode mode) {
        return mode == TradingMode.LIVE ? liveBroker : paperBroker;
    }
}
