package dev.strela.datafeed.internal.aggregate;

import dev.strela.api.model.Bar;

import java.util.Arrays;

/**
 * The exchange minutes of one instrument on one trading day, one slot per minute of the exchange window
 * (null = no candle). Kept so that a late or corrected minute can be recomputed exactly; the slots hold the
 * caller's immutable {@link Bar}s, so storing a minute allocates nothing.
 */
final class DayMinutes {

    static final long NO_DAY = Long.MIN_VALUE;

    final Bar[] slots;
    /** Epoch day (MSK date) held, or {@link #NO_DAY}. */
    long epochDay = NO_DAY;
    /** Epoch second of the window start (slot 0). */
    long openSecond;

    DayMinutes(int windowMinutes) {
        slots = new Bar[windowMinutes];
    }

    /** Empties the slots and makes this the buffer of {@code day}. */
    void reset(long day, long windowOpenSecond) {
        Arrays.fill(slots, null);
        epochDay = day;
        openSecond = windowOpenSecond;
    }

    /** Slot of the minute starting at {@code second} (must lie in the window). */
    int slot(long second) {
        return (int) ((second - openSecond) / 60);
    }

    /** Slot for an interval bound, clamped to [0, slots.length]. */
    int clampedSlot(long second) {
        long s = Math.floorDiv(second - openSecond, 60);
        return (int) Math.max(0, Math.min(slots.length, s));
    }

    /** Epoch second at which the minute in {@code slot} starts. */
    long second(int slot) {
        return openSecond + slot * 60L;
    }
}
