package dev.strela.brokertinkoff.internal;

import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeParseException;
import java.util.Locale;

/**
 * The hours in which the candle stream is expected to speak: weekdays between two Moscow times, {@code "09:50-23:50"}
 * (the exchange's main and evening sessions, as the data feed's calendar and the watchdog's {@code activeHours}
 * have them), or {@code always}. Holidays are not known here: on one, a quiet stream is asked whether it is alive and
 * answers, so it is not replaced; only a dead one is, with backoff. This is the one place the adapter uses Moscow time.
 */
record TradingHours(boolean always, LocalTime from, LocalTime to) {

    static final ZoneOffset MSK = ZoneOffset.ofHours(3);

    /**
     * {@code always} or {@code HH:mm-HH:mm} (Moscow time, Monday to Friday).
     *
     * @throws IllegalArgumentException naming the value and the expected form
     */
    static TradingHours parse(String text) {
        String value = text == null ? "" : text.trim().toLowerCase(Locale.ROOT);
        if (value.equals("always")) {
            return new TradingHours(true, LocalTime.MIN, LocalTime.MAX);
        }
        String[] parts = value.split("-");
        try {
            if (parts.length == 2) {
                LocalTime from = LocalTime.parse(parts[0].trim());
                LocalTime to = LocalTime.parse(parts[1].trim());
                if (from.isBefore(to)) {
                    return new TradingHours(false, from, to);
                }
            }
        } catch (DateTimeParseException e) {
            // reported below
        }
        throw new IllegalArgumentException("candleWatchHours: expected 'always' or 'HH:mm-HH:mm' (Moscow time, from"
                + " before to), was '" + text + "'");
    }

    /** True when {@code now} lies in the hours. */
    boolean contains(Instant now) {
        if (always) {
            return true;
        }
        ZonedDateTime msk = now.atZone(MSK);
        DayOfWeek day = msk.getDayOfWeek();
        LocalTime time = msk.toLocalTime();
        return day != DayOfWeek.SATURDAY && day != DayOfWeek.SUNDAY && !time.isBefore(from) && time.isBefore(to);
    }

    /** Start of the session of {@code now}'s Moscow date (its 00:00 MSK for {@code always}): where a backfill starts. */
    Instant sessionStart(Instant now) {
        LocalDate date = LocalDate.ofInstant(now, MSK);
        return date.atTime(always ? LocalTime.MIN : from).toInstant(MSK);
    }

    @Override
    public String toString() {
        return always ? "always" : "Mon-Fri " + from + "-" + to + " MSK";
    }
}
