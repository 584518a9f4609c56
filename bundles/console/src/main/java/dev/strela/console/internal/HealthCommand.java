package dev.strela.console.internal;

import java.io.PrintStream;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.TreeMap;

import org.apache.karaf.shell.api.action.Action;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.apache.karaf.shell.api.console.Session;

import dev.strela.persistence.ErrorRepository;
import dev.strela.persistence.Heartbeat;
import dev.strela.persistence.ServiceStatusRepository;

/** {@code strela:health}: each component's last heartbeat and state, and the errors of the last hour by source. */
@Service
@Command(scope = "strela", name = "health", description = "Each component: last heartbeat, state, errors in the last hour")
public class HealthCommand implements Action {

    @Reference(optional = true)
    ServiceStatusRepository status;

    @Reference(optional = true)
    ErrorRepository errors;

    @Reference
    Session session;

    @Override
    public Object execute() {
        PrintStream out = session.getConsole();
        if (status == null || errors == null) {
            out.println(Table.NO_DATABASE);
            return null;
        }
        Instant now = Instant.now();
        Map<String, Map<String, Long>> lastHour = errors.countsSince(now.minus(Duration.ofHours(1)));
        Map<String, Heartbeat> beats = new TreeMap<>();
        status.all().forEach(h -> beats.put(h.component(), h));
        out.printf("%-16s %-10s %-23s %9s  %s%n", "component", "state", "last heartbeat", "age (s)", "errors in the last hour");
        for (Heartbeat h : beats.values()) {
            out.printf("%-16s %-10s %-23s %9d  %s%n", h.component(), h.state(), Table.time(h.lastHeartbeat()),
                    Duration.between(h.lastHeartbeat(), now).toSeconds(), counts(lastHour.get(h.component())));
        }
        // sources with errors but no heartbeat of their own (risk, system, a component that never reported)
        lastHour.forEach((source, bySeverity) -> {
            if (!beats.containsKey(source)) {
                out.printf("%-16s %-10s %-23s %9s  %s%n", source, "-", "-", "-", counts(bySeverity));
            }
        });
        return null;
    }

    private static String counts(Map<String, Long> bySeverity) {
        if (bySeverity == null || bySeverity.isEmpty()) {
            return "none";
        }
        StringBuilder out = new StringBuilder();
        for (String severity : new String[] {"critical", "error", "warning", "info"}) {
            Long n = bySeverity.get(severity);
            if (n != null) {
                out.append(out.length() == 0 ? "" : ", ").append(n).append(' ').append(severity);
            }
        }
        return out.toString();
    }
}
