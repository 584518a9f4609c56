package dev.strela.console.internal;

import java.io.PrintStream;
import java.math.BigDecimal;
import java.math.RoundingMode;

import org.apache.karaf.shell.api.action.Action;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Option;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.apache.karaf.shell.api.console.Session;

import dev.strela.persistence.BrokerStore;
import dev.strela.persistence.PositionRow;

/** {@code strela:positions [--run paper]}: what each strategy row holds, and the account's cash. */
@Service
@Command(scope = "strela", name = "positions", description = "Shows the positions of a run per strategy (live_positions) and its cash")
public class PositionsCommand implements Action {

    @Option(name = "--run", description = "Run id: paper (default), live, or a replay id")
    String run = "paper";

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
        out.println(Table.row("cash (" + run + ")", store.cash(run).map(c -> c.setScale(2, RoundingMode.HALF_UP).toPlainString())
                .orElse("no account")));
        out.printf("%-5s %-18s %-11s %8s %9s %14s %14s %12s %s%n", "row", "strategy", "symbol", "lots", "units", "avg price",
                "realized", "commission", "opened (UTC)");
        for (PositionRow p : store.positions(run)) {
            out.printf("%-5d %-18s %-11s %8d %9d %14s %14s %12s %s%n", p.strategyUniverseId(), p.strategy(), p.symbol(), p.lots(),
                    p.quantity(), money(p.averagePrice(), 4), money(p.realizedPnl(), 2), money(p.commission(), 2),
                    p.openedAt() == null ? "flat" : Table.time(p.openedAt()).replace(" UTC", ""));
        }
        return null;
    }

    private static String money(BigDecimal value, int scale) {
        return value == null ? "-" : value.setScale(scale, RoundingMode.HALF_UP).toPlainString();
    }
}
