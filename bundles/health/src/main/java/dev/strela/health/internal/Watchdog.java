package dev.strela.health.internal;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import dev.strela.api.model.SessionHours;
import dev.strela.persistence.Heartbeat;

/**
 * Judges the heartbeats in {@code service_status} at an instant it is given. Pure logic, no threads, no clock of its
 * own: the tests move time by hand.
 *
 * <ul>
 *   <li>A component is watched once it has beaten since the watchdog started (a row left from an earlier run is not
 *       a fault until the component comes back); components with no configured limit are not watched for silence.
 *       One that says {@code off} (switched off on purpose, e.g. a broker adapter disabled in its configuration) is not
 *       watched until it beats again.</li>
 *   <li>{@link Alarm.Silent}: its last heartbeat is older than its limit while {@link SessionHours} holds. Once per
 *       outage.</li>
 *   <li>{@link Alarm.Down}: a broker adapter ({@code broker} or {@code broker_*}) says it is {@code down}: its calls
 *       fail or time out. At any hour (an order can be sent at any hour). Once per outage.</li>
 *   <li>{@link Alarm.Recovered}: a component that raised an alarm beats again and is not down. This resumes nothing.</li>
 * </ul>
 */
final class Watchdog {

    /** What one check found. */
    sealed interface Alarm {
        String component();

        record Silent(String component, Duration silentFor, Duration limit) implements Alarm {
        }

        record Down(String component, Instant since) implements Alarm {
        }

        record Recovered(String component) implements Alarm {
        }
    }

    /** The state a component writes when it is switched off on purpose. */
    static final String OFF = "off";

    private final Map<String, Duration> limits;
    private final SessionHours hours;
    private final Instant startedAt;
    private final Set<String> watched = new HashSet<>();
    private final Map<String, Alarm> raised = new HashMap<>();

    Watchdog(Map<String, Duration> limits, SessionHours hours, Instant startedAt) {
        this.limits = Map.copyOf(limits);
        this.hours = hours;
        this.startedAt = startedAt;
    }

    static boolean isBroker(String component) {
        return component.equals("broker") || component.startsWith("broker_");
    }

    /** The silence limit of a component: its own, else {@code broker}'s for any broker adapter, else none. */
    Optional<Duration> limit(String component) {
        Duration own = limits.get(component);
        if (own == null && isBroker(component)) {
            own = limits.get("broker");
        }
        return Optional.ofNullable(own);
    }

    List<Alarm> check(List<Heartbeat> beats, Instant now) {
        List<Alarm> alarms = new ArrayList<>();
        for (Heartbeat beat : beats) {
            String component = beat.component();
            Instant last = beat.lastHeartbeat();
            if (OFF.equals(beat.state())) {
                // switched off on purpose (an adapter disabled): neither silent nor down, and no longer watched
                watched.remove(component);
                raised.remove(component);
                continue;
            }
            if (last != null && !last.isBefore(startedAt)) {
                watched.add(component);
            }
            if (!watched.contains(component)) {
                continue;
            }
            Optional<Alarm> now1 = judge(beat, now);
            Alarm before = raised.get(component);
            if (now1.isPresent()) {
                if (before == null || before.getClass() != now1.get().getClass()) {
                    raised.put(component, now1.get());
                    alarms.add(now1.get());
                }
            } else if (before != null) {
                raised.remove(component);
                alarms.add(new Alarm.Recovered(component));
            }
        }
        return alarms;
    }

    private Optional<Alarm> judge(Heartbeat beat, Instant now) {
        if (isBroker(beat.component()) && "down".equals(beat.state())) {
            return Optional.of(new Alarm.Down(beat.component(), beat.lastHeartbeat()));
        }
        Optional<Duration> limit = limit(beat.component());
        if (limit.isEmpty() || beat.lastHeartbeat() == null) {
            return Optional.empty();
        }
        Duration silent = Duration.between(beat.lastHeartbeat(), now);
        if (silent.compareTo(limit.get()) > 0) {
            // outside trading hours a silence is not a new alarm, but one already raised stands until the beat returns
            Alarm before = raised.get(beat.component());
            if (hours.contains(now) || before instanceof Alarm.Silent) {
                return Optional.of(new Alarm.Silent(beat.component(), silent, limit.get()));
            }
        }
        return Optional.empty();
    }
}
