package dev.strela.datafeed.internal.aggregate;

import dev.strela.api.model.Bar;
import dev.strela.api.model.Timeframe;

import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Builds M5, M15, H1 and D1 bars from 1-minute candles. Not thread-safe: one feed thread calls it.
 *
 * <p><b>Bars.</b> Classic rules over the minutes that exist: open of the first minute, max high, min low,
 * close of the last minute, summed volume (lots, {@code long}). Only exchange minutes (see
 * {@link TradingCalendar}) are aggregated; any other minute is reported through
 * {@link AggregationListener#minuteSkipped}. Intraday bars align to clock boundaries in MSK (the same as in
 * UTC, the offset being whole hours): the H1 bar 10:00 holds 10:00–10:59, the 09:50–09:59 minutes fall in
 * the H1 09:00 and M15 09:45 bars. A D1 bar is one trading day, its openTime is the date's 00:00 MSK.
 *
 * <p><b>Closing.</b> The feed clock is the latest minute start seen over all instruments (any valid
 * 1-minute candle moves it, exchange minute or not), or a later time given to {@link #advanceClock}.
 * A bar's end is its interval end, or the end of the exchange window if that is earlier (the H1 23:00 and
 * D1 bars end at 23:50). A bar closes when the clock reaches its end, or at once when its last minute
 * ({@code openTime + 1 min == end}) arrives. A minute whose bar ended before it arrived (the instrument
 * lags the clock) opens and closes that bar at once.
 *
 * <p><b>Late and corrected minutes.</b> A minute for a bar already reported closed (late, out of order, or a
 * corrected duplicate, which replaces the earlier candle of that minute) recomputes the bar exactly from
 * the stored minutes and reports {@link AggregationListener#barRevised} if its values changed; a bar is
 * never reported closed twice. A minute for a bar that was never reported (no minutes before) reports it
 * closed. An identical duplicate changes nothing. Minutes of one instrument may arrive in any order inside
 * the open bar.
 *
 * <p><b>Memory.</b> Per instrument the minutes of the last {@code horizonDays} trading days are kept
 * (default 2: the current and the previous trading day, 840 references a day with the default window).
 * The current trading day is the latest one of any aggregated minute; a minute of a trading day older than
 * the horizon is reported as {@link #SKIP_TOO_LATE} and its bars are left as they are.
 *
 * <p><b>Order.</b> Bars closing in one call are reported by end time, then timeframe (M5, M15, H1, D1),
 * then instrument in arrival order (first aggregated minute). Within {@link #onMinute}, the bars closed by
 * the clock moving come first, then the minute's own bars: revisions and immediate closes in timeframe
 * order.
 */
public final class Aggregator {

    /** Reason: the candle is not a whole 1-minute bar. */
    public static final String SKIP_NOT_A_MINUTE = "not_a_minute: timeframe is not M1 or start not on a minute";
    /** Reason: the minute's MSK date is not a trading day (weekend, holiday). */
    public static final String SKIP_NOT_TRADING_DAY = "not_exchange_minute: not a trading day";
    /** Reason: the minute lies outside the exchange window (dealer pre-market, night trading). */
    public static final String SKIP_OUTSIDE_WINDOW = "not_exchange_minute: outside the exchange window";
    /** Reason: the minute's trading day is older than the revision horizon. */
    public static final String SKIP_TOO_LATE = "too late: trading day older than the revision horizon";

    /** Default revision horizon: the current and the previous trading day. */
    public static final int DEFAULT_HORIZON_DAYS = 2;

    static final Timeframe[] TIMEFRAMES = {Timeframe.M5, Timeframe.M15, Timeframe.H1, Timeframe.D1};
    private static final int D1 = 3;
    private static final long[] LENGTH_SECONDS = {300, 900, 3600, 86_400};
    private static final long DAY_SECONDS = 86_400;
    private static final long MSK_OFFSET_SECONDS = TradingCalendar.MSK.getTotalSeconds();

    private final TradingCalendar calendar;
    private final int horizonDays;
    private final int windowMinutes;
    private final long windowStartSecondOfDay;
    private final long windowEndSecondOfDay;
    private final Map<String, InstrumentState> byId = new HashMap<>();
    /** In arrival order (first aggregated minute): the order of same-moment closes. */
    private final List<InstrumentState> instruments = new ArrayList<>();
    private final BarState before = new BarState(null, null);
    private final BarState after = new BarState(null, null);

    private long clock = Long.MIN_VALUE;
    private long nextCloseAt = Long.MAX_VALUE;
    private InstrumentState lastInstrument;
    // the calendar day of the last minute, cached so the calendar is asked once per day, not per minute
    private long cachedDay = Long.MIN_VALUE;
    private boolean cachedTrading;
    private long cachedDayStart;
    private long cachedOpen;
    private long cachedClose;
    private long latestTradingDay = Long.MIN_VALUE;
    private long horizonStartDay = Long.MIN_VALUE;

    /** An aggregator keeping {@link #DEFAULT_HORIZON_DAYS} trading days for revisions. */
    public Aggregator(TradingCalendar calendar) {
        this(calendar, DEFAULT_HORIZON_DAYS);
    }

    /** An aggregator keeping the minutes of {@code horizonDays} (at least 1) trading days for revisions. */
    public Aggregator(TradingCalendar calendar, int horizonDays) {
        if (horizonDays < 1) {
            throw new IllegalArgumentException("horizonDays: " + horizonDays + " is below 1");
        }
        this.calendar = calendar;
        this.horizonDays = horizonDays;
        this.windowMinutes = calendar.windowMinutes();
        this.windowStartSecondOfDay = calendar.windowStart().toSecondOfDay();
        this.windowEndSecondOfDay = calendar.windowEnd().toSecondOfDay();
    }

    /** Takes one 1-minute candle (any instrument, any order); reports closed, revised bars and skips. */
    public void onMinute(Bar minute, AggregationListener out) {
        Instant at = minute.openTime();
        long t = at.getEpochSecond();
        if (minute.timeframe() != Timeframe.M1 || at.getNano() != 0 || Math.floorMod(t, 60L) != 0) {
            out.minuteSkipped(minute, SKIP_NOT_A_MINUTE);
            return;
        }
        moveClock(t, out);
        long day = Math.floorDiv(t + MSK_OFFSET_SECONDS, DAY_SECONDS);
        if (day != cachedDay) {
            loadDay(day);
        }
        if (!cachedTrading) {
            out.minuteSkipped(minute, SKIP_NOT_TRADING_DAY);
        } else if (t < cachedOpen || t >= cachedClose) {
            out.minuteSkipped(minute, SKIP_OUTSIDE_WINDOW);
        } else if (day < horizonStartDay) {
            out.minuteSkipped(minute, SKIP_TOO_LATE);
        } else {
            if (day > latestTradingDay) {
                moveHorizon(day);
            }
            aggregate(instrument(minute.instrumentId()), minute, t, day, out);
        }
    }

    /**
     * Moves the feed clock to {@code feedTime} if that is later (live: wall time minus a grace period) and
     * closes every bar whose end it reaches. The clock never goes back: a time ahead of the data makes the
     * following minutes late (their bars close at once and are then revised).
     */
    public void advanceClock(Instant feedTime, AggregationListener out) {
        moveClock(feedTime.getEpochSecond(), out);
    }

    /** The feed clock: the latest minute start seen or time advanced to; {@link Instant#MIN} before any. */
    public Instant feedClock() {
        return clock == Long.MIN_VALUE ? Instant.MIN : Instant.ofEpochSecond(clock);
    }

    private void aggregate(InstrumentState inst, Bar minute, long t, long day, AggregationListener out) {
        DayMinutes d = inst.day(day, cachedOpen, horizonStartDay);
        int slot = d.slot(t);
        Bar previous = d.slots[slot];
        if (previous != null && sameValues(previous, minute)) {
            return;
        }
        d.slots[slot] = minute;
        for (int k = 0; k < TIMEFRAMES.length; k++) {
            long start = k == D1 ? cachedDayStart : t - Math.floorMod(t, LENGTH_SECONDS[k]);
            BarState s = inst.series[k];
            if (start == s.start && s.open) {
                addToOpenBar(s, d, minute, t, previous, out);
            } else if (start > s.start) {
                openNewBar(s, k, start, minute, t, out);
            } else {
                revise(s, k, start, d, slot, previous, out);
            }
        }
    }

    private void addToOpenBar(BarState s, DayMinutes d, Bar minute, long t, Bar previous, AggregationListener out) {
        if (previous == null) {
            s.add(minute, t);
        } else {
            s.fold(d, d.clampedSlot(s.start), d.clampedSlot(s.end), -1, null);
        }
        if (t + 60 == s.end) {
            close(s, out);
        }
    }

    private void openNewBar(BarState s, int k, long start, Bar minute, long t, AggregationListener out) {
        if (s.open) {
            close(s, out); // cannot happen: the clock passed its end before this minute; kept as a safety net
        }
        long end = Math.min(start + LENGTH_SECONDS[k], cachedClose);
        s.begin(start, end);
        s.add(minute, t);
        if (end <= clock || t + 60 == end) {
            close(s, out);
        } else if (end < nextCloseAt) {
            nextCloseAt = end;
        }
    }

    /** A minute for a bar already reported (or never built, if it had no minutes before). */
    private void revise(BarState s, int k, long start, DayMinutes d, int slot, Bar previous,
                        AggregationListener out) {
        int from = d.clampedSlot(start);
        int to = d.clampedSlot(start + LENGTH_SECONDS[k]);
        before.fold(d, from, to, slot, previous);
        after.fold(d, from, to, -1, null);
        if (before.count == 0) {
            out.barClosed(after.toBar(s.instrumentId, s.timeframe, start));
        } else if (!before.sameValues(after)) {
            out.barRevised(after.toBar(s.instrumentId, s.timeframe, start));
        }
    }

    private void moveClock(long t, AggregationListener out) {
        if (t > clock) {
            clock = t;
            if (clock >= nextCloseAt) {
                closeDueBars(out);
            }
        }
    }

    /** Closes the open bars whose end the clock reached: by end, then timeframe, then arrival order. */
    private void closeDueBars(AggregationListener out) {
        while (nextCloseAt <= clock) {
            long end = nextCloseAt;
            long next = Long.MAX_VALUE;
            for (int k = 0; k < TIMEFRAMES.length; k++) {
                for (int i = 0, n = instruments.size(); i < n; i++) {
                    BarState s = instruments.get(i).series[k];
                    if (!s.open) {
                        continue;
                    }
                    if (s.end <= end) {
                        close(s, out);
                    } else if (s.end < next) {
                        next = s.end;
                    }
                }
            }
            nextCloseAt = next;
        }
    }

    private static void close(BarState s, AggregationListener out) {
        s.open = false;
        out.barClosed(s.toBar());
    }

    private InstrumentState instrument(String id) {
        InstrumentState last = lastInstrument;
        if (last != null && last.id == id) { // same String instance: skip hashing (bursts of one instrument)
            return last;
        }
        InstrumentState inst = byId.get(id);
        if (inst == null) {
            inst = new InstrumentState(id, TIMEFRAMES, horizonDays, windowMinutes);
            byId.put(id, inst);
            instruments.add(inst);
        }
        lastInstrument = inst;
        return inst;
    }

    private void loadDay(long day) {
        cachedDay = day;
        cachedTrading = calendar.isTradingDay(LocalDate.ofEpochDay(day));
        cachedDayStart = day * DAY_SECONDS - MSK_OFFSET_SECONDS;
        cachedOpen = cachedDayStart + windowStartSecondOfDay;
        cachedClose = cachedDayStart + windowEndSecondOfDay;
    }

    private void moveHorizon(long day) {
        latestTradingDay = day;
        horizonStartDay = calendar.tradingDaysBefore(LocalDate.ofEpochDay(day), horizonDays - 1).toEpochDay();
    }

    private static boolean sameValues(Bar a, Bar b) {
        return a.volume() == b.volume() && a.open().compareTo(b.open()) == 0 && a.high().compareTo(b.high()) == 0
                && a.low().compareTo(b.low()) == 0 && a.close().compareTo(b.close()) == 0;
    }
}
