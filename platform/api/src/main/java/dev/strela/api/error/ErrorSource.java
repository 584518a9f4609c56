package dev.strela.api.error;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/** Which part of the platform reported an error ({@code live_errors.source}). */
public enum ErrorSource {
    DATA_FEED,
    STRATEGY_RUNNER,
    EXECUTION,
    BROKER,
    RISK,
    SYSTEM;

    /** Lower_snake database value, e.g. "data_feed". */
    public String code() {
        return name().toLowerCase(Locale.ROOT);
    }

    /**
     * Parses a code ("data_feed") ignoring case.
     *
     * @throws IllegalArgumentException naming the valid codes
     */
    public static ErrorSource fromCode(String text) {
        if (text != null) {
            for (ErrorSource source : values()) {
                if (source.code().equalsIgnoreCase(text.trim())) {
                    return source;
                }
            }
        }
        throw new IllegalArgumentException("source: unknown code '" + text + "', expected one of "
                + Arrays.stream(values()).map(ErrorSource::code).collect(Collectors.joining(", ")));
    }
}
