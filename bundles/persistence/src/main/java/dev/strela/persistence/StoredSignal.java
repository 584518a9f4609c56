package dev.strela.persistence;

import java.time.Instant;

/** A row of {@code live_signals} with its universe row's strategy name. */
public record StoredSignal(long id, String runId, long strategyUniverseId, String strategy, String symbol, String timeframe,
                           Instant barTimestamp, Instant createdAt, String signalJson, boolean processed) {
}
