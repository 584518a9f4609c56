package dev.strela.datafeed.internal;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

import dev.strela.datafeed.internal.aggregate.TradingCalendar;

/**
 * Watches a live feed by the wall clock it is given: silence during exchange hours longer than the limit
 * is "down" (once per outage, until data returns); a jump between consecutive live candles longer than the
 * gap limit during exchange hours is a gap (the platform goes to safe mode). Pure logic, no threads.
 */
final class FeedWatch {

    /** What a call found. */
    enum Event { DOWN, RECOVERED, GAP }

    static final java.time.LocalTime EVENING_BREAK_START = java.time.LocalTime.of(18, 50);
    static final java.time.LocalTime EVENING_BREAK_END = java.time.LocalTime.of(19, 5);

    private final TradingCalendar calendar;
    private final Duration silenceLimit;
    private final Duration gapLimit;
    private Instant lastReceived;
    private Instant lastMinute;
    private Instant previousMinute;
    private boolean down;

    FeedWatch(TradingCalendar calendar, Duration silenceLimit, Duration gapLimit) {
        this.calendar = calendar;
        this.silenceLimit = silenceLimit;
        this.gapLimit = gapLimit;
    }

    /** A live source started: silence is measured from now. */
    void started(Instant now) {
        if (lastReceived == null) {
            lastReceived = now;
        }
    }

    /** A live candle arrived (its minute start) at {@code now}. */
    Optional<Event> onCandle(Instant minute, Instant now) {
        Instant previous = lastMinute;
        previousMinute = previous;
        lastReceived = now;
        if (lastMinute == null || minute.isAfter(lastMinute)) {
            lastMinute = minute;
        }
        if (down) {
            down = false;
            return Optional.of(Event.RECOVERED);
        }
        if (previous != null && minute.isAfter(previous) && tradingGap(previous, minute).compareTo(gapLimit) > 0) {
            return Optional.of(Event.GAP);
        }
        return Optional.empty();
    }

    /**
     * Trading time missing between two consecutive candles of one trading day: the time between them less
     * the evening break (18:50-19:05 MSK, between the closing auction and the evening session's first
     * trades). Candles of different trading days (overnight, weekend) have no gap.
     */
    Duration tradingGap(Instant previous, Instant minute) {
        Optional<java.time.LocalDate> day = calendar.tradingDate(previous);
        if (day.isEmpty() || !day.equals(calendar.tradingDate(minute))
                || !calendar.isExchangeMinute(previous) || !calendar.isExchangeMinute(minute)) {
            return Duration.ZERO;
        }
        Instant breakStart = day.get().atTime(EVENING_BREAK_START).atZone(TradingCalendar.MSK).toInstant();
        Instant breakEnd = day.get().atTime(EVENING_BREAK_END).atZone(TradingCalendar.MSK).toInstant();
        Duration between = Duration.between(previous.plusSeconds(60), minute);
        Instant overlapStart = previous.plusSeconds(60).isAfter(breakStart) ? previous.plusSeconds(60) : breakStart;
        Instant overlapEnd = minute.isBefore(breakEnd) ? minute : breakEnd;
        return overlapEnd.isAfter(overlapStart) ? between.minus(Duration.between(overlapStart, overlapEnd)) : between;
    }

    /** Periodic check: DOWN once when the feed has been silent too long during exchange hours. */
    Optional<Event> check(Instant now) {
        if (down || lastReceived == null || !calendar.isExchangeMinute(now)) {
            return Optional.empty();
        }
        if (Duration.between(lastReceived, now).compareTo(silenceLimit) > 0) {
            down = true;
            return Optional.of(Event.DOWN);
        }
        return Optional.empty();
    }

    boolean isDown() {
        return down;
    }

    /** Seconds since the last live candle (or since the start), for messages. */
    long silentSeconds(Instant now) {
        return lastReceived == null ? 0 : Duration.between(lastReceived, now).toSeconds();
    }

    Instant lastMinute() {
        return lastMinute;
    }

    /** The newest live minute before the last candle (for the message of a gap). */
    Instant previousMinute() {
        return previousMinute;
    }
}
