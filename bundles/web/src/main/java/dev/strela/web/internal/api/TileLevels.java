package dev.strela.web.internal.api;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The colour of a component's tile from its heartbeat: red when it says it is down or stopped, never beat, or is older
 * than its limit; amber when older than half its limit or it says it is starting or degraded; grey when switched off
 * on purpose; else green. Limits as the watchdog's: {@code component=seconds}, {@code broker} for every broker adapter.
 */
public final class TileLevels {

    public static final String GREEN = "green";
    public static final String AMBER = "amber";
    public static final String RED = "red";
    public static final String GREY = "grey";

    private final Map<String, Duration> limits;

    private TileLevels(Map<String, Duration> limits) {
        this.limits = limits;
    }

    /**
     * @throws IllegalArgumentException naming the entry that is not {@code name=seconds}
     */
    public static TileLevels parse(String text) {
        Map<String, Duration> limits = new LinkedHashMap<>();
        for (String part : (text == null ? "" : text).split(",")) {
            if (part.isBlank()) {
                continue;
            }
            String[] kv = part.split("=");
            if (kv.length != 2 || !kv[1].trim().matches("\\d{1,7}")) {
                throw new IllegalArgumentException("tileLimits: entries like data_feed=120, was '" + part.trim() + "'");
            }
            limits.put(kv[0].trim(), Duration.ofSeconds(Long.parseLong(kv[1].trim())));
        }
        return new TileLevels(limits);
    }

    public Optional<Duration> limit(String component) {
        Duration own = limits.get(component);
        if (own == null && (component.equals("broker") || component.startsWith("broker_"))) {
            own = limits.get("broker");
        }
        return Optional.ofNullable(own);
    }

    /** {@code age} null when the component never beat. */
    public String level(String component, String state, Duration age) {
        if ("off".equals(state)) {
            return GREY;
        }
        if ("down".equals(state) || "stopped".equals(state) || age == null) {
            return RED;
        }
        Optional<Duration> limit = limit(component);
        if (limit.isPresent() && age.compareTo(limit.get()) > 0) {
            return RED;
        }
        if (limit.isPresent() && age.compareTo(limit.get().dividedBy(2)) > 0) {
            return AMBER;
        }
        return "up".equals(state) ? GREEN : AMBER;
    }
}
