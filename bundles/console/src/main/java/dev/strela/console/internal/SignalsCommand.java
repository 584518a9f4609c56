package dev.strela.console.internal;

import java.io.PrintStream;

import org.apache.karaf.shell.api.action.Action;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Option;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.apache.karaf.shell.api.console.Session;

import dev.strela.persistence.SignalRepository;
import dev.strela.persistence.StoredSignal;

/** {@code strela:signals [--last N] [--strategy ...]}: the newest signals. */
@Service
@Command(scope = "strela", name = "signals", description = "Shows the newest signals (live_signals)")
public class SignalsCommand implements Action {

    @Option(name = "--last", description = "How many (default 20)")
    int last = 20;

    @Option(name = "--strategy", description = "Only this strategy")
    String strategy;

    @Reference(optional = true)
    SignalRepository signals;

    @Reference
    Session session;

    @Override
    public Object execute() {
        PrintStream out = session.getConsole();
        if (signals == null) {
            out.println(Table.NO_DATABASE);
            return null;
        }
        out.printf("%-8s %-6s %-5s %-18s %-20s %-4s %-20s %s%n", "id", "run", "row", "strategy", "bar (UTC)", "tf", "symbol", "signal");
        for (StoredSignal s : signals.recent(Math.max(1, last), strategy)) {
            out.printf("%-8d %-6s %-5d %-18s %-20s %-4s %-20s %s%s%n", s.id(), s.runId(), s.strategyUniverseId(), s.strategy(),
                    Table.time(s.barTimestamp()).replace(" UTC", ""), s.timeframe(), s.symbol(), s.signalJson(),
                    s.processed() ? "" : "  (not processed yet)");
        }
        return null;
    }
}
