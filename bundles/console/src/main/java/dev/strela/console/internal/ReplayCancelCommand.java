package dev.strela.console.internal;

import org.apache.karaf.shell.api.action.Action;
import org.apache.karaf.shell.api.action.Argument;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.apache.karaf.shell.api.console.Session;

import dev.strela.datafeed.Replays;

/** {@code strela:replay-cancel <run-id>}: stops a running replay after the minute it is on. */
@Service
@Command(scope = "strela", name = "replay-cancel", description = "Cancels a running replay (it keeps what it wrote)")
public class ReplayCancelCommand implements Action {

    @Argument(index = 0, name = "run-id", required = true, description = "The replay's run id (strela:replays)")
    String runId;

    @Reference(optional = true)
    Replays replays;

    @Reference
    Session session;

    @Override
    public Object execute() {
        if (replays == null) {
            session.getConsole().println("Replays are not available: the data feed is not running (see strela:status)");
        } else if (replays.cancel(runId)) {
            session.getConsole().println("Cancelling " + runId + " after its current minute");
        } else {
            session.getConsole().println("ERROR " + runId + " is not a replay running here (strela:replays)");
        }
        return null;
    }
}
