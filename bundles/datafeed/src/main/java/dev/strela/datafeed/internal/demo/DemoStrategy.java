package dev.strela.datafeed.internal.demo;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import dev.strela.api.model.SignalJson;

/**
 * One strategy the demo binds to its instruments: the strategy's name and its {@code params_json}.
 *
 * @param name       {@code strategy_universe.strategy}, e.g. {@code sma_crossover}
 * @param paramsJson a JSON object, compact
 */
record DemoStrategy(String name, String paramsJson) {

    /**
     * The shipped demo strategies, with windows small enough that both decide from the fifth 5-minute bar on
     * (sma_crossover needs slow + 1 + atrPeriod bars, donchian_breakout max(entry, exit) + 1 + atrPeriod). At 2 s per
     * simulated minute the fifth bar (10:20-10:24) closes with the 25th candle, 50 s after the demo starts; with seed
     * 42 the first signal comes on it.
     */
    static final String DEFAULT_SPEC = "sma_crossover:{\"fast\":2,\"slow\":3,\"atrPeriod\":1,\"atrMultiple\":2.0};"
            + "donchian_breakout:{\"entry\":3,\"exit\":2,\"atrPeriod\":1,\"atrMultiple\":2.0}";

    /** What {@link #parse} made of a specification: the strategies it read and what it could not read. */
    record Parsed(List<DemoStrategy> strategies, List<String> problems) {
    }

    /**
     * Reads {@code name:{json};name:{json};...}. A bare {@code name} has no parameters ({@code {}}); blank
     * entries are ignored; a semicolon inside the JSON (in a string) does not split. An entry with a bad name or
     * JSON that is not an object is left out and named in {@link Parsed#problems()}.
     */
    static Parsed parse(String spec) {
        List<DemoStrategy> strategies = new ArrayList<>();
        List<String> problems = new ArrayList<>();
        for (String entry : split(spec == null ? "" : spec)) {
            String text = entry.trim();
            if (text.isEmpty()) {
                continue;
            }
            int colon = text.indexOf(':');
            String name = (colon < 0 ? text : text.substring(0, colon)).trim();
            String json = colon < 0 ? "" : text.substring(colon + 1).trim();
            if (!name.matches("[A-Za-z0-9_.-]+")) {
                problems.add("'" + text + "': the strategy name must be letters, digits, '_', '.' or '-'");
                continue;
            }
            try {
                Map<String, Object> params = SignalJson.mapFromJson(json.isEmpty() ? "{}" : json);
                strategies.add(new DemoStrategy(name, SignalJson.mapToJson(params)));
            } catch (RuntimeException e) {
                problems.add("'" + text + "': params are not a JSON object (" + e.getMessage() + ")");
            }
        }
        return new Parsed(List.copyOf(strategies), List.copyOf(problems));
    }

    /** Splits on ';' outside JSON strings. */
    private static List<String> split(String spec) {
        List<String> parts = new ArrayList<>();
        StringBuilder current = new StringBuilder();
        boolean inString = false;
        boolean escaped = false;
        for (int i = 0; i < spec.length(); i++) {
            char c = spec.charAt(i);
            if (inString) {
                if (escaped) {
                    escaped = false;
                } else if (c == '\\') {
                    escaped = true;
                } else if (c == '"') {
                    inString = false;
                }
            } else if (c == '"') {
                inString = true;
            } else if (c == ';') {
                parts.add(current.toString());
                current.setLength(0);
                continue;
            }
            current.append(c);
        }
        parts.add(current.toString());
        return parts;
    }
}
