package dev.strela.api.model;

import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeParseException;
import java.util.Locale;

/**
 * Hours of the exchange's week a setting names: {@code always}, or weekdays between two Moscow times,
 * {@code "09:50-23:50"} (the main and evening sessions). Holidays are not known here. The watchdog uses it for when
 * silence is a fault ({@code activeHours}), the Tinkoff adapter for when its candle stream should speak
 * ({@code candleWatchHours}).
 *
 * @param always true for every hour of every day
 * @param from   first Moscow time in the hours, on a weekday
 * @param to     first Moscow time after them
 */
public record SessionHours(boolean always, LocalTime from, LocalTime to) {

    /** Moscow time (no daylight saving). */
    public static final ZoneOffset MSK = ZoneOffset.ofHours(3);

    public SessionHours {
        Checks.notNull(from, "from");
        Checks.notNull(to, "to");
    }

    /**
     * {@code always} or {@code HH:mm-HH:mm} (Moscow time, Monday to Friday, from before to).
     *
     * @param setting the configuration key the text comes from, named in the error
     * @throws IllegalArgumentException naming the setting, the value and the expected form
     */
    public static SessionHours parse(String setting, String text) {
        String value = text == null ? "" : text.trim().toLowerCase(Locale.ROOT);
        if (value.equals("always")) {
            return new SessionHours(true, LocalTime.MIN, LocalTime.MAX);
        }
        String[] parts = value.split("-");
        try {
            if (parts.length == 2) {
                LocalTime from = LocalTime.parse(parts[0].trim());
                LocalTime to = LocalTime.parse(parts[1].trim());
                if (from.isBefore(to)) {
                    return new SessionHours(false, from, to);
                }
            }
        } catch (DateTimeParseException e) {
            // reported below
        }
        throw new IllegalArgumentException(setting + ": expected 'always' or 'HH:mm-HH:mm' (Moscow time, from before to),"
                + " was '" + text + "'");
    }

    /** True when {@code now} lies in the hours. */
    public boolean contains(Instant now) {
        if (always) {
            return true;
        }
        ZonedDateTime msk = now.atZone(MSK);
        DayOfWeek day = msk.getDayOfWeek();
        LocalTime time = msk.toLocalTime();
        return day != DayOfWeek.SATURDAY && day != DayOfWeek.SUNDAY && !time.isBefore(from) && time.isBefore(to);
    }

    /** Start of the hours on {@code now}'s Moscow date (its 00:00 MSK for {@code always}). */
    public Instant sessionStart(Instant now) {
        LocalDate date = LocalDate.ofInstant(now, MSK);
        return date.atTime(always ? LocalTime.MIN : from).toInstant(MSK);
    }

    @Override
    public String toString() {
        return always ? "always" : "Mon-Fri " + from + "-" + to + " MSK";
    }
}
