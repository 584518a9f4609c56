package dev.strela.console.internal;

import org.apache.karaf.shell.api.action.Action;
import org.apache.karaf.shell.api.action.Argument;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Option;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.apache.karaf.shell.api.console.Session;

import dev.strela.persistence.StrategyUniverseRepository;

/** {@code strela:universe-disable <id> [--reason ...]}. */
@Service
@Command(scope = "strela", name = "universe-disable", description = "Disables a strategy_universe row")
public class UniverseDisableCommand implements Action {

    @Argument(index = 0, name = "id", required = true, description = "strategy_universe id")
    long id;

    @Option(name = "--reason", description = "Why (kept on the row)")
    String reason = "disabled from the console";

    @Reference(optional = true)
    StrategyUniverseRepository universe;

    @Reference
    Session session;

    @Override
    public Object execute() {
        if (universe == null) {
            session.getConsole().println(Table.NO_DATABASE);
        } else {
            session.getConsole().println(universe.setEnabled(id, false, reason) ? "Row " + id + " disabled" : "No row " + id);
        }
        return null;
    }
}
