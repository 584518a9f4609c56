package dev.strela.console.internal;

import java.io.PrintStream;

import org.apache.karaf.shell.api.action.Action;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.apache.karaf.shell.api.console.Session;

import dev.strela.execution.RuleService;
import dev.strela.execution.RulesStatus;

/** {@code strela:rules-reload}: compiles the rules folder now; on an error the previous rules stay in force. */
@Service
@Command(scope = "strela", name = "rules-reload", description = "Compiles etc/strela/rules now; a file that does not compile leaves the previous rules in force")
public class RulesReloadCommand implements Action {

    @Reference(optional = true)
    RuleService rules;

    @Reference
    Session session;

    @Override
    public Object execute() {
        PrintStream out = session.getConsole();
        if (rules == null) {
            out.println(RulesCommand.NO_EXECUTION);
            return null;
        }
        String before = rules.status().activeVersion();
        RulesStatus after = rules.reload();
        boolean failed = after.lastError() != null;
        out.println(failed ? "Reload FAILED; rules " + after.activeVersion() + " stay in force"
                : "Reloaded: rules " + after.activeVersion() + (after.activeVersion().equals(before) ? " (unchanged)" : " (was " + before + ")"));
        RulesCommand.print(out, after);
        return null;
    }
}
