package dev.strela.strategyrunner.internal;

import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;

import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.annotations.ReferencePolicyOption;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import dev.strela.api.spi.Strategy;

/** The deployed strategies (a whiteboard of {@link Strategy} services), by name. */
@Component(service = StrategyRegistry.class)
public final class StrategyRegistry {

    private static final Logger LOG = LoggerFactory.getLogger(StrategyRegistry.class);
    private final Map<String, Strategy> byName = new ConcurrentHashMap<>();
    private volatile Consumer<String> onAppear = name -> { };

    @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    void bindStrategy(Strategy strategy) {
        String name = strategy.name();
        Strategy previous = byName.put(name, strategy);
        LOG.info("Strategy '{}' {} ({})", name, previous == null ? "deployed" : "replaced", strategy.getClass().getName());
        onAppear.accept(name);
    }

    void unbindStrategy(Strategy strategy) {
        byName.remove(strategy.name(), strategy);
        LOG.info("Strategy '{}' removed", strategy.name());
    }

    Optional<Strategy> find(String name) {
        return Optional.ofNullable(byName.get(name));
    }

    Set<String> names() {
        return Set.copyOf(byName.keySet());
    }

    /** Told the name of each strategy that is deployed from now on. */
    void onAppear(Consumer<String> listener) {
        this.onAppear = listener;
    }
}
