package dev.strela.web.internal.api;

import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Set;

import com.fasterxml.jackson.databind.JsonNode;

import dev.strela.api.model.Timeframe;
import dev.strela.persistence.EquityHistory.EquityPoint;
import dev.strela.persistence.RunRepository.RunRow;
import dev.strela.web.internal.auth.WebUser;

/**
 * {@code GET /strela/api/equity?run=paper&step=5m&from=&to=&points=500}: a run's equity curve ({@code EquityHistory}).
 * Paper and live: by default the last {@code points} steps of 5 minutes up to the latest data. A replay: by default its
 * whole period, with the smallest step that keeps about {@code points} points.
 */
public final class EquityEndpoint implements Endpoint {

    public static final int DEFAULT_POINTS = 500;
    public static final int MAX_POINTS = 5000;
    private static final List<Timeframe> STEPS = List.of(Timeframe.M5, Timeframe.M15, Timeframe.H1, Timeframe.D1);

    public record Curve(String run, String step, Instant from, Instant to, List<EquityPoint> points) {
    }

    private final DataServices data;

    public EquityEndpoint(DataServices data) {
        this.data = data;
    }

    @Override
    public Curve handle(Params params, WebUser user) {
        params.only(Set.of("run", "step", "from", "to", "points"));
        String runId = params.run("run", "paper");
        int points = params.limit("points", DEFAULT_POINTS, MAX_POINTS);
        if (points < 2) {
            throw ApiException.badRequest("points: at least 2, was " + points);
        }
        Instant from = params.instant("from");
        Instant to = params.instant("to");
        String stepText = params.text("step");
        RunRow run = data.runs().find(runId)
                .orElseThrow(() -> new ApiException(404, "not_found", "no run '" + runId + "' (GET /strela/api/runs lists them)"));
        if ("replay".equals(run.kind()) && from == null && to == null) {
            JsonNode p = RunsEndpoint.run(run).params();
            from = instant(p, "from", run.startedAt());
            to = instant(p, "stoppedAt", instant(p, "to", run.finishedAt() == null ? params.now() : run.finishedAt()));
        }
        if (from != null && to != null && !from.isBefore(to)) {
            throw ApiException.badRequest("from: must be before to, was from=" + from + " to=" + to);
        }
        // a window open at its end is fitted up to now: a from of years ago must not ask for years of 5-minute closes
        Timeframe step = stepText != null ? step(stepText)
                : from != null ? fit(from, to != null ? to : later(from, params.now()), points) : Timeframe.M5;
        List<EquityPoint> curve = data.equity().equity(runId, step, from, to, points);
        return new Curve(runId, step.code(), curve.isEmpty() ? from : curve.get(0).at(),
                curve.isEmpty() ? to : curve.get(curve.size() - 1).at(), curve);
    }

    private static Instant later(Instant from, Instant now) {
        return now.isAfter(from) ? now : from.plusSeconds(1);
    }

    /** The smallest step that keeps the window within about twice {@code points} steps (sampling does the rest). */
    static Timeframe fit(Instant from, Instant to, int points) {
        Duration span = Duration.between(from, to);
        for (Timeframe tf : STEPS) {
            if (span.dividedBy(tf.duration()) <= 2L * points) {
                return tf;
            }
        }
        return Timeframe.D1;
    }

    private static Timeframe step(String text) {
        try {
            Timeframe tf = Timeframe.fromCode(text);
            if (STEPS.contains(tf)) {
                return tf;
            }
        } catch (IllegalArgumentException e) {
            // reported below
        }
        throw ApiException.badRequest("step: 5m, 15m, 1h or 1d, was '" + text + "'");
    }

    private static Instant instant(JsonNode params, String field, Instant fallback) {
        if (params == null || !params.hasNonNull(field)) {
            return fallback;
        }
        try {
            return Instant.parse(params.get(field).asText());
        } catch (DateTimeParseException e) {
            return fallback;
        }
    }
}
