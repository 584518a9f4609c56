package dev.strela.strategyrunner.internal;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import dev.strela.api.model.Instrument;
import dev.strela.api.model.Timeframe;
import dev.strela.persistence.UniverseRow;

/**
 * What the runner keeps of one replay: its rows (as read when the replay started) by instrument and timeframe, highest
 * priority first; its instruments; the rows whose strategy was reported missing; when it was last used.
 */
final class ReplayScope {

    final String runId;
    final Map<String, Optional<Instrument>> instruments = new ConcurrentHashMap<>();
    final Set<Long> missing = ConcurrentHashMap.newKeySet();
    volatile long lastUsed = System.nanoTime();
    private final Map<String, List<UniverseRow>> rowsByBar = new HashMap<>();

    ReplayScope(String runId, List<UniverseRow> rows) {
        this.runId = runId;
        (rows == null ? List.<UniverseRow>of() : rows).stream()
                .sorted(Comparator.comparingInt(UniverseRow::priority).reversed().thenComparingLong(UniverseRow::id))
                .forEach(r -> rowsByBar.computeIfAbsent(key(r.symbol(), r.timeframe()), k -> new ArrayList<>()).add(r));
    }

    List<UniverseRow> rows(String symbol, Timeframe timeframe) {
        return rowsByBar.getOrDefault(key(symbol, timeframe), List.of());
    }

    private static String key(String symbol, Timeframe timeframe) {
        return symbol + " " + timeframe.code();
    }
}
