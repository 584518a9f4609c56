package dev.strela.console.internal;

import java.io.PrintStream;
import java.util.Optional;

import org.apache.karaf.shell.api.action.Action;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Option;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.apache.karaf.shell.api.console.Session;

import dev.strela.datafeed.Replays;
import dev.strela.datafeed.Replays.Progress;
import dev.strela.persistence.RunRepository;
import dev.strela.persistence.RunRepository.RunRow;

/** {@code strela:replays}: the runs, newest first, with the progress of the replays running. */
@Service
@Command(scope = "strela", name = "replays", description = "Lists runs (replays and the standing paper/live runs) with replay progress")
public class ReplaysCommand implements Action {

    @Option(name = "--last", description = "How many runs (default 20)")
    int last = 20;

    @Reference(optional = true)
    RunRepository runs;

    @Reference(optional = true)
    Replays replays;

    @Reference
    Session session;

    @Override
    public Object execute() {
        PrintStream out = session.getConsole();
        if (runs == null) {
            out.println(Table.NO_DATABASE);
            return null;
        }
        out.printf("%-44s %-7s %-10s %-23s %s%n", "run", "kind", "status", "started", "progress / parameters");
        for (RunRow run : runs.recent(last)) {
            Optional<Progress> p = replays == null ? Optional.empty() : replays.progress(run.id());
            String detail = p.map(ReplayCommand::line).orElse(run.paramsJson());
            out.printf("%-44s %-7s %-10s %-23s %s%n", run.id(), run.kind(), p.map(Progress::status).orElse(run.status()),
                    Table.time(run.startedAt()), detail);
        }
        return null;
    }
}
