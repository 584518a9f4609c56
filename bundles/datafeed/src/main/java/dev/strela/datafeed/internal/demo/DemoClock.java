package dev.strela.datafeed.internal.demo;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

import dev.strela.datafeed.internal.aggregate.TradingCalendar;

/**
 * The demo's simulated time: one exchange minute after another, over MOEX trading days only. A day's minutes
 * are the generator's session minutes (09:59 opening auction, 10:00-18:39, closing auction 18:45-18:49, evening
 * session 19:05-23:49, Moscow time); after the last one comes the first minute of the next trading day of the
 * {@link TradingCalendar} (weekends and holidays skipped, working Saturdays kept). The first minute is 10:00 of
 * the start date (or of the first trading day after it). Pure logic: no threads, no wall clock.
 */
final class DemoClock {

    /** Moscow time of the demo's first minute. */
    static final LocalTime FIRST_TIME = LocalTime.of(10, 0);
    /** Trading days searched for the next one before giving up (the calendar never has a gap this long). */
    private static final int MAX_DAYS_WITHOUT_TRADING = 366;

    /**
     * One simulated minute.
     *
     * @param time     the minute's start (UTC)
     * @param day      its trading day (Moscow date)
     * @param dayIndex trading days since the first one (0 on the start day): the generator's day
     * @param slot     index of its time in the day's session minutes
     */
    record Minute(Instant time, LocalDate day, int dayIndex, int slot) {
    }

    private final TradingCalendar calendar;
    private final List<LocalTime> sessionTimes;
    private final LocalDate firstDay;
    private final int firstSlot;

    /**
     * @param sessionTimes a day's minutes, Moscow time, ascending, one of them at or after 10:00
     */
    DemoClock(TradingCalendar calendar, LocalDate startDate, List<LocalTime> sessionTimes) {
        this.calendar = Objects.requireNonNull(calendar, "calendar");
        this.sessionTimes = List.copyOf(sessionTimes);
        this.firstDay = tradingDayOnOrAfter(Objects.requireNonNull(startDate, "startDate"));
        int slot = 0;
        while (slot < this.sessionTimes.size() && this.sessionTimes.get(slot).isBefore(FIRST_TIME)) {
            slot++;
        }
        if (slot == this.sessionTimes.size()) {
            throw new IllegalArgumentException("sessionTimes: no minute at or after " + FIRST_TIME);
        }
        this.firstSlot = slot;
    }

    /** The first simulated minute: 10:00 Moscow time of the first trading day on or after the start date. */
    Minute first() {
        return minute(firstDay, 0, firstSlot);
    }

    /** The minute after {@code m}: the next session minute of its day, else the first of the next trading day. */
    Minute next(Minute m) {
        if (m.slot() + 1 < sessionTimes.size()) {
            return minute(m.day(), m.dayIndex(), m.slot() + 1);
        }
        return minute(tradingDayOnOrAfter(m.day().plusDays(1)), m.dayIndex() + 1, 0);
    }

    /**
     * Where to go on after a restart: the first simulated minute strictly after {@code lastFed}, or
     * {@link #first()} when nothing was fed yet or the last minute fed lies before it (a later start date).
     */
    Minute resumeAfter(Optional<Instant> lastFed) {
        Minute first = first();
        if (lastFed.isEmpty() || lastFed.get().isBefore(first.time())) {
            return first;
        }
        Instant last = lastFed.get();
        LocalDate date = LocalDate.ofInstant(last, TradingCalendar.MSK);
        LocalTime time = LocalTime.ofInstant(last, TradingCalendar.MSK);
        if (calendar.isTradingDay(date)) {
            int dayIndex = tradingDaysBetween(firstDay, date);
            for (int slot = date.equals(firstDay) ? firstSlot : 0; slot < sessionTimes.size(); slot++) {
                if (sessionTimes.get(slot).isAfter(time)) {
                    return minute(date, dayIndex, slot);
                }
            }
            return minute(tradingDayOnOrAfter(date.plusDays(1)), dayIndex + 1, 0);
        }
        LocalDate day = tradingDayOnOrAfter(date);
        return minute(day, tradingDaysBetween(firstDay, day), 0);
    }

    private Minute minute(LocalDate day, int dayIndex, int slot) {
        return new Minute(day.atTime(sessionTimes.get(slot)).toInstant(TradingCalendar.MSK), day, dayIndex, slot);
    }

    /** Trading days in [from, to). */
    private int tradingDaysBetween(LocalDate from, LocalDate to) {
        int count = 0;
        for (LocalDate d = from; d.isBefore(to); d = d.plusDays(1)) {
            if (calendar.isTradingDay(d)) {
                count++;
            }
        }
        return count;
    }

    private LocalDate tradingDayOnOrAfter(LocalDate date) {
        LocalDate day = date;
        for (int i = 0; i <= MAX_DAYS_WITHOUT_TRADING; i++, day = day.plusDays(1)) {
            if (calendar.isTradingDay(day)) {
                return day;
            }
        }
        throw new IllegalStateException("calendar: no trading day in the " + MAX_DAYS_WITHOUT_TRADING
                + " days from " + date);
    }
}
