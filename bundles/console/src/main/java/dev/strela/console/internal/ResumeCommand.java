package dev.strela.console.internal;

import java.io.PrintStream;

import org.apache.karaf.shell.api.action.Action;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Option;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.apache.karaf.shell.api.console.Session;

import dev.strela.persistence.TradingControl;
import dev.strela.persistence.TradingControlRepository;

/** {@code strela:resume --reason "..."}: a person lifts stop-trading; nothing resumes trading by itself. */
@Service
@Command(scope = "strela", name = "resume", description = "Lifts stop-trading (a person's decision; safe mode is separate)")
public class ResumeCommand implements Action {

    @Option(name = "--reason", required = true, description = "Why trading may go on (kept in trading_control_log)")
    String reason;

    @Reference(optional = true)
    TradingControlRepository control;

    @Reference
    Session session;

    @Override
    public Object execute() {
        PrintStream out = session.getConsole();
        if (TradingControlCommands.available(control, out) && TradingControlCommands.hasReason(reason, out)) {
            TradingControl tc;
            try {
                tc = control.setStopTrading(false, reason.trim(), TradingControlCommands.who());
            } catch (IllegalStateException e) {
                out.println("ERROR trading stays stopped: " + e.getMessage());
                return null;
            }
            TradingControlCommands.print(out, tc);
            if (tc.safeMode()) {
                out.println("Safe mode is still on: no new positions (strela:safe-mode off --reason ... lifts it).");
            }
        }
        return null;
    }
}
