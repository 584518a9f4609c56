package dev.strela.datafeed.internal.replay;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

import org.osgi.service.component.annotations.Component;

import dev.strela.api.model.Bar;
import dev.strela.api.model.Timeframe;

/**
 * The bars the running replays have closed, kept in memory per replay, instrument and timeframe, so the strategy runner
 * reads a replay's bars without a database query on every bar close (through the data feed's {@code BarWindow}). Each
 * window starts with the stored bars before the replay's first minute (the strategies' history) and then takes the
 * replay's own bars as they close. A window answers only for the bar it closed last (the runner asks for the bar
 * being closed), so a replay's old bars are never served to live trading or to a replay of another period.
 */
@Component(service = ReplayWindows.class)
public final class ReplayWindows {

    /** Bars kept per instrument and timeframe. */
    static final int CAPACITY = 500;

    private final Map<String, Map<Key, Window>> byRun = new ConcurrentHashMap<>();

    /**
     * Opens a replay's window of one instrument and timeframe with the stored bars before its start (oldest first).
     * Fewer than {@link #CAPACITY} of them means that is all the history there is.
     */
    void open(String runId, String instrumentId, Timeframe timeframe, List<Bar> history) {
        Window w = new Window(history.size() < CAPACITY);
        w.bars.addAll(history);
        byRun.computeIfAbsent(runId, r -> new ConcurrentHashMap<>()).put(new Key(instrumentId, timeframe), w);
    }

    /** A bar the replay closed; ignored for an instrument and timeframe the replay does not run. */
    void closed(String runId, Bar bar) {
        Map<Key, Window> windows = byRun.get(runId);
        Window w = windows == null ? null : windows.get(new Key(bar.instrumentId(), bar.timeframe()));
        if (w == null) {
            return;
        }
        synchronized (w) {
            if (!w.bars.isEmpty() && !bar.openTime().isAfter(w.bars.get(w.bars.size() - 1).openTime())) {
                return;   // history already held this bar (a replay starting inside a bar)
            }
            w.bars.add(bar);
            if (w.bars.size() > 2 * CAPACITY) {
                w.bars.subList(0, w.bars.size() - CAPACITY).clear();
                w.fromStart = false;
            }
        }
    }

    void close(String runId) {
        byRun.remove(runId);
    }

    /**
     * The last {@code count} bars up to {@code upTo}, when a replay's window ends exactly at {@code upTo} and holds them
     * (or holds all history there is).
     */
    public Optional<List<Bar>> barsUpTo(String instrumentId, Timeframe timeframe, Instant upTo, int count) {
        Key key = new Key(instrumentId, timeframe);
        for (Map<Key, Window> windows : byRun.values()) {
            Window w = windows.get(key);
            if (w == null) {
                continue;
            }
            synchronized (w) {
                int n = w.bars.size();
                if (n == 0 || !w.bars.get(n - 1).openTime().equals(upTo)) {
                    continue;
                }
                if (n >= count) {
                    return Optional.of(List.copyOf(w.bars.subList(n - count, n)));
                }
                if (w.fromStart) {
                    return Optional.of(List.copyOf(w.bars));
                }
            }
        }
        return Optional.empty();
    }

    private static final class Window {
        final List<Bar> bars = new ArrayList<>();
        boolean fromStart;

        Window(boolean fromStart) {
            this.fromStart = fromStart;
        }
    }

    private record Key(String instrumentId, Timeframe timeframe) {
    }
}
