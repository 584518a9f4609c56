package dev.strela.memoryreplay;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Deque;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Supplier;

import dev.strela.api.model.Bar;
import dev.strela.api.model.Instrument;
import dev.strela.api.model.Timeframe;
import dev.strela.datafeed.internal.aggregate.AggregationListener;
import dev.strela.datafeed.internal.aggregate.Aggregator;
import dev.strela.datafeed.internal.aggregate.TradingCalendar;
import dev.strela.persistence.MarketDataRepository;

/**
 * Instruments and candles for a replay without a database. The 1-minute candles are not held: each read streams them
 * again from their source (the seeded generator), which must give the same minutes in feed order (time, then
 * instrument) on every call, so a year of 100 instruments needs no more memory than a day. The bars of the kept
 * timeframes are built once, at construction, by the platform's own {@link Aggregator} stepped minute by minute as a
 * replay steps it, and held.
 *
 * <p>A replay reads its minutes in time order, a day at a time ({@link #barsBetween}); the closes of the minutes read
 * in the last {@link #RECENT} answer {@link #latestMinuteClose}, which a signal's account asks for the minutes before
 * its bar's end. An older question than that is refused rather than answered from a partial memory.
 */
public final class MemoryMarket implements MarketDataRepository, MarketView {

    /** How far back of the newest minute read the minute closes are kept. */
    static final Duration RECENT = Duration.ofDays(3);

    private final Map<String, Instrument> instruments = new LinkedHashMap<>();
    private final Supplier<Iterator<Bar>> source;
    private final Set<Timeframe> keptTimeframes;
    private final Map<String, List<Bar>> bars = new HashMap<>();
    private final Map<String, TreeMap<Instant, Integer>> minutesPerDay = new HashMap<>();
    /** The slices of minutes read in the last {@link #RECENT}, oldest first. */
    private final Deque<Slice> recent = new ArrayDeque<>();
    /** Per instrument, its last minute before the oldest slice held: the latest close for any moment up to that slice. */
    private final Map<String, Bar> beforeRecent = new HashMap<>();
    private final Object streamLock = new Object();
    private Iterator<Bar> stream;
    private Bar pending;
    private Instant streamedUpTo = Instant.MIN;

    /**
     * @param instruments the instruments, in the order their minutes come within one moment
     * @param source      a fresh iterator over every 1-minute candle, in time order, on each call
     * @param kept        the timeframes whose bars are built and held (those the replayed rows trade)
     */
    public MemoryMarket(List<Instrument> instruments, Supplier<Iterator<Bar>> source, Set<Timeframe> kept) {
        this.source = source;
        if (kept.contains(Timeframe.M1)) {
            throw new IllegalArgumentException("memory market: 1-minute candles are streamed, not kept");
        }
        this.keptTimeframes = Set.copyOf(kept);
        for (Instrument i : instruments) {
            this.instruments.put(i.id(), i);
            minutesPerDay.put(i.id(), new TreeMap<>());
        }
        aggregate(kept);
    }

    /** One pass over the minutes: counts them per UTC day, and builds the kept timeframes' bars as a replay would. */
    private void aggregate(Set<Timeframe> kept) {
        Aggregator aggregator = new Aggregator(TradingCalendar.moex());
        AggregationListener listener = new AggregationListener() {
            @Override
            public void barClosed(Bar bar) {
                if (kept.contains(bar.timeframe())) {
                    bars.computeIfAbsent(key(bar.instrumentId(), bar.timeframe()), k -> new ArrayList<>()).add(bar);
                }
            }

            @Override
            public void barRevised(Bar bar) {
                throw new IllegalStateException("memory market: a bar was revised (" + bar + "); the source repeats a minute");
            }

            @Override
            public void minuteSkipped(Bar minute, String reason) {
                // outside exchange hours: in no bar, as in the platform
            }
        };
        Iterator<Bar> minutes = source.get();
        Instant moment = null;
        Instant last = null;
        while (minutes.hasNext()) {
            Bar m = minutes.next();
            if (!instruments.containsKey(m.instrumentId())) {
                throw new IllegalArgumentException("memory market: a minute of an unknown instrument " + m.instrumentId());
            }
            if (!m.openTime().equals(moment)) {
                if (moment != null) {
                    aggregator.advanceClock(moment.plusSeconds(60), listener);
                }
                moment = m.openTime();
                aggregator.advanceClock(moment, listener);
            }
            aggregator.onMinute(m, listener);
            minutesPerDay.get(m.instrumentId()).merge(m.openTime().truncatedTo(ChronoUnit.DAYS), 1, Integer::sum);
            last = m.openTime();
        }
        if (last != null) {
            aggregator.advanceClock(last.plus(Duration.ofDays(1)), listener);
        }
    }

    /** Every bar of the kept timeframes, by instrument and then time: what an import would have stored. */
    public List<Bar> keptBars() {
        List<Bar> all = new ArrayList<>();
        for (String id : instruments.keySet()) {
            for (Timeframe timeframe : keptTimeframes) {
                all.addAll(kept(id, timeframe));
            }
        }
        return all;
    }

    @Override
    public Optional<Instrument> instrument(String id) {
        return Optional.ofNullable(instruments.get(id));
    }

    @Override
    public Optional<BigDecimal> close(String symbol, Timeframe timeframe, Instant openTime) {
        List<Bar> list = kept(symbol, timeframe);
        int i = indexAtOrBefore(list, openTime);
        return i >= 0 && list.get(i).openTime().equals(openTime) ? Optional.of(list.get(i).close()) : Optional.empty();
    }

    @Override
    public Optional<BigDecimal> latestMinuteClose(String symbol, Instant before) {
        synchronized (recent) {
            Slice oldest = recent.peekFirst();
            if (oldest != null && before.isBefore(oldest.from())) {
                throw new IllegalStateException("memory market: the minute close of " + symbol + " before " + before
                        + " is older than the minutes kept (from " + oldest.from() + ")");
            }
            for (Iterator<Slice> it = recent.descendingIterator(); it.hasNext(); ) {
                List<Bar> minutes = it.next().minutes().get(symbol);
                int i = minutes == null ? -1 : indexAtOrBefore(minutes, before.minusNanos(1));
                if (i >= 0) {
                    return Optional.of(minutes.get(i).close());
                }
            }
            return Optional.ofNullable(beforeRecent.get(symbol)).map(Bar::close);
        }
    }

    @Override
    public Optional<Instrument> findInstrument(String idOrTicker) {
        Instrument byId = instruments.get(idOrTicker);
        if (byId != null) {
            return Optional.of(byId);
        }
        List<Instrument> byTicker = instruments.values().stream().filter(i -> i.ticker().equals(idOrTicker)).toList();
        return byTicker.size() == 1 ? Optional.of(byTicker.get(0)) : Optional.empty();
    }

    @Override
    public List<Instrument> instruments() {
        return List.copyOf(instruments.values());
    }

    @Override
    public List<Bar> lastBars(String instrumentId, Timeframe timeframe, int count) {
        return barsUpTo(instrumentId, timeframe, Instant.MAX, count);
    }

    @Override
    public List<Bar> barsUpTo(String instrumentId, Timeframe timeframe, Instant upTo, int count) {
        List<Bar> list = kept(instrumentId, timeframe);
        int end = indexAtOrBefore(list, upTo) + 1;
        return List.copyOf(list.subList(Math.max(0, end - Math.max(0, count)), end));
    }

    /**
     * The minutes in {@code [from, to)} streamed from the source, in time order and, within a minute, in the order of
     * {@code instrumentIds} (each instrument once). Reads go forward through the period: a read that starts before the
     * previous one ended starts the stream afresh (a new replay), and the minutes a forward jump skips still count for
     * {@link #latestMinuteClose}. One replay at a time: two replays reading at once would take each other's minutes.
     */
    @Override
    public List<Bar> barsBetween(List<String> instrumentIds, Timeframe timeframe, Instant from, Instant to, int limit) {
        if (instrumentIds.isEmpty() || limit <= 0) {
            return List.of();
        }
        Map<String, Integer> order = new HashMap<>();
        for (int i = 0; i < instrumentIds.size(); i++) {
            order.putIfAbsent(instrumentIds.get(i), i);
        }
        List<Bar> out = new ArrayList<>();
        if (timeframe != Timeframe.M1) {
            for (String id : order.keySet()) {
                for (Bar b : kept(id, timeframe)) {
                    if (!b.openTime().isBefore(from) && b.openTime().isBefore(to)) {
                        out.add(b);
                    }
                }
            }
        } else {
            synchronized (streamLock) {
                stream(order, from, to, out);
            }
        }
        out.sort(Comparator.comparing(Bar::openTime).thenComparingInt(b -> order.get(b.instrumentId())));
        if (out.size() > limit) {
            out.subList(limit, out.size()).clear();
        }
        return out;
    }

    /** Adds the source's minutes of the instruments in {@code [from, to)} to {@code out}, and remembers them. */
    private void stream(Map<String, Integer> instruments, Instant from, Instant to, List<Bar> out) {
        if (stream == null || from.isBefore(streamedUpTo)) {
            stream = source.get();
            pending = null;
            synchronized (recent) {
                recent.clear();
                beforeRecent.clear();
            }
        } else if (from.isAfter(streamedUpTo)) {
            // the minutes in between are skipped, but they are the latest closes before the minutes read next
            synchronized (recent) {
                recent.forEach(slice -> slice.minutes().forEach((id, list) -> beforeRecent.put(id, list.get(list.size() - 1))));
                recent.clear();
            }
        }
        while (true) {
            Bar m = pending != null ? pending : stream.hasNext() ? stream.next() : null;
            pending = null;
            if (m == null) {
                break;
            }
            if (!m.openTime().isBefore(to)) {
                pending = m;
                break;
            }
            if (m.openTime().isBefore(from)) {
                synchronized (recent) {
                    beforeRecent.put(m.instrumentId(), m);
                }
            } else if (instruments.containsKey(m.instrumentId())) {
                out.add(m);
            }
        }
        streamedUpTo = to;
        remember(out, from, to);
    }

    /** The held bars of a kept timeframe; {@link IllegalArgumentException} for one not kept. */
    private List<Bar> kept(String instrumentId, Timeframe timeframe) {
        if (!keptTimeframes.contains(timeframe)) {
            throw new IllegalArgumentException("memory market: " + timeframe.code() + " bars are not kept (kept: "
                    + keptTimeframes + ")");
        }
        return bars.getOrDefault(key(instrumentId, timeframe), List.of());
    }

    /** The minutes of one read, by instrument, in time order. */
    private record Slice(Instant from, Instant to, Map<String, List<Bar>> minutes) {
    }

    private void remember(List<Bar> minutes, Instant from, Instant to) {
        Map<String, List<Bar>> byInstrument = new HashMap<>();
        for (Bar m : minutes) {
            byInstrument.computeIfAbsent(m.instrumentId(), k -> new ArrayList<>()).add(m);
        }
        synchronized (recent) {
            recent.addLast(new Slice(from, to, byInstrument));
            Instant cutoff = to.minus(RECENT);
            while (recent.size() > 1 && recent.peekFirst().to().isBefore(cutoff)) {
                recent.pollFirst().minutes().forEach((id, list) -> beforeRecent.put(id, list.get(list.size() - 1)));
            }
        }
    }

    @Override
    public long countBetween(List<String> instrumentIds, Timeframe timeframe, Instant from, Instant to) {
        if (timeframe != Timeframe.M1) {
            return barsBetween(instrumentIds, timeframe, from, to, Integer.MAX_VALUE).size();
        }
        boolean wholeDays = from.equals(from.truncatedTo(ChronoUnit.DAYS)) && to.equals(to.truncatedTo(ChronoUnit.DAYS));
        if (!wholeDays) {
            long n = 0;
            for (Iterator<Bar> it = source.get(); it.hasNext(); ) {
                Bar m = it.next();
                if (instrumentIds.contains(m.instrumentId()) && !m.openTime().isBefore(from) && m.openTime().isBefore(to)) {
                    n++;
                }
            }
            return n;
        }
        long n = 0;
        for (String id : Set.copyOf(instrumentIds)) {
            TreeMap<Instant, Integer> days = minutesPerDay.get(id);
            if (days != null) {
                n += days.subMap(from, true, to, false).values().stream().mapToLong(Integer::longValue).sum();
            }
        }
        return n;
    }

    @Override
    public long countBars(String instrumentId, Timeframe timeframe) {
        if (timeframe == Timeframe.M1) {
            return minutesPerDay.getOrDefault(instrumentId, new TreeMap<>()).values().stream().mapToLong(Integer::longValue).sum();
        }
        return kept(instrumentId, timeframe).size();
    }

    @Override
    public void saveInstrument(Instrument instrument) {
        throw new UnsupportedOperationException("memory market: read-only (its instruments are given at construction)");
    }

    @Override
    public UpsertCount upsertMinutes(List<Bar> minutes, CandleSource source) {
        throw new UnsupportedOperationException("memory market: read-only (its minutes come from the generator)");
    }

    @Override
    public void upsertBars(List<Bar> bars) {
        throw new UnsupportedOperationException("memory market: read-only (its bars are built at construction)");
    }

    /** Index of the last bar opening at or before {@code t}; -1 when none. */
    private static int indexAtOrBefore(List<Bar> list, Instant t) {
        int lo = 0;
        int hi = list.size() - 1;
        int found = -1;
        while (lo <= hi) {
            int mid = (lo + hi) >>> 1;
            if (list.get(mid).openTime().isAfter(t)) {
                hi = mid - 1;
            } else {
                found = mid;
                lo = mid + 1;
            }
        }
        return found;
    }

    private static String key(String instrumentId, Timeframe timeframe) {
        return instrumentId + " " + timeframe.code();
    }
}
