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

    /**
     * What {@link #page} keeps; each part null for any. {@code severity} is the lowest severity shown, as in
     * {@link #recent}. {@code from} and {@code to} keep the rows whose span {@code [first_seen, last_seen]} meets
     * {@code [from, to)}: last seen at or after {@code from} and first seen before {@code to}.
     */
    record ErrorFilter(String source, String severity, String code, Instant from, Instant to) {

        /** No filter: every row. */
        public static final ErrorFilter ALL = new ErrorFilter(null, null, null, null, null);
    }

    /**
     * One page of errors, highest id (most recently recorded) first: the rows with an id below {@code beforeId} (null
     * for the first page) that the filter keeps, at most {@code limit}. The next page starts before the last row's id.
     *
     * @throws IllegalArgumentException for a source or severity that does not exist, or {@code from} not before
     *                                  {@code to}
     */
    List<ErrorRow> page(ErrorFilter filter, Long beforeId, int limit);
}
