package dev.strela.console.internal;

import java.io.PrintStream;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import org.apache.karaf.shell.api.action.Action;
import org.apache.karaf.shell.api.action.Argument;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Option;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.apache.karaf.shell.api.console.Session;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import dev.strela.api.model.Bar;
import dev.strela.api.model.Timeframe;
import dev.strela.console.internal.report.ReportFiles;
import dev.strela.console.internal.report.RunReport;
import dev.strela.persistence.BrokerStore;
import dev.strela.persistence.MarketDataRepository;
import dev.strela.persistence.RunRepository;
import dev.strela.persistence.RunRepository.AccountRow;
import dev.strela.persistence.RunRepository.RunRow;
import dev.strela.persistence.RunRepository.TradeRow;

/** {@code strela:report <run-id> [--out dir]}: a run's PnL, drawdown, trades and equity curve, as files and a summary. */
@Service
@Command(scope = "strela", name = "report", description = "Writes a run's report: report.json, trades.csv, equity.csv and equity.html (the equity chart)")
public class ReportCommand implements Action {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Argument(index = 0, name = "run-id", required = true, description = "A replay's run id (strela:replays), or paper / live")
    String runId;

    @Option(name = "--out", description = "Folder for the files (default: data/strela/reports/<run-id>)")
    String out;

    @Reference(optional = true)
    RunRepository runs;

    @Reference(optional = true)
    BrokerStore broker;

    @Reference(optional = true)
    MarketDataRepository market;

    @Reference
    Session session;

    @Override
    public Object execute() throws Exception {
        PrintStream console = session.getConsole();
        if (runs == null || broker == null || market == null) {
            console.println(Table.NO_DATABASE);
            return null;
        }
        Optional<RunRow> found = runs.find(runId);
        if (found.isEmpty()) {
            console.println("ERROR no run '" + runId + "' (strela:replays lists them)");
            return null;
        }
        RunReport report = RunReport.build(inputs(found.get()));
        Path dir = out != null ? Path.of(out) : Path.of(System.getProperty("karaf.data", "data"), "strela", "reports", runId);
        List<Path> files = ReportFiles.write(report, dir.toAbsolutePath());
        print(console, report);
        files.forEach(f -> console.println("  wrote " + f));
        return null;
    }

    private RunReport.Inputs inputs(RunRow run) throws Exception {
        JsonNode params = JSON.readTree(run.paramsJson());
        List<TradeRow> trades = runs.trades(run.id());
        Set<String> instruments = new LinkedHashSet<>();
        params.path("instruments").forEach(n -> instruments.add(n.asText()));
        trades.forEach(t -> instruments.add(t.symbol()));
        Instant from = params.hasNonNull("from") ? Instant.parse(params.get("from").asText())
                : trades.isEmpty() ? run.startedAt() : trades.get(0).executedAt();
        // a replay that stopped early is valued where it stopped, not at the end it asked for
        Instant to = params.hasNonNull("stoppedAt") ? Instant.parse(params.get("stoppedAt").asText())
                : params.hasNonNull("to") ? Instant.parse(params.get("to").asText()) : Instant.now();
        List<String> ids = new ArrayList<>(instruments);
        List<Bar> hourly = market.barsBetween(ids, Timeframe.H1, from, to, 2_000_000);
        Map<String, BigDecimal> marks = new HashMap<>();
        for (String id : ids) {
            List<Bar> last = market.barsUpTo(id, Timeframe.M1, to.minusNanos(1), 1);
            if (!last.isEmpty() && !last.get(0).openTime().isBefore(from)) {
                marks.put(id, last.get(0).close());
            }
        }
        Optional<AccountRow> account = runs.account(run.id());
        BigDecimal initial = account.map(AccountRow::initialCash).orElse(null);
        if (initial == null) {
            throw new IllegalStateException("run " + run.id() + " has no starting cash (live runs are reported by the broker)");
        }
        long[] counts = runs.signalsAndDecisions(run.id());
        return new RunReport.Inputs(run.id(), run.status(), from, to, initial, account.get().cash(), trades,
                broker.positions(run.id()), hourly, marks, runs.refusals(run.id()), runs.errors(run.id()), counts[0], counts[1]);
    }

    static void print(PrintStream out, RunReport r) {
        out.println("Report of " + r.in.runId() + " (" + r.in.status() + "), " + r.in.from() + " .. " + r.in.to());
        out.println(Table.row("initial cash", ReportFiles.money(r.in.initialCash())));
        out.println(Table.row("final equity", ReportFiles.money(r.finalEquity()) + " (cash " + ReportFiles.money(r.cash)
                + " + positions " + ReportFiles.money(r.marketValue) + ")"));
        out.println(Table.row("realized PnL", ReportFiles.money(r.realizedPnl)));
        out.println(Table.row("unrealized PnL", ReportFiles.money(r.unrealizedPnl)));
        out.println(Table.row("commissions", ReportFiles.money(r.commissions)));
        out.println(Table.row("max drawdown", ReportFiles.money(r.maxDrawdown) + " (" + ReportFiles.pct(r.maxDrawdownShare) + ")"));
        out.println(Table.row("fills", Integer.toString(r.in.trades().size())));
        out.println(Table.row("round trips", r.roundTrips.size() + ", won " + r.wins() + " (" + ReportFiles.pct(r.winRate()) + ")"));
        out.println(Table.row("exposure", ReportFiles.pct(r.exposure) + " of the time with a position"));
        out.println(Table.row("signals / decisions", r.in.signals() + " / " + r.in.decisions()));
        out.println(Table.row("refusals", r.in.refusals().isEmpty() ? "none" : r.in.refusals().toString()));
        out.println(Table.row("errors", r.in.errors().isEmpty() ? "none" : r.in.errors().toString()));
        out.println(Table.row("reconciliation", r.mismatches.isEmpty()
                ? "OK: cash + positions = initial + realized + unrealized - commissions, to the kopeck; trades match cash and positions"
                : "MISMATCH " + r.mismatches));
    }
}
