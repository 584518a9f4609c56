package dev.strela.strategyrunner.internal;

import java.util.List;

import org.apache.camel.CamelContext;

import dev.strela.api.error.ErrorLog;
import dev.strela.api.spi.Strategy;
import dev.strela.datafeed.BarWindow;
import dev.strela.persistence.MarketDataRepository;
import dev.strela.persistence.SignalRepository;
import dev.strela.persistence.StrategyUniverseRepository;
import dev.strela.persistence.TradingStateRepository;

/** Builds the strategy runner outside OSGi, with what Declarative Services would bind to it. */
public final class RunnerAssembly {

    private RunnerAssembly() {
    }

    public static StrategyRunner runner(List<Strategy> strategies, StrategyUniverseRepository universe,
                                        MarketDataRepository market, SignalRepository signals, TradingStateRepository state,
                                        ErrorLog errors, CamelContext camel, RunnerConfig config, BarWindow window) {
        StrategyRegistry registry = new StrategyRegistry();
        strategies.forEach(registry::bindStrategy);
        StrategyRunner runner = new StrategyRunner(registry, universe, market, signals, state, errors, camel, config);
        runner.bindWindow(window);
        return runner;
    }

    public static void stop(StrategyRunner runner) throws Exception {
        runner.deactivate();
    }
}
