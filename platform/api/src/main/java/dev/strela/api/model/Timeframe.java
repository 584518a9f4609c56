package dev.strela.api.model;

import java.time.Duration;
import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * Bar timeframes. {@link #code()} is the form used in the database ({@code strategy_universe.timeframe},
 * table suffixes such as {@code candles_5m}) and in configuration.
 */
public enum Timeframe {
    M1("1m", Duration.ofMinutes(1)),
    M5("5m", Duration.ofMinutes(5)),
    M15("15m", Duration.ofMinutes(15)),
    H1("1h", Duration.ofHours(1)),
    /** One trading day; its bars follow the exchange's trading day, {@link #duration()} is 1 day. */
    D1("1d", Duration.ofDays(1));

    private final String code;
    private final Duration duration;

    Timeframe(String code, Duration duration) {
        this.code = code;
        this.duration = duration;
    }

    /** Length of one bar ({@code D1}: one day). */
    public Duration duration() {
        return duration;
    }

    /** Lower-case code: "1m", "5m", "15m", "1h", "1d". */
    public String code() {
        return code;
    }

    /**
     * Parses a code ("5m") or an enum name ("M5"), ignoring case.
     *
     * @throws IllegalArgumentException naming the valid codes when {@code text} matches none
     */
    public static Timeframe fromCode(String text) {
        if (text != null) {
            String wanted = text.trim().toLowerCase(Locale.ROOT);
            for (Timeframe tf : values()) {
                if (tf.code.equals(wanted) || tf.name().toLowerCase(Locale.ROOT).equals(wanted)) {
                    return tf;
                }
            }
        }
        String valid = Arrays.stream(values()).map(Timeframe::code).collect(Collectors.joining(", "));
        throw new IllegalArgumentException("timeframe: unknown code '" + text + "', expected one of "
                + valid + " (or M1, M5, M15, H1, D1)");
    }
}
