package dev.strela.datafeed.internal;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

import dev.strela.api.model.Bar;
import dev.strela.api.model.Timeframe;
import dev.strela.datafeed.BarWindow;

/**
 * The last {@code capacity} closed bars of each instrument and timeframe, in time order. It only ever holds
 * a gap-free tail of what the feed stored: a bar is appended when it is newer than the newest held, replaces
 * the held bar of the same time when revised, and an older bar that is not held (history imported behind
 * the window) empties the window of that instrument and timeframe, which then fills again from newer bars
 * (the old bar is not kept: with newer bars after it the window would skip what lies between).
 */
final class InMemoryBarWindow implements BarWindow {

    private final int capacity;
    private final Map<Key, List<Bar>> windows = new ConcurrentHashMap<>();

    InMemoryBarWindow(int capacity) {
        this.capacity = Math.max(1, capacity);
    }

    /** Called by the feed for every bar it stored (closed or revised). */
    void stored(Bar bar) {
        Key key = new Key(bar.instrumentId(), bar.timeframe());
        List<Bar> bars = windows.computeIfAbsent(key, k -> new ArrayList<>());
        synchronized (bars) {
            if (bars.isEmpty() || bar.openTime().isAfter(bars.get(bars.size() - 1).openTime())) {
                bars.add(bar);
                if (bars.size() > capacity) {
                    bars.subList(0, bars.size() - capacity).clear();
                }
                return;
            }
            int at = indexOf(bars, bar.openTime());
            if (at >= 0) {
                bars.set(at, bar);
            } else {
                bars.clear();
            }
        }
    }

    @Override
    public Optional<List<Bar>> barsUpTo(String instrumentId, Timeframe timeframe, Instant upTo, int count) {
        List<Bar> bars = windows.get(new Key(instrumentId, timeframe));
        if (bars == null || count <= 0) {
            return Optional.empty();
        }
        synchronized (bars) {
            int end = bars.size();
            while (end > 0 && bars.get(end - 1).openTime().isAfter(upTo)) {
                end--;
            }
            if (end < count) {
                return Optional.empty();
            }
            return Optional.of(List.copyOf(bars.subList(end - count, end)));
        }
    }

    private static int indexOf(List<Bar> bars, Instant openTime) {
        for (int i = bars.size() - 1; i >= 0; i--) {
            int c = bars.get(i).openTime().compareTo(openTime);
            if (c == 0) {
                return i;
            }
            if (c < 0) {
                return -1;
            }
        }
        return -1;
    }

    private record Key(String instrumentId, Timeframe timeframe) {
    }
}
