package dev.strela.health.internal;

import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.Locale;

/**
 * When the watchdog treats silence as a fault: {@code always}, or weekdays between two Moscow times,
 * {@code "09:50-23:50"} (the exchange's main and evening sessions). Holidays are not known here: a component's
 * heartbeat comes from its own timer, not from market data, so it beats on holidays too.
 */
record ActiveHours(boolean always, LocalTime from, LocalTime to) {

    static final ZoneOffset MSK = ZoneOffset.ofHours(3);

    /**
     * {@code always} or {@code HH:mm-HH:mm} (Moscow time, Monday to Friday).
     *
     * @throws IllegalArgumentException naming the value and the expected form
     */
    static ActiveHours parse(String text) {
        String value = text == null ? "" : text.trim().toLowerCase(Locale.ROOT);
        if (value.equals("always")) {
            return new ActiveHours(true, LocalTime.MIN, LocalTime.MAX);
        }
        String[] parts = value.split("-");
        try {
            if (parts.length == 2) {
                LocalTime from = LocalTime.parse(parts[0].trim());
                LocalTime to = LocalTime.parse(parts[1].trim());
                if (from.isBefore(to)) {
                    return new ActiveHours(false, from, to);
                }
            }
        } catch (java.time.format.DateTimeParseException e) {
            // reported below
        }
        throw new IllegalArgumentException("activeHours: expected 'always' or 'HH:mm-HH:mm' (Moscow time, from before to),"
                + " was '" + text + "'");
    }

    boolean contains(Instant now) {
        if (always) {
            return true;
        }
        ZonedDateTime msk = now.atZone(MSK);
        DayOfWeek day = msk.getDayOfWeek();
        LocalTime time = msk.toLocalTime();
        return day != DayOfWeek.SATURDAY && day != DayOfWeek.SUNDAY && !time.isBefore(from) && time.isBefore(to);
    }

    @Override
    public String toString() {
        return always ? "always" : "Mon-Fri " + from + "-" + to + " MSK";
    }
}
