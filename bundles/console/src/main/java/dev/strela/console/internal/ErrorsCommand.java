package dev.strela.console.internal;

import java.io.PrintStream;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Locale;

import org.apache.karaf.shell.api.action.Action;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Option;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.apache.karaf.shell.api.console.Session;

import dev.strela.persistence.ErrorRepository;
import dev.strela.persistence.ErrorRepository.ErrorRow;

/**
 * {@code strela:errors [--source ...] [--severity ...] [--since 1h] [--code ...] [--last 20]}: live_errors last seen most
 * recently first; a repeated error is one row with how many times it was seen ({@code ×N}).
 */
@Service
@Command(scope = "strela", name = "errors", description = "Lists recorded errors (live_errors), last seen first, with their repeats")
public class ErrorsCommand implements Action {

    @Option(name = "--source", description = "data_feed, strategy_runner, execution, broker, risk or system")
    String source;

    @Option(name = "--severity", description = "Lowest severity shown: info, warning, error or critical")
    String severity;

    @Option(name = "--since", description = "Errors last seen since: 30m, 2h, 3d, or an instant (2024-03-04T07:00:00Z)")
    String since;

    @Option(name = "--code", description = "One code, e.g. strategy_exception")
    String code;

    @Option(name = "--last", description = "At most this many (default 20)")
    int last = 20;

    @Reference(optional = true)
    ErrorRepository errors;

    @Reference
    Session session;

    @Override
    public Object execute() {
        PrintStream out = session.getConsole();
        if (errors == null) {
            out.println(Table.NO_DATABASE);
            return null;
        }
        try {
            var rows = errors.recent(lower(source), lower(severity), lower(code), since(since), last);
            out.printf("%-8s %-23s %-15s %-8s %-28s %7s %4s %s%n", "id", "last seen", "source", "severity", "code", "times",
                    "row", "message");
            for (ErrorRow e : rows) {
                out.printf("%-8d %-23s %-15s %-8s %-28s %7s %4s %s%s%n", e.id(), Table.time(e.createdAt()), e.source(),
                        e.severity(), e.code(), e.occurrences() > 1 ? "\u00d7" + e.occurrences() : "",
                        e.strategyUniverseId() == null ? "" : e.strategyUniverseId(), e.message(),
                        e.runId() == null ? "" : "  [" + e.runId() + "]");
            }
            out.println(rows.size() + " error(s)" + (rows.size() == last ? " (--last " + last + " reached)" : ""));
        } catch (IllegalArgumentException e) {
            out.println("ERROR " + e.getMessage());
        }
        return null;
    }

    private static String lower(String s) {
        return s == null || s.isBlank() ? null : s.trim().toLowerCase(Locale.ROOT);
    }

    static Instant since(String text) {
        if (text == null || text.isBlank()) {
            return null;
        }
        String t = text.trim().toLowerCase(Locale.ROOT);
        try {
            if (t.matches("\\d+[mhd]")) {
                long n = Long.parseLong(t.substring(0, t.length() - 1));
                Duration back = switch (t.charAt(t.length() - 1)) {
                    case 'm' -> Duration.ofMinutes(n);
                    case 'h' -> Duration.ofHours(n);
                    default -> Duration.ofDays(n);
                };
                return Instant.now().minus(back);
            }
            return Instant.parse(text.trim());
        } catch (DateTimeParseException | NumberFormatException e) {
            throw new IllegalArgumentException("--since: 30m, 2h, 3d or an instant (2024-03-04T07:00:00Z), was '" + text + "'");
        }
    }
}
