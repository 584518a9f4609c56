package dev.strela.console.internal;

import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;

import org.osgi.framework.Bundle;

/** Small formatting helpers shared by the console commands. */
final class Table {

    /** What a command prints when the repositories it needs are absent: the database is down or starting. */
    static final String NO_DATABASE = "The database is not connected (see strela:status)";

    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss 'UTC'")
            .withZone(ZoneId.of("UTC"));

    private Table() {
    }

    static String row(String label, String value) {
        return String.format("  %-26s %s", label + ":", value);
    }

    static String time(Instant instant) {
        return instant == null ? "never" : TIME.format(instant);
    }

    static String bundleState(int state) {
        return switch (state) {
            case Bundle.ACTIVE -> "Active";
            case Bundle.RESOLVED -> "Resolved";
            case Bundle.INSTALLED -> "Installed";
            case Bundle.STARTING -> "Starting";
            case Bundle.STOPPING -> "Stopping";
            case Bundle.UNINSTALLED -> "Uninstalled";
            default -> "state " + state;
        };
    }
}
