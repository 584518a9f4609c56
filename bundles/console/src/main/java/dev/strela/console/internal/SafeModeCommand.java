package dev.strela.console.internal;

import java.io.PrintStream;
import java.util.List;
import java.util.Locale;

import org.apache.karaf.shell.api.action.Action;
import org.apache.karaf.shell.api.action.Argument;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Option;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.apache.karaf.shell.api.console.Session;

import dev.strela.persistence.TradingControlRepository;

/** {@code strela:safe-mode on|off --reason "..."}: no new positions; existing ones are still managed. */
@Service
@Command(scope = "strela", name = "safe-mode", description = "Safe mode on or off: no new positions, existing ones still managed")
public class SafeModeCommand implements Action {

    /** {@code on|off}, and the reason may follow it ({@code on --reason "..."}): after an argument Karaf parses no options. */
    @Argument(index = 0, name = "state", required = true, multiValued = true, description = "on or off [--reason \"why\"]")
    List<String> words;

    @Option(name = "--reason", description = "Why (kept in trading_control_log with who and when); may also follow on|off")
    String reason;

    @Reference(optional = true)
    TradingControlRepository control;

    @Reference
    Session session;

    @Override
    public Object execute() {
        PrintStream out = session.getConsole();
        String state = words == null || words.isEmpty() ? "" : words.get(0);
        String s = state.trim().toLowerCase(Locale.ROOT);
        if (!s.equals("on") && !s.equals("off")) {
            out.println("ERROR state: on or off, was '" + state + "'");
            return null;
        }
        if (words.size() > 1) {
            if (!"--reason".equals(words.get(1)) || words.size() < 3 || reason != null) {
                out.println("ERROR expected: strela:safe-mode on|off --reason \"why\", was " + String.join(" ", words));
                return null;
            }
            reason = String.join(" ", words.subList(2, words.size()));
        }
        if (TradingControlCommands.available(control, out) && TradingControlCommands.hasReason(reason, out)) {
            TradingControlCommands.print(out, control.setSafeMode(s.equals("on"), reason.trim(), TradingControlCommands.who()));
        }
        return null;
    }
}
