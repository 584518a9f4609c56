package dev.strela.console.internal;

import java.io.PrintStream;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

import org.apache.karaf.shell.api.action.Action;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Option;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.apache.karaf.shell.api.console.Session;

import dev.strela.datafeed.Replays;
import dev.strela.datafeed.Replays.Progress;

/**
 * {@code strela:replay --from 2024-01-01 --to 2025-01-01 --instruments SBER [--strategies sma_crossover]
 * [--initial-cash 1000000] [--background]}: replays stored candles through the trading chain as a run of its own,
 * showing progress; Ctrl-C cancels it.
 */
@Service
@Command(scope = "strela", name = "replay", description = "Replays stored 1-minute candles through strategies, rules and the simulated broker as a run of its own")
public class ReplayCommand implements Action {

    static final ZoneId MOSCOW = ZoneId.of("Europe/Moscow");

    @Option(name = "--from", required = true, description = "First day (Moscow date, 2024-01-01) or instant (2024-01-01T07:00:00Z)")
    String from;

    @Option(name = "--to", required = true, description = "End, exclusive (Moscow date or instant)")
    String to;

    @Option(name = "--instruments", required = true, description = "Instrument ids or tickers, comma-separated")
    String instruments;

    @Option(name = "--strategies", description = "Strategy names whose universe rows run (any mode); default: the rows enabled in paper or live mode")
    String strategies;

    @Option(name = "--initial-cash", description = "Starting cash of the replay's account (default 1000000)")
    String initialCash = "1000000";

    @Option(name = "--background", description = "Start it and return; follow with strela:replays")
    boolean background;

    @Reference(optional = true)
    Replays replays;

    @Reference
    Session session;

    @Override
    public Object execute() throws Exception {
        PrintStream out = session.getConsole();
        if (replays == null) {
            out.println("Replays are not available: the data feed is not running (is the database up? see strela:status)");
            return null;
        }
        Replays.Request request;
        try {
            request = new Replays.Request(instant(from, "--from"), instant(to, "--to"), list(instruments), list(strategies),
                    cash(initialCash));
        } catch (IllegalArgumentException e) {
            out.println("ERROR " + e.getMessage());
            return null;
        }
        String runId;
        try {
            runId = replays.start(request);
        } catch (IllegalArgumentException e) {
            out.println("ERROR " + e.getMessage());
            return null;
        }
        out.println("Replay " + runId + " started");
        if (background) {
            out.println("  follow it with strela:replays, stop it with strela:replay-cancel " + runId);
            return null;
        }
        Progress p;
        try {
            while (true) {
                Optional<Progress> now = replays.await(runId, Duration.ofSeconds(2));
                p = now.orElseThrow();
                if (p.ended()) {
                    break;
                }
                out.println("  " + line(p));
            }
        } catch (InterruptedException e) {
            replays.cancel(runId);
            p = replays.await(runId, Duration.ofSeconds(30)).orElseThrow();
            out.println("Interrupted: replay cancelled");
        }
        out.println("Replay " + runId + " " + p.status() + ": " + line(p));
        if (p.error() != null) {
            out.println("  ERROR " + p.error());
        }
        out.println("  strela:report " + runId + " writes its trades, PnL and equity curve");
        return null;
    }

    static String line(Progress p) {
        Duration eta = p.eta();
        return String.format("%5.1f%%  %,d of %,d one-minute bars  %,.0f bars/s  %,d bars closed  %s%s", p.percent(),
                p.minutesDone(), p.minutesTotal(), p.barsPerSecond(), p.barsClosed(),
                p.simulatedTime() == null ? "" : "at " + Table.time(p.simulatedTime()),
                p.ended() || eta == null ? "" : String.format("  ETA %d:%02d", eta.toMinutes(), eta.toSecondsPart()));
    }

    static Instant instant(String text, String option) {
        String s = text == null ? "" : text.trim();
        try {
            if (s.length() == 10) {
                return LocalDate.parse(s).atStartOfDay(MOSCOW).toInstant();
            }
            return Instant.parse(s);
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException(option + ": expected a date (2024-01-01, Moscow) or an instant"
                    + " (2024-01-01T07:00:00Z), was '" + text + "'");
        }
    }

    static List<String> list(String csv) {
        return csv == null ? List.of() : Arrays.stream(csv.split(",")).map(String::trim).filter(s -> !s.isEmpty()).toList();
    }

    private static BigDecimal cash(String text) {
        try {
            return new BigDecimal(text.trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("--initial-cash: expected a number, was '" + text + "'");
        }
    }
}
