package dev.strela.datafeed.internal.aggregate;

import dev.strela.api.model.Bar;
import dev.strela.api.model.Timeframe;

import java.math.BigDecimal;
import java.time.Instant;

/**
 * Mutable OHLCV accumulator: the bar being built for one (instrument, timeframe), or a scratch bar for a
 * recomputation. Prices are the minutes' own {@link BigDecimal}s (compared, never computed), so values and
 * scales are exact and adding a minute allocates nothing.
 */
final class BarState {

    final String instrumentId;
    final Timeframe timeframe;

    /** Bar start (epoch second), {@link Long#MIN_VALUE} before the first bar. */
    long start = Long.MIN_VALUE;
    /** When the bar closes: its interval end, or the window end if earlier (epoch second). */
    long end;
    /** True while the bar is being built and has not been reported closed. */
    boolean open;

    int count;
    long firstSecond;
    long lastSecond;
    BigDecimal openPrice;
    BigDecimal high;
    BigDecimal low;
    BigDecimal closePrice;
    long volume;

    /** A state for {@code instrumentId}/{@code timeframe}; both null for a scratch accumulator. */
    BarState(String instrumentId, Timeframe timeframe) {
        this.instrumentId = instrumentId;
        this.timeframe = timeframe;
    }

    /** Starts a new, empty, open bar. */
    void begin(long barStart, long barEnd) {
        start = barStart;
        end = barEnd;
        open = true;
        count = 0;
    }

    /** Adds a minute that is not yet counted in this bar (in any order). */
    void add(Bar m, long second) {
        if (count == 0) {
            openPrice = m.open();
            high = m.high();
            low = m.low();
            closePrice = m.close();
            volume = m.volume();
            firstSecond = second;
            lastSecond = second;
        } else {
            if (second < firstSecond) {
                firstSecond = second;
                openPrice = m.open();
            }
            if (second > lastSecond) {
                lastSecond = second;
                closePrice = m.close();
            }
            if (m.high().compareTo(high) > 0) {
                high = m.high();
            }
            if (m.low().compareTo(low) < 0) {
                low = m.low();
            }
            volume += m.volume();
        }
        count++;
    }

    /**
     * Recomputes the values from the slots {@code [from, to)} of {@code day}; slot {@code overrideSlot}
     * is read as {@code override} instead (to see the bar as it was before a minute was stored).
     */
    void fold(DayMinutes day, int from, int to, int overrideSlot, Bar override) {
        count = 0;
        volume = 0;
        for (int i = from; i < to; i++) {
            Bar m = i == overrideSlot ? override : day.slots[i];
            if (m != null) {
                add(m, day.second(i));
            }
        }
    }

    /** True when both hold the same minute count and equal values (compareTo for prices). */
    boolean sameValues(BarState o) {
        return count == o.count && volume == o.volume
                && (count == 0 || openPrice.compareTo(o.openPrice) == 0 && high.compareTo(o.high) == 0
                && low.compareTo(o.low) == 0 && closePrice.compareTo(o.closePrice) == 0);
    }

    /** The immutable bar of this (instrument, timeframe) state. */
    Bar toBar() {
        return toBar(instrumentId, timeframe, start);
    }

    /** The immutable bar with the given identity (for scratch recomputations). */
    Bar toBar(String id, Timeframe tf, long barStart) {
        return new Bar(id, tf, Instant.ofEpochSecond(barStart), openPrice, high, low, closePrice, volume);
    }
}
