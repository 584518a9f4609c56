package dev.strela.console.internal;

import java.io.PrintStream;

import org.apache.karaf.shell.api.action.Action;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.apache.karaf.shell.api.console.Session;

import dev.strela.execution.RuleService;
import dev.strela.execution.RulesStatus;

/** {@code strela:rules}: the DRL files in force, their version, when they loaded, and the last compile error. */
@Service
@Command(scope = "strela", name = "rules", description = "Shows the risk rules in force (etc/strela/rules) and the last compile error")
public class RulesCommand implements Action {

    static final String NO_EXECUTION = "The execution bundle is not running (see strela:status)";

    @Reference(optional = true)
    RuleService rules;

    @Reference
    Session session;

    @Override
    public Object execute() {
        PrintStream out = session.getConsole();
        if (rules == null) {
            out.println(NO_EXECUTION);
            return null;
        }
        print(out, rules.status());
        return null;
    }

    static void print(PrintStream out, RulesStatus s) {
        out.println(Table.row("folder", String.valueOf(s.folder())));
        out.println(Table.row("active version", s.activeVersion() == null ? "NONE: no rule set has compiled, signals wait"
                : s.activeVersion()));
        out.println(Table.row("loaded", s.loadedAt() == null ? "-" : Table.time(s.loadedAt())));
        out.println(Table.row("files", s.activeFiles().isEmpty() ? "-" : String.join(", ", s.activeFiles())));
        if (s.folderVersion() != null && !s.folderVersion().equals(s.activeVersion())) {
            out.println(Table.row("folder version", s.folderVersion() + " (not in force)"));
        }
        out.println(Table.row("last error", s.lastError() == null ? "none"
                : Table.time(s.lastErrorAt()) + "  " + s.lastError()));
    }
}
