package dev.strela.console.internal;

import java.io.PrintStream;

import org.apache.karaf.shell.api.action.Action;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Option;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.apache.karaf.shell.api.console.Session;

import dev.strela.api.model.Order;
import dev.strela.persistence.BrokerStore;

/** {@code strela:orders [--run paper] [--last N]}: the newest orders and where they stand. */
@Service
@Command(scope = "strela", name = "orders", description = "Shows the newest orders of a run (live_orders)")
public class OrdersCommand implements Action {

    @Option(name = "--run", description = "Run id: paper (default), live, or a replay id")
    String run = "paper";

    @Option(name = "--last", description = "How many (default 20)")
    int last = 20;

    @Reference(optional = true)
    BrokerStore store;

    @Reference
    Session session;

    @Override
    public Object execute() {
        PrintStream out = session.getConsole();
        if (store == null) {
            out.println(Table.NO_DATABASE);
            return null;
        }
        out.printf("%-7s %-20s %-5s %-11s %-4s %7s %12s %12s %12s %-16s %s%n", "id", "created (UTC)", "row", "symbol", "side",
                "lots", "price", "stop", "take", "status", "type");
        for (Order o : store.recentOrders(run, Math.max(1, last))) {
            out.printf("%-7d %-20s %-5d %-11s %-4s %7d %12s %12s %12s %-16s %s%n", o.id(),
                    Table.time(o.createdAt()).replace(" UTC", ""), o.strategyUniverseId(), o.instrumentId(), o.side(), o.lots(),
                    dash(o.price()), dash(o.stopLoss()), dash(o.takeProfit()), o.status(), o.type());
        }
        return null;
    }

    private static String dash(Object value) {
        return value == null ? "-" : value.toString();
    }
}
