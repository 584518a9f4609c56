package dev.strela.execution.internal;

import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.Clock;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import org.apache.camel.CamelContext;
import org.apache.camel.ProducerTemplate;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Modified;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.metatype.annotations.Designate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import dev.strela.api.bus.Endpoints;
import dev.strela.api.error.ErrorCode;
import dev.strela.api.error.ErrorEvent;
import dev.strela.api.error.ErrorLog;
import dev.strela.api.model.RunIds;
import dev.strela.execution.RuleService;
import dev.strela.execution.RulesStatus;
import dev.strela.execution.facts.GlobalLimits;
import dev.strela.persistence.ExecutionStore;

/**
 * The execution layer as a service: keeps the rule book (checked for edits on its own thread), decides signals
 * through the {@link SignalProcessor}, and hands approved orders to the broker queue.
 */
@Component(service = {ExecutionEngine.class, RuleService.class}, configurationPid = ExecutionConfig.PID)
@Designate(ocd = ExecutionConfig.class)
public final class ExecutionEngine implements RuleService {

    private static final Logger LOG = LoggerFactory.getLogger(ExecutionEngine.class);

    private final RuleBook rules;
    private final SignalProcessor processor;
    private final ProducerTemplate producer;
    private final ScheduledExecutorService watcher;

    @Activate
    public ExecutionEngine(@Reference ExecutionStore store, @Reference ErrorLog errors, @Reference CamelContext camel,
                           ExecutionConfig config) {
        this.producer = camel.createProducerTemplate();
        Path folder = rulesFolder(config);
        this.rules = new RuleBook(folder, ExecutionEngine.class.getClassLoader(), Clock.systemUTC(),
                message -> errors.record(ErrorEvent.of(ErrorCode.RULES_COMPILE_FAILED, message)));
        ExecutionSettings settings = settings(config);
        this.processor = new SignalProcessor(store, rules, settings, errors,
                (run, order) -> {
                    if (RunIds.isReplay(run)) {
                        producer.sendBodyAndHeader(Endpoints.REPLAY_ORDERS_NEW, order, Endpoints.RUN_HEADER, run);
                    } else {
                        producer.sendBody(Endpoints.ORDERS_NEW, order);
                    }
                });
        try {
            store.ensureAccount("paper", "paper", config.paperBroker(), new BigDecimal(config.paperInitialCash().trim()));
        } catch (RuntimeException e) {
            errors.record(ErrorEvent.of(ErrorCode.CONFIG_INVALID, "paper account not created: paperInitialCash="
                    + config.paperInitialCash() + ", error=" + e.getMessage()));
        }
        // The first compile (about 1-2 s) runs on the watcher thread too: signals wait for it, activation does not.
        this.watcher = Executors.newSingleThreadScheduledExecutor(r -> new Thread(r, "strela-rules-watch"));
        long every = Math.max(100, config.rulesCheckMillis());
        watcher.scheduleWithFixedDelay(this::checkRules, 0, every, TimeUnit.MILLISECONDS);
        LOG.info("Execution started: rules from {}, limits {}", folder, settings.limits());
    }

    @Modified
    void modified(ExecutionConfig config) {
        ExecutionSettings settings = settings(config);
        processor.settings(settings);
        LOG.info("Execution settings changed: {}", settings);
    }

    @Deactivate
    void stop() {
        watcher.shutdownNow();
        try {
            producer.close();
        } catch (Exception e) {
            LOG.debug("Closing the producer: {}", e.toString());
        }
    }

    private void checkRules() {
        try {
            rules.refresh();
        } catch (RuntimeException e) {
            LOG.error("Checking the rules folder failed", e);
        }
    }

    static Path rulesFolder(ExecutionConfig config) {
        String configured = config.rulesFolder() == null ? "" : config.rulesFolder().trim();
        if (!configured.isEmpty()) {
            return Path.of(configured);
        }
        return Path.of(System.getProperty("karaf.etc", "etc"), "strela", "rules");
    }

    static ExecutionSettings settings(ExecutionConfig config) {
        return new ExecutionSettings(new GlobalLimits(config.maxTotalPositions(),
                new BigDecimal(config.cashSafetyCoeff().trim()), config.reduceOnInsufficientCash()),
                config.paperBroker(), config.liveBroker());
    }

    public SignalProcessor processor() {
        return processor;
    }

    @Override
    public RulesStatus status() {
        return rules.status();
    }

    @Override
    public RulesStatus reload() {
        return rules.reload();
    }
}
