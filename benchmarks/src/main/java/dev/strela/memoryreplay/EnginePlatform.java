package dev.strela.memoryreplay;

import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import org.apache.camel.impl.DefaultCamelContext;

import dev.strela.api.error.ErrorLog;
import dev.strela.api.spi.Strategy;
import dev.strela.brokerfake.internal.BrokerDrill;
import dev.strela.brokerfake.internal.FakeBroker;
import dev.strela.brokerfake.internal.FakeBrokerConfig;
import dev.strela.brokerfake.internal.FakeBrokerRoutes;
import dev.strela.datafeed.Replays;
import dev.strela.datafeed.internal.replay.ReplayAssembly;
import dev.strela.datafeed.internal.replay.ReplayService;
import dev.strela.datafeed.internal.replay.ReplayWindows;
import dev.strela.execution.internal.ExecutionAssembly;
import dev.strela.execution.internal.ExecutionConfig;
import dev.strela.execution.internal.ExecutionEngine;
import dev.strela.execution.internal.ExecutionRoutes;
import dev.strela.persistence.BrokerStore;
import dev.strela.persistence.ExecutionStore;
import dev.strela.persistence.Heartbeat;
import dev.strela.persistence.MarketDataRepository;
import dev.strela.persistence.RunRepository;
import dev.strela.persistence.ServiceStatusRepository;
import dev.strela.persistence.SignalRepository;
import dev.strela.persistence.StrategyUniverseRepository;
import dev.strela.persistence.TradingControlRepository;
import dev.strela.persistence.TradingStateRepository;
import dev.strela.strategyrunner.internal.RunnerAssembly;
import dev.strela.strategyrunner.internal.RunnerConfig;
import dev.strela.strategyrunner.internal.RunnerRoutes;
import dev.strela.strategyrunner.internal.StrategyRunner;

/**
 * The bundles a replay goes through (data feed's replay, strategy runner, execution with the DRL rules, FakeBroker),
 * built as Declarative Services would build them and joined by their own Camel routes in one Camel context, on the
 * stores given: PostgreSQL's repositories, or {@link MemoryTradingStore} and its companions for a replay without a
 * database. Only the storage differs between the two.
 */
public final class EnginePlatform implements AutoCloseable {

    /** What the bundles read and write. */
    public record Stores(MarketDataRepository market, StrategyUniverseRepository universe, RunRepository runs,
                         SignalRepository signals, TradingStateRepository state, ExecutionStore execution,
                         BrokerStore broker, TradingControlRepository controls) {
    }

    private final DefaultCamelContext camel;
    private StrategyRunner runner;
    private ExecutionEngine engine;
    private ReplayService replays;

    private EnginePlatform(DefaultCamelContext camel) {
        this.camel = camel;
    }

    /**
     * @param rules       the folder of the DRL rules (the repository's {@code rules/}, as the distribution's
     *                    {@code etc/strela/rules})
     * @param strategies  the strategies the rows name
     * @param brokerSettings FakeBroker settings other than its defaults ({@link FakeBrokerConfig}), e.g.
     *                    {@code volumeCapShare}
     */
    public static EnginePlatform start(Stores s, ErrorLog errors, Path rules, List<Strategy> strategies,
                                       Map<String, Object> brokerSettings) throws Exception {
        EnginePlatform platform = new EnginePlatform(new DefaultCamelContext());
        try {
            platform.build(s, errors, rules, strategies, brokerSettings);
            return platform;
        } catch (Exception | Error e) {
            platform.close();
            throw e;
        }
    }

    private void build(Stores s, ErrorLog errors, Path rules, List<Strategy> strategies, Map<String, Object> brokerSettings)
            throws Exception {
        camel.start();
        ServiceStatusRepository status = new ServiceStatusRepository() {
            @Override
            public void heartbeat(String component, String state, Instant at) {
                // no service_status table: a replay without a database has no monitor to show it
            }

            @Override
            public List<Heartbeat> all() {
                return List.of();
            }
        };
        ReplayWindows windows = new ReplayWindows();
        runner = RunnerAssembly.runner(strategies, s.universe(), s.market(), s.signals(), s.state(), errors, camel,
                Configs.of(RunnerConfig.class, Map.of()), windows::barsUpTo);
        camel.addRoutes(new RunnerRoutes(runner, errors, status));
        ExecutionConfig executionConfig = Configs.of(ExecutionConfig.class, Map.of("rulesFolder", rules.toString()));
        engine = new ExecutionEngine(s.execution(), errors, camel, executionConfig);
        camel.addRoutes(new ExecutionRoutes(engine, errors, status, executionConfig));
        FakeBrokerConfig brokerConfig = Configs.of(FakeBrokerConfig.class, brokerSettings);
        FakeBroker broker = new FakeBroker(s.broker(), s.market(), errors,
                new BrokerDrill(Configs.of(BrokerDrill.Config.class, Map.of())), s.controls(), brokerConfig);
        camel.addRoutes(new FakeBrokerRoutes(broker, errors, status, brokerConfig));
        replays = new ReplayService(s.market(), s.universe(), s.runs(), errors, camel, windows);
    }

    public Replays replays() {
        return replays;
    }

    /** Stops what was built, in the reverse order, each even when an earlier one fails. */
    @Override
    public void close() throws Exception {
        try {
            if (replays != null) {
                ReplayAssembly.stop(replays);
            }
        } finally {
            try {
                if (runner != null) {
                    RunnerAssembly.stop(runner);
                }
            } finally {
                try {
                    if (engine != null) {
                        ExecutionAssembly.stop(engine);
                    }
                } finally {
                    camel.close();
                }
            }
        }
    }
}
