package dev.strela.console.internal;

import java.io.PrintStream;
import java.util.List;
import java.util.Optional;

import org.apache.karaf.shell.api.action.Action;
import org.apache.karaf.shell.api.action.Argument;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.apache.karaf.shell.api.console.Session;

import dev.strela.api.model.Order;
import dev.strela.persistence.DecisionRecord;
import dev.strela.persistence.ExecutionStore;

/** {@code strela:explain <signal-id>}: why a signal became these orders, or why it was refused. */
@Service
@Command(scope = "strela", name = "explain", description = "Shows the decision on a signal: rules fired, rule-set version, the facts they saw, the orders")
public class ExplainCommand implements Action {

    @Argument(index = 0, name = "signal-id", description = "live_signals id (see strela:signals)", required = true)
    long signalId;

    @Reference(optional = true)
    ExecutionStore store;

    @Reference
    Session session;

    @Override
    public Object execute() {
        PrintStream out = session.getConsole();
        if (store == null) {
            out.println(Table.NO_DATABASE);
            return null;
        }
        Optional<DecisionRecord> found = store.decision(signalId);
        if (found.isEmpty()) {
            out.println("Signal " + signalId + " has no decision yet (unknown id, or not processed yet: see strela:signals)");
            return null;
        }
        DecisionRecord d = found.get();
        out.println(Table.row("signal", signalId + " (run " + d.runId() + ")"));
        out.println(Table.row("decision", d.decision() + (d.refusalCode() == null ? "" : ": " + d.refusalCode())
                + (d.lots() == null ? "" : ", lots " + d.lots())));
        out.println(Table.row("rule set", d.ruleSetVersion() + ", decided " + Table.time(d.createdAt())));
        out.println(Table.row("rules fired", d.rulesFired().isEmpty() ? "none" : ""));
        d.rulesFired().forEach(rule -> out.println("    " + rule));
        List<Order> orders = store.ordersOfSignal(signalId);
        out.println(Table.row("orders", orders.isEmpty() ? "none" : ""));
        for (Order o : orders) {
            out.printf("    #%d %s %s %d lot(s) %s price=%s stop=%s take=%s status=%s client_order_id=%s%n", o.id(), o.side(),
                    o.type(), o.lots(), o.instrumentId(), o.price(), o.stopLoss(), o.takeProfit(), o.status(),
                    o.clientOrderId());
        }
        out.println(Table.row("facts", d.factsJson()));
        return null;
    }
}
