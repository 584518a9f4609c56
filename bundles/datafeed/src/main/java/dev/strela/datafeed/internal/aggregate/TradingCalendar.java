package dev.strela.datafeed.internal.aggregate;

import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneOffset;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * The MOEX stock-market calendar: which 1-minute candles are exchange trading and to which trading
 * day they belong. This is the only place where Moscow time appears; everything else is UTC.
 *
 * <p>Rules:
 * <ul>
 *   <li>Moscow time is UTC+3 all year (Russia has no DST since 2014), so {@link #MSK} is a fixed offset.</li>
 *   <li>A <b>trading day</b> is a Monday–Friday date that is not in the holiday set, or a Saturday/Sunday
 *       date in the working-weekend set.</li>
 *   <li>An <b>exchange minute</b> is a minute whose start lies on a trading day inside the exchange
 *       window, by default {@link #DEFAULT_WINDOW_START 09:50} (inclusive) to
 *       {@link #DEFAULT_WINDOW_END 23:50} (exclusive) MSK: opening auction 09:50–09:59 (Tinkoff stamps its
 *       trade at 09:59), main session, closing auction (Tinkoff minutes 18:45–18:49), evening session to 23:49. Its trading day is its MSK
 *       date (the window never crosses midnight).</li>
 *   <li>Everything else — weekends, holidays, Tinkoff dealer pre-market (07:00–09:49 MSK from August 2024),
 *       weekend dealer trading, night trading — is not exchange trading and is not aggregated.</li>
 * </ul>
 *
 * <p>The default sets ({@link #MOEX_HOLIDAYS}, {@link #MOEX_WORKING_WEEKENDS}) are the dates on which the
 * MOEX ISS daily history (board TQBR) departs from Monday–Friday, checked in {@code TradingCalendarTest}
 * against {@code prices_iss/SBER.csv} for 2024-01-01 … 2026-06-30. The ISS list differs from the Russian
 * production calendar: MOEX traded on the non-working days 2024-01-03…08, 04-29, 04-30, 05-10 and 12-30.
 * Dates outside 2024–2026 follow the plain Monday–Friday rule; pass your own sets for them.
 */
public final class TradingCalendar {

    /** Moscow time: UTC+3 all year. */
    public static final ZoneOffset MSK = ZoneOffset.ofHours(3);
    /** Start of the exchange window (inclusive): the opening auction. */
    public static final LocalTime DEFAULT_WINDOW_START = LocalTime.of(9, 50);
    /** End of the exchange window (exclusive): after the last evening-session minute 23:49. */
    public static final LocalTime DEFAULT_WINDOW_END = LocalTime.of(23, 50);

    /** Weekdays on which MOEX did not trade shares (ISS TQBR history), 2024 – mid 2026. */
    public static final Set<LocalDate> MOEX_HOLIDAYS = Set.of(
            // 2024 (from ISS: MOEX traded on Jan 3-5, 8, Apr 29-30, May 10 and Dec 30)
            date("2024-01-01"), date("2024-01-02"), date("2024-02-23"), date("2024-03-08"),
            date("2024-05-01"), date("2024-05-09"), date("2024-06-12"), date("2024-11-04"),
            date("2024-12-31"),
            // 2025 (from ISS)
            date("2025-01-01"), date("2025-01-02"), date("2025-01-07"), date("2025-05-01"),
            date("2025-05-09"), date("2025-06-12"), date("2025-11-04"), date("2025-12-31"),
            // 2026 (from ISS up to 2026-06-30)
            date("2026-01-01"), date("2026-01-02"), date("2026-01-07"), date("2026-02-23"),
            date("2026-05-01"), date("2026-06-12"),
            // 2026, second half: NOT in the data yet; assumed because MOEX closed on both in 2024 and 2025
            date("2026-11-04"), date("2026-12-31"));

    /** Saturdays on which MOEX traded as on a normal day (ISS TQBR history). */
    public static final Set<LocalDate> MOEX_WORKING_WEEKENDS = Set.of(
            date("2024-04-27"), date("2024-11-02"), date("2024-12-28"), date("2025-11-01"));

    private static final int MAX_DAYS_WITHOUT_TRADING = 366;

    private final LocalTime windowStart;
    private final LocalTime windowEnd;
    private final Set<LocalDate> holidays;
    private final Set<LocalDate> workingWeekends;

    /**
     * @param windowStart     first minute of the exchange window, MSK, inclusive (whole minute)
     * @param windowEnd       end of the window, MSK, exclusive; after {@code windowStart}, same day
     * @param holidays        Monday–Friday dates without exchange trading
     * @param workingWeekends Saturday/Sunday dates with normal exchange trading
     */
    public TradingCalendar(LocalTime windowStart, LocalTime windowEnd, Set<LocalDate> holidays,
                           Set<LocalDate> workingWeekends) {
        this.windowStart = wholeMinute(windowStart, "windowStart");
        this.windowEnd = wholeMinute(windowEnd, "windowEnd");
        if (!windowStart.isBefore(windowEnd)) {
            throw new IllegalArgumentException("window: start " + windowStart + " is not before end " + windowEnd
                    + " (the window must not cross midnight)");
        }
        this.holidays = Set.copyOf(Objects.requireNonNull(holidays, "holidays"));
        this.workingWeekends = Set.copyOf(Objects.requireNonNull(workingWeekends, "workingWeekends"));
    }

    /** The MOEX stock calendar: window 09:50–23:50 MSK, the default holidays and working weekends. */
    public static TradingCalendar moex() {
        return new TradingCalendar(DEFAULT_WINDOW_START, DEFAULT_WINDOW_END, MOEX_HOLIDAYS, MOEX_WORKING_WEEKENDS);
    }

    /** True when the exchange trades on this (MSK) date. */
    public boolean isTradingDay(LocalDate date) {
        DayOfWeek dow = date.getDayOfWeek();
        boolean weekend = dow == DayOfWeek.SATURDAY || dow == DayOfWeek.SUNDAY;
        return weekend ? workingWeekends.contains(date) : !holidays.contains(date);
    }

    /** The exchange window of {@code date}, or empty when it is not a trading day. */
    public Optional<Session> session(LocalDate date) {
        if (!isTradingDay(date)) {
            return Optional.empty();
        }
        return Optional.of(new Session(date, date.atStartOfDay().toInstant(MSK),
                date.atTime(windowStart).toInstant(MSK), date.atTime(windowEnd).toInstant(MSK)));
    }

    /** The trading day of an exchange minute (given by its start), or empty when it is not one. */
    public Optional<LocalDate> tradingDate(Instant minuteStart) {
        LocalDate date = LocalDate.ofInstant(minuteStart, MSK);
        return session(date).filter(s -> s.contains(minuteStart)).map(Session::date);
    }

    /** True when the minute starting at {@code minuteStart} is exchange trading. */
    public boolean isExchangeMinute(Instant minuteStart) {
        return tradingDate(minuteStart).isPresent();
    }

    /**
     * The trading day {@code n} trading days before {@code date}: n = 0 gives {@code date} itself when it
     * trades, else the last trading day before it.
     */
    public LocalDate tradingDaysBefore(LocalDate date, int n) {
        if (n < 0) {
            throw new IllegalArgumentException("n: " + n + " is negative");
        }
        LocalDate day = lastTradingDayOnOrBefore(date);
        for (int i = 0; i < n; i++) {
            day = lastTradingDayOnOrBefore(day.minusDays(1));
        }
        return day;
    }

    /** Start of the exchange window, MSK. */
    public LocalTime windowStart() {
        return windowStart;
    }

    /** End of the exchange window (exclusive), MSK. */
    public LocalTime windowEnd() {
        return windowEnd;
    }

    /** Number of minutes in the exchange window (840 for 09:50–23:50). */
    public int windowMinutes() {
        return (windowEnd.toSecondOfDay() - windowStart.toSecondOfDay()) / 60;
    }

    private LocalDate lastTradingDayOnOrBefore(LocalDate date) {
        LocalDate day = date;
        for (int i = 0; i <= MAX_DAYS_WITHOUT_TRADING; i++, day = day.minusDays(1)) {
            if (isTradingDay(day)) {
                return day;
            }
        }
        throw new IllegalStateException("calendar: no trading day in the " + MAX_DAYS_WITHOUT_TRADING
                + " days up to " + date);
    }

    private static LocalTime wholeMinute(LocalTime time, String name) {
        Objects.requireNonNull(time, name);
        if (time.getSecond() != 0 || time.getNano() != 0) {
            throw new IllegalArgumentException(name + ": " + time + " is not a whole minute");
        }
        return time;
    }

    private static LocalDate date(String iso) {
        return LocalDate.parse(iso);
    }

    /**
     * One trading day's exchange window.
     *
     * @param date     the trading date (MSK)
     * @param dayStart the date's 00:00 MSK: the openTime of its D1 bar
     * @param open     window start (inclusive)
     * @param close    window end (exclusive)
     */
    public record Session(LocalDate date, Instant dayStart, Instant open, Instant close) {

        /** True when the minute starting at {@code minuteStart} lies in the window. */
        public boolean contains(Instant minuteStart) {
            return !minuteStart.isBefore(open) && minuteStart.isBefore(close);
        }
    }
}
