package dev.strela.datafeed.internal;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Optional;
import java.util.TreeMap;

import dev.strela.api.model.Bar;
import dev.strela.api.model.Instrument;
import dev.strela.api.model.Timeframe;
import dev.strela.persistence.MarketDataRepository;

/** A {@link MarketDataRepository} in memory, for tests: instruments and candles of every timeframe by open time. */
public final class InMemoryMarketData implements MarketDataRepository {

    private final Map<String, Instrument> instruments = new LinkedHashMap<>();
    private final Map<String, NavigableMap<Instant, Bar>> candles = new HashMap<>();
    private final List<CandleSource> sources = new ArrayList<>();
    private int instrumentSaves;

    @Override
    public synchronized Optional<Instrument> findInstrument(String idOrTicker) {
        Instrument byId = instruments.get(idOrTicker);
        if (byId != null) {
            return Optional.of(byId);
        }
        List<Instrument> byTicker = instruments.values().stream().filter(i -> i.ticker().equals(idOrTicker)).toList();
        return byTicker.size() == 1 ? Optional.of(byTicker.get(0)) : Optional.empty();
    }

    @Override
    public synchronized void saveInstrument(Instrument instrument) {
        instrumentSaves++;
        instruments.put(instrument.id(), instrument);
    }

    @Override
    public synchronized List<Instrument> instruments() {
        return List.copyOf(instruments.values());
    }

    @Override
    public synchronized UpsertCount upsertMinutes(List<Bar> minutes, CandleSource source) {
        long inserted = 0;
        long replaced = 0;
        long unchanged = 0;
        for (Bar minute : minutes) {
            Bar before = table(minute.instrumentId(), Timeframe.M1).put(minute.openTime(), minute);
            if (before == null) {
                inserted++;
            } else if (before.equals(minute)) {
                unchanged++;
            } else {
                replaced++;
            }
            sources.add(source);
        }
        return new UpsertCount(inserted, replaced, unchanged);
    }

    @Override
    public synchronized void upsertBars(List<Bar> bars) {
        for (Bar bar : bars) {
            table(bar.instrumentId(), bar.timeframe()).put(bar.openTime(), bar);
        }
    }

    @Override
    public synchronized List<Bar> lastBars(String instrumentId, Timeframe timeframe, int count) {
        return barsUpTo(instrumentId, timeframe, Instant.MAX, count);
    }

    @Override
    public synchronized List<Bar> barsUpTo(String instrumentId, Timeframe timeframe, Instant upTo, int count) {
        List<Bar> newestFirst = table(instrumentId, timeframe).headMap(upTo, true).descendingMap().values().stream()
                .limit(count).toList();
        List<Bar> oldestFirst = new ArrayList<>(newestFirst);
        java.util.Collections.reverse(oldestFirst);
        return oldestFirst;
    }

    @Override
    public synchronized List<Bar> barsBetween(List<String> instrumentIds, Timeframe timeframe, Instant from, Instant to,
                                              int limit) {
        List<Bar> out = new ArrayList<>();
        for (String id : new java.util.LinkedHashSet<>(instrumentIds)) {
            out.addAll(table(id, timeframe).subMap(from, true, to, false).values());
        }
        out.sort(java.util.Comparator.comparing(Bar::openTime).thenComparingInt(b -> instrumentIds.indexOf(b.instrumentId())));
        return out.size() > limit ? List.copyOf(out.subList(0, limit)) : out;
    }

    @Override
    public synchronized long countBetween(List<String> instrumentIds, Timeframe timeframe, Instant from, Instant to) {
        return barsBetween(instrumentIds, timeframe, from, to, Integer.MAX_VALUE).size();
    }

    @Override
    public synchronized long countBars(String instrumentId, Timeframe timeframe) {
        return table(instrumentId, timeframe).size();
    }

    /** All stored candles of the instrument and timeframe, oldest first. */
    public synchronized List<Bar> all(String instrumentId, Timeframe timeframe) {
        return List.copyOf(table(instrumentId, timeframe).values());
    }

    /** The source of every minute stored so far, in order. */
    public synchronized List<CandleSource> sources() {
        return List.copyOf(sources);
    }

    /** How often {@link #saveInstrument} was called. */
    public synchronized int instrumentSaves() {
        return instrumentSaves;
    }

    private NavigableMap<Instant, Bar> table(String instrumentId, Timeframe timeframe) {
        return candles.computeIfAbsent(instrumentId + "/" + timeframe.code(), k -> new TreeMap<>());
    }
}
