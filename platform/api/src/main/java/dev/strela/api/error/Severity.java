package dev.strela.api.error;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/** How serious an error is ({@code live_errors.severity}), in increasing order. */
public enum Severity {
    INFO,
    WARNING,
    /** Something failed; the platform goes on. */
    ERROR,
    /** A person must act (trading may have been stopped). */
    CRITICAL;

    /** Lower-case database value, e.g. "warning". */
    public String code() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** True when this is as serious as {@code other} or more. */
    public boolean atLeast(Severity other) {
        return compareTo(other) >= 0;
    }

    /**
     * Parses a code ("warning") ignoring case.
     *
     * @throws IllegalArgumentException naming the valid codes
     */
    public static Severity fromCode(String text) {
        if (text != null) {
            for (Severity severity : values()) {
                if (severity.code().equalsIgnoreCase(text.trim())) {
                    return severity;
                }
            }
        }
        throw new IllegalArgumentException("severity: unknown code '" + text + "', expected one of "
                + Arrays.stream(values()).map(Severity::code).collect(Collectors.joining(", ")));
    }
}
