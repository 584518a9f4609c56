package dev.strela.persistence;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

import org.osgi.annotation.versioning.ProviderType;

import dev.strela.api.model.Timeframe;

/** {@code live_signals}: valid signals waiting for the execution layer ({@code processed = false}). */
@ProviderType
public interface SignalRepository {

    /**
     * Stores a valid signal; empty when this universe row already has a signal for this bar in this run
     * (a repeated BAR_CLOSE), so a bar never yields two signals.
     */
    Optional<Long> insert(String runId, long strategyUniverseId, String symbol, Timeframe timeframe, Instant signalTime,
                          Instant barTime, String signalJson);

    /** The newest signal of a universe row. */
    Optional<StoredSignal> last(long strategyUniverseId);

    /** The newest signals, newest first; {@code strategy} null for all. */
    List<StoredSignal> recent(int limit, String strategy);
}
