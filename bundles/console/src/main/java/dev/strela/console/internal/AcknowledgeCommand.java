package dev.strela.console.internal;

import java.io.PrintStream;

import org.apache.karaf.shell.api.action.Action;
import org.apache.karaf.shell.api.action.Argument;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Option;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.apache.karaf.shell.api.console.Session;

import dev.strela.persistence.TradingControlRepository;

/**
 * {@code strela:acknowledge --note "..." <error id>}: a person has checked a {@code reconciliation_mismatch} against the
 * broker; the error no longer keeps trading stopped ({@code strela:resume} lifts the stop).
 */
@Service
@Command(scope = "strela", name = "acknowledge", description = "Acknowledges a reconciliation_mismatch error once you have checked the broker; strela:resume is possible again")
public class AcknowledgeCommand implements Action {

    @Option(name = "--note", required = true, description = "What you found at the broker (appended to the error's message)")
    String note;

    @Argument(index = 0, name = "id", required = true, description = "The error's id (strela:errors --code reconciliation_mismatch)")
    long id;

    @Reference(optional = true)
    TradingControlRepository control;

    @Reference
    Session session;

    @Override
    public Object execute() {
        PrintStream out = session.getConsole();
        if (!TradingControlCommands.available(control, out)) {
            return null;
        }
        if (note == null || note.isBlank()) {
            out.println("ERROR --note is required: say what you checked at the broker");
            return null;
        }
        try {
            TradingControlCommands.print(out, control.acknowledge(id, note.trim(), TradingControlCommands.who()));
            out.println("Error " + id + " acknowledged." + (control.current().stopTrading()
                    ? " Trading is still stopped: strela:resume --reason \"...\" when you are ready." : ""));
        } catch (IllegalArgumentException e) {
            out.println("ERROR " + e.getMessage());
        }
        return null;
    }
}
