package dev.strela.console.internal;

import java.io.PrintStream;

import org.apache.karaf.shell.api.action.Action;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Option;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.apache.karaf.shell.api.console.Session;

import dev.strela.persistence.TradingControlRepository;

/** {@code strela:stop-trading --reason "..."}: no new orders at all until {@code strela:resume}. */
@Service
@Command(scope = "strela", name = "stop-trading", description = "Stops sending orders (signals are still computed and recorded as not sent) until strela:resume")
public class StopTradingCommand implements Action {

    @Option(name = "--reason", required = true, description = "Why (kept in trading_control_log with who and when)")
    String reason;

    @Reference(optional = true)
    TradingControlRepository control;

    @Reference
    Session session;

    @Override
    public Object execute() {
        PrintStream out = session.getConsole();
        if (TradingControlCommands.available(control, out) && TradingControlCommands.hasReason(reason, out)) {
            TradingControlCommands.print(out, control.setStopTrading(true, reason.trim(), TradingControlCommands.who()));
            out.println("No order is sent until strela:resume.");
        }
        return null;
    }
}
