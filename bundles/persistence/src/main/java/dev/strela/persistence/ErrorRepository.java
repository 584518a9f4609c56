package dev.strela.persistence;

import java.time.Instant;
import java.util.List;

import org.osgi.annotation.versioning.ProviderType;

/** Reads {@code live_errors} for people: the console and, later, the web monitor. */
@ProviderType
public interface ErrorRepository {

    /** A {@code live_errors} row (without the stack trace). */
    record ErrorRow(long id, Instant createdAt, String source, String severity, String code, Long strategyUniverseId,
                    String symbol, String timeframe, String runId, int occurrences, String message) {
    }

    /**
     * The newest errors first, at most {@code limit}; each filter null for any. {@code severity} is the lowest severity
     * shown ({@code warning} shows warning, error and critical).
     *
     * @throws IllegalArgumentException for a source or severity that does not exist
     */
    List<ErrorRow> recent(String source, String severity, String code, Instant since, int limit);

    /** Errors recorded since {@code since} by source, each as counts by severity ({@code source -> severity -> count}). */
    java.util.Map<String, java.util.Map<String, Long>> countsSince(Instant since);
}
