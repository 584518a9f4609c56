package dev.strela.web.internal.api;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

import dev.strela.persistence.Heartbeat;
import dev.strela.web.internal.auth.WebUser;

/**
 * {@code GET /strela/api/health}: each component's heartbeat, state, age in seconds and tile colour
 * ({@link TileLevels}), with its errors of the last hour by severity; sources with errors but no heartbeat follow.
 */
public final class HealthEndpoint implements Endpoint {

    public record Component(String component, String state, Instant lastHeartbeat, Long ageSeconds, Long limitSeconds,
                            String level, Map<String, Long> errorsLastHour) {
    }

    public record Source(String source, Map<String, Long> errorsLastHour) {
    }

    public record Health(Instant at, List<Component> components, List<Source> otherSources) {
    }

    private final DataServices data;
    private final TileLevels levels;

    public HealthEndpoint(DataServices data, TileLevels levels) {
        this.data = data;
        this.levels = levels;
    }

    @Override
    public Health handle(Params params, WebUser user) {
        params.only(Set.of());
        Instant now = params.now();
        List<Heartbeat> beats = data.serviceStatus().all();
        Map<String, Map<String, Long>> lastHour = data.errors().countsSince(now.minus(Duration.ofHours(1)));
        List<Component> components = new ArrayList<>();
        for (Heartbeat h : beats) {
            Duration age = h.lastHeartbeat() == null ? null : Duration.between(h.lastHeartbeat(), now);
            components.add(new Component(h.component(), h.state(), h.lastHeartbeat(),
                    age == null ? null : Math.max(0, age.toSeconds()),
                    levels.limit(h.component()).map(Duration::toSeconds).orElse(null),
                    levels.level(h.component(), h.state(), age), lastHour.getOrDefault(h.component(), Map.of())));
        }
        List<Source> others = new ArrayList<>();
        lastHour.forEach((source, counts) -> {
            if (beats.stream().noneMatch(h -> h.component().equals(source))) {
                others.add(new Source(source, counts));
            }
        });
        return new Health(now, components, others);
    }
}
