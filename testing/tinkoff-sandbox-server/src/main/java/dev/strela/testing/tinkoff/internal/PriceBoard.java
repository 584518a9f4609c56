package dev.strela.testing.tinkoff.internal;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Optional;
import java.util.TreeMap;

import dev.strela.testing.tinkoff.TestCandle;

/** Last prices and one-minute candle history per instrument uid; thread-safe. */
public final class PriceBoard {
    /** A last price and when it was set. */
    public record LastPrice(BigDecimal price, Instant time) {
    }

    private final Map<String, LastPrice> last = new HashMap<>();
    private final Map<String, NavigableMap<Instant, TestCandle>> candles = new HashMap<>();

    public synchronized void setPrice(String uid, BigDecimal price, Instant time) {
        last.put(uid, new LastPrice(price, time));
    }

    public synchronized Optional<LastPrice> last(String uid) {
        return Optional.ofNullable(last.get(uid));
    }

    public Optional<BigDecimal> price(String uid) {
        return last(uid).map(LastPrice::price);
    }

    /** Adds candles; a candle for a minute already held replaces the old one. */
    public synchronized void addCandles(String uid, List<TestCandle> added) {
        NavigableMap<Instant, TestCandle> history = candles.computeIfAbsent(uid, k -> new TreeMap<>());
        added.forEach(c -> history.put(c.time(), c));
    }

    /** Candles whose start lies in {@code [from, to)}, oldest first. */
    public synchronized List<TestCandle> candles(String uid, Instant from, Instant to) {
        NavigableMap<Instant, TestCandle> history = candles.getOrDefault(uid, new TreeMap<>());
        return new ArrayList<>(history.subMap(from, true, to, false).values());
    }

    public synchronized void clearCandles(String uid) {
        candles.remove(uid);
    }
}
