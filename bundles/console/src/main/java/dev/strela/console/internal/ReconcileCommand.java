package dev.strela.console.internal;

import java.io.PrintStream;
import java.util.List;

import org.apache.karaf.shell.api.action.Action;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.apache.karaf.shell.api.console.Session;

import dev.strela.health.ReconcileReport;
import dev.strela.health.Reconciliation;

/** {@code strela:reconcile}: each broker's positions and cash against what the platform stored, now. */
@Service
@Command(scope = "strela", name = "reconcile", description = "Compares each broker's positions and cash with live_positions and the account now; a difference stops trading")
public class ReconcileCommand implements Action {

    @Reference(optional = true)
    Reconciliation reconciliation;

    @Reference
    Session session;

    @Override
    public Object execute() {
        PrintStream out = session.getConsole();
        if (reconciliation == null) {
            out.println("ERROR reconciliation is not running (is the strela-health feature installed and the database connected?)");
            return null;
        }
        List<ReconcileReport> reports = reconciliation.reconcileNow();
        if (reports.isEmpty()) {
            out.println("No broker adapter is connected: nothing to reconcile.");
        }
        for (ReconcileReport report : reports) {
            String run = report.runId() == null ? "" : " (run " + report.runId() + ")";
            if (report.failure() != null) {
                out.println(report.broker() + run + ": NOT RECONCILED: " + report.failure());
            } else if (report.matches()) {
                out.println(report.broker() + run + ": positions and cash match");
            } else {
                out.println(report.broker() + run + ": MISMATCH, trading stopped (reconciliation_mismatch; check, then"
                        + " strela:acknowledge --note \"...\" <id>):");
                report.differences().forEach(d -> out.println("  " + d));
            }
        }
        return null;
    }
}
