package dev.strela.persistence;

import java.time.Instant;
import java.util.List;

import org.osgi.annotation.versioning.ProviderType;

/** Reads {@code live_errors} for people: the console and, later, the web monitor. */
@ProviderType
public interface ErrorRepository {

    /**
     * A {@code live_errors} row (without the stack trace). Repeats of one error are folded into one row, so
     * {@code createdAt} is when the row's error was last seen ({@code last_seen}: for a single report, when it
     * happened) and {@code occurrences} how often it was seen since the row was created.
     */
    record ErrorRow(long id, Instant createdAt, String source, String severity, String code, Long strategyUniverseId,
                    String symbol, String timeframe, String runId, int occurrences, String message) {
    }

    /**
     * The errors last seen most recently first, at most {@code limit}; each filter null for any. {@code severity} is the
     * lowest severity shown ({@code warning} shows warning, error and critical); {@code since} keeps the rows last seen
     * at or after it.
     *
     * @throws IllegalArgumentException for a source or severity that does not exist
     */
    List<ErrorRow> recent(String source, String severity, String code, Instant since, int limit);

    /**
     * How many errors were seen, by source, each as counts by severity ({@code source -> severity -> count}): the
     * occurrences of the rows last seen at or after {@code since} (all of a folded row's, also those before it).
     */
    java.util.Map<String, java.util.Map<String, Long>> countsSince(Instant since);
}
