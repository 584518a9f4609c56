package dev.strela.console.internal;

import java.io.PrintStream;
import java.util.Collection;
import java.util.Set;
import java.util.TreeSet;

import org.apache.karaf.shell.api.action.Action;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.apache.karaf.shell.api.console.Session;
import org.osgi.framework.BundleContext;
import org.osgi.framework.InvalidSyntaxException;
import org.osgi.framework.ServiceReference;

import dev.strela.api.spi.Strategy;
import dev.strela.persistence.SignalRepository;
import dev.strela.persistence.StrategyUniverseRepository;
import dev.strela.persistence.UniverseRow;

/** {@code strela:strategies}: deployed strategies and the universe rows with their state. */
@Service
@Command(scope = "strela", name = "strategies", description = "Deployed strategies and the strategy_universe rows with their state")
public class StrategiesCommand implements Action {

    @Reference
    BundleContext bundleContext;

    @Reference(optional = true)
    StrategyUniverseRepository universe;

    @Reference(optional = true)
    SignalRepository signals;

    @Reference
    Session session;

    @Override
    public Object execute() throws InvalidSyntaxException {
        PrintStream out = session.getConsole();
        Set<String> deployed = deployed();
        out.println("Deployed strategies: " + (deployed.isEmpty() ? "(none)" : String.join(", ", deployed)));
        if (universe == null) {
            out.println(Table.NO_DATABASE);
            return null;
        }
        out.printf("%-5s %-18s %-38s %-4s %-6s %-9s %-9s %s%n", "id", "strategy", "instrument", "tf", "mode", "state",
                "failures", "params");
        for (UniverseRow r : universe.all()) {
            String stateText = !r.enabled() ? "disabled" : !deployed.contains(r.strategy()) ? "missing" : "active";
            out.printf("%-5d %-18s %-38s %-4s %-6s %-9s %-9d %s%n", r.id(), r.strategy(), r.symbol(), r.timeframe().code(),
                    r.mode().code(), stateText, r.consecutiveFailures(), r.paramsJson());
            if (r.disabledReason() != null) {
                out.println("      " + r.disabledReason());
            }
            if (signals != null) {
                signals.last(r.id()).ifPresent(last -> out.println("      last signal: bar " + Table.time(last.barTimestamp())
                        + " " + last.signalJson()));
            }
        }
        return null;
    }

    private Set<String> deployed() throws InvalidSyntaxException {
        Set<String> names = new TreeSet<>();
        Collection<ServiceReference<Strategy>> refs = bundleContext.getServiceReferences(Strategy.class, null);
        for (ServiceReference<Strategy> ref : refs) {
            Strategy s = bundleContext.getService(ref);
            if (s != null) {
                try {
                    names.add(s.name());
                } finally {
                    bundleContext.ungetService(ref);
                }
            }
        }
        return names;
    }
}
