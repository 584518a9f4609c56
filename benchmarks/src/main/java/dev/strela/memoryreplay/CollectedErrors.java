package dev.strela.memoryreplay;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import dev.strela.api.error.ErrorEvent;
import dev.strela.api.error.ErrorLog;

/**
 * {@link ErrorLog} of a replay without a database: counts every event by run and code, and keeps the first
 * {@value #KEPT} of them whole (what {@code live_errors} would hold, without the table).
 */
public final class CollectedErrors implements ErrorLog {

    static final int KEPT = 1000;

    private final Map<String, Map<String, Long>> counts = new TreeMap<>();
    private final List<ErrorEvent> kept = new ArrayList<>();

    @Override
    public synchronized void record(ErrorEvent event) {
        counts.computeIfAbsent(String.valueOf(event.runId()), r -> new TreeMap<>()).merge(event.code(), 1L, Long::sum);
        if (kept.size() < KEPT) {
            kept.add(event);
        }
    }

    /** Events of the run by code ({@code "null"} for events of no run). */
    public synchronized Map<String, Long> counts(String runId) {
        return Map.copyOf(counts.getOrDefault(String.valueOf(runId), Map.of()));
    }

    /** The first events recorded, in order. */
    public synchronized List<ErrorEvent> events() {
        return List.copyOf(kept);
    }
}
