package dev.strela.console.internal;

import org.apache.karaf.shell.api.action.Action;
import org.apache.karaf.shell.api.action.Argument;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.apache.karaf.shell.api.console.Session;

import dev.strela.persistence.StrategyUniverseRepository;

/** {@code strela:universe-enable <id>}: enables a row and clears its failure count. */
@Service
@Command(scope = "strela", name = "universe-enable", description = "Enables a strategy_universe row (and clears its failure count)")
public class UniverseEnableCommand implements Action {

    @Argument(index = 0, name = "id", required = true, description = "strategy_universe id")
    long id;

    @Reference(optional = true)
    StrategyUniverseRepository universe;

    @Reference
    Session session;

    @Override
    public Object execute() {
        if (universe == null) {
            session.getConsole().println(Table.NO_DATABASE);
        } else {
            session.getConsole().println(universe.setEnabled(id, true, null) ? "Row " + id + " enabled" : "No row " + id);
        }
        return null;
    }
}
