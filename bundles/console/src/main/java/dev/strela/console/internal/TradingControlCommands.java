package dev.strela.console.internal;

import java.io.PrintStream;
import org.apache.karaf.shell.support.ShellUtil;

import dev.strela.persistence.TradingControl;
import dev.strela.persistence.TradingControlRepository;

/** What the trading-control commands share: who is changing the flags, and how the result is shown. */
final class TradingControlCommands {

    private TradingControlCommands() {
    }

    /** The console user, for {@code trading_control_log.changed_by}. */
    static String who() {
        String user = ShellUtil.getCurrentUserName();
        return user == null || user.isBlank() ? "console" : "console:" + user;
    }

    /** False (after saying why) when the reason is missing: every change of a flag is explained. */
    static boolean hasReason(String reason, PrintStream out) {
        if (reason == null || reason.isBlank()) {
            out.println("ERROR --reason is required: every change of the trading controls is logged with why");
            return false;
        }
        return true;
    }

    static void print(PrintStream out, TradingControl tc) {
        out.println(Table.row("stop trading", tc.stopTrading() ? "ON" : "off"));
        out.println(Table.row("safe mode", tc.safeMode() ? "ON" : "off"));
        if (tc.changedAt() != null) {
            out.println(Table.row("last change", Table.time(tc.changedAt()) + " by " + tc.changedBy() + ": " + tc.reason()));
        }
    }

    static boolean available(TradingControlRepository repository, PrintStream out) {
        if (repository == null) {
            out.println(Table.NO_DATABASE);
            return false;
        }
        return true;
    }
}
