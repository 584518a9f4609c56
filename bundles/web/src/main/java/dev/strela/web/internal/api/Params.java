package dev.strela.web.internal.api;

import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;

/**
 * A request's parameters, parsed strictly: an unknown name, a repeated one, or a value that does not parse is a 400
 * naming the parameter, what it takes, and what it got; never an exception that becomes a 500.
 */
public final class Params {

    private static final Pattern RUN_ID = Pattern.compile("[a-z][a-z0-9-]{0,99}");
    private static final Pattern RELATIVE = Pattern.compile("(\\d{1,6})([mhd])");
    private static final int MAX_TEXT = 500;

    private final Map<String, String[]> values;
    private final Instant now;

    public Params(Map<String, String[]> values, Instant now) {
        this.values = values;
        this.now = now;
    }

    /** Refuses parameters other than {@code allowed}, so a misspelt filter is not silently ignored. */
    public Params only(Set<String> allowed) {
        for (String name : values.keySet()) {
            if (!allowed.contains(name)) {
                throw ApiException.badRequest("unknown parameter '" + name + "': this endpoint takes " + new TreeSet<>(allowed));
            }
        }
        return this;
    }

    /** The trimmed value, null when absent or blank; at most 500 characters. */
    public String text(String name) {
        String[] v = values.get(name);
        if (v == null || v.length == 0) {
            return null;
        }
        if (v.length > 1) {
            throw ApiException.badRequest(name + ": given " + v.length + " times, expected once");
        }
        String t = v[0].trim();
        if (t.length() > MAX_TEXT) {
            throw ApiException.badRequest(name + ": at most " + MAX_TEXT + " characters, was " + t.length());
        }
        return t.isEmpty() ? null : t;
    }

    /** A positive whole number (an id), null when absent. */
    public Long id(String name) {
        String t = text(name);
        if (t == null) {
            return null;
        }
        try {
            long v = Long.parseLong(t);
            if (v > 0) {
                return v;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw ApiException.badRequest(name + ": a positive whole number, was '" + t + "'");
    }

    /** A page size from 1 to {@code max}; {@code fallback} when absent. */
    public int limit(String name, int fallback, int max) {
        String t = text(name);
        if (t == null) {
            return fallback;
        }
        try {
            int v = Integer.parseInt(t);
            if (v >= 1 && v <= max) {
                return v;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw ApiException.badRequest(name + ": a whole number from 1 to " + max + ", was '" + t + "'");
    }

    /** true/false (also 1/0, yes/no); {@code fallback} when absent. */
    public boolean flag(String name, boolean fallback) {
        String t = text(name);
        if (t == null) {
            return fallback;
        }
        return switch (t.toLowerCase(Locale.ROOT)) {
            case "true", "1", "yes" -> true;
            case "false", "0", "no" -> false;
            default -> throw ApiException.badRequest(name + ": true or false, was '" + t + "'");
        };
    }

    /**
     * An instant: ISO-8601 with a zone ({@code 2024-03-04T07:00:00Z}, {@code 2024-03-04T10:00:00+03:00}), or a time
     * back from now ({@code 30m}, {@code 2h}, {@code 3d}); null when absent.
     */
    public Instant instant(String name) {
        String t = text(name);
        if (t == null) {
            return null;
        }
        var relative = RELATIVE.matcher(t.toLowerCase(Locale.ROOT));
        if (relative.matches()) {
            long n = Long.parseLong(relative.group(1));
            return now.minus(switch (relative.group(2)) {
                case "m" -> Duration.ofMinutes(n);
                case "h" -> Duration.ofHours(n);
                default -> Duration.ofDays(n);
            });
        }
        try {
            return OffsetDateTime.parse(t).toInstant();
        } catch (DateTimeParseException e) {
            throw ApiException.badRequest(name + ": an instant such as 2024-03-04T07:00:00Z (with its zone) or a time back"
                    + " from now such as 30m, 2h, 3d; was '" + t + "'");
        }
    }

    /** A run id ({@code paper}, {@code live}, {@code replay-...}); {@code fallback} when absent. */
    public String run(String name, String fallback) {
        String t = text(name);
        if (t == null) {
            return fallback;
        }
        if (!RUN_ID.matcher(t).matches()) {
            throw ApiException.badRequest(name + ": a run id such as paper, live or replay-<uuid>, was '" + t + "'");
        }
        return t;
    }

    /** A lower_snake code such as {@code broker_down}; null when absent. */
    public String code(String name) {
        String t = text(name);
        if (t != null && !t.matches("[a-z][a-z0-9_]{0,99}")) {
            throw ApiException.badRequest(name + ": a lower_snake code such as broker_down, was '" + t + "'");
        }
        return t;
    }

    /** The time the request is answered at (relative instants count back from it). */
    public Instant now() {
        return now;
    }
}
