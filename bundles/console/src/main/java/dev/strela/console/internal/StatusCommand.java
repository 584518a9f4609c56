package dev.strela.console.internal;

import java.io.PrintStream;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;

import org.apache.karaf.shell.api.action.Action;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.apache.karaf.shell.api.console.Session;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;

import dev.strela.persistence.DatabaseStatus;
import dev.strela.persistence.Heartbeat;
import dev.strela.persistence.ServiceStatusRepository;
import dev.strela.persistence.TradingControlRepository;

/** {@code strela:status}: database, Strela bundles, trading controls and component heartbeats. */
@Service
@Command(scope = "strela", name = "status", description = "Database, Strela bundles, trading controls and component heartbeats")
public class StatusCommand implements Action {

    static final String BUNDLE_PREFIX = "dev.strela.";

    @Reference
    BundleContext bundleContext;

    @Reference
    Session session;

    @Reference(optional = true)
    DatabaseStatus database;

    @Reference(optional = true)
    TradingControlRepository tradingControl;

    @Reference(optional = true)
    ServiceStatusRepository serviceStatus;

    @Override
    public Object execute() {
        PrintStream out = session.getConsole();
        printDatabase(out);
        printBundles(out);
        printTradingControl(out);
        printHeartbeats(out);
        return null;
    }

    private void printDatabase(PrintStream out) {
        out.println("Database");
        if (database == null) {
            out.println("  state:          unknown (the persistence bundle is not running)");
            return;
        }
        out.println(Table.row("mode", database.embedded()
                ? "embedded" + database.dataDirectory().map(d -> " (data in " + d + ")").orElse("")
                : "external"));
        out.println(Table.row("state", database.state() + " since " + Table.time(database.since())
                + (database.attempts() > 1 ? " after " + database.attempts() + " attempts" : "")));
        out.println(Table.row("url", database.jdbcUrl() + " (user " + database.user() + ")"));
        out.println(Table.row("schema version", database.schemaVersion().orElse("not migrated yet")));
        database.lastError().ifPresent(e -> out.println(Table.row("last error", e)));
    }

    private void printBundles(PrintStream out) {
        out.println("Bundles");
        List<Bundle> ours = Arrays.stream(bundleContext.getBundles())
                .filter(b -> b.getSymbolicName() != null && b.getSymbolicName().startsWith(BUNDLE_PREFIX))
                .sorted(Comparator.comparing(Bundle::getSymbolicName))
                .toList();
        if (ours.isEmpty()) {
            out.println("  (none installed)");
        }
        for (Bundle b : ours) {
            out.println(Table.row(b.getSymbolicName(), Table.bundleState(b.getState()) + "  " + b.getVersion()));
        }
    }

    private void printTradingControl(PrintStream out) {
        out.println("Trading control");
        if (tradingControl == null) {
            out.println("  unavailable: the database is not connected");
            return;
        }
        TradingControlCommands.print(out, tradingControl.current());
    }

    private void printHeartbeats(PrintStream out) {
        out.println("Heartbeats");
        if (serviceStatus == null) {
            out.println("  unavailable: the database is not connected");
            return;
        }
        List<Heartbeat> beats = serviceStatus.all();
        if (beats.isEmpty()) {
            out.println("  (no component has reported yet)");
        }
        for (Heartbeat h : beats) {
            out.println(Table.row(h.component(), h.state() + "  last " + Table.time(h.lastHeartbeat())));
        }
    }
}
