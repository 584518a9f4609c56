package dev.strela.health.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.annotation.Annotation;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import dev.strela.api.error.ErrorEvent;
import dev.strela.persistence.Heartbeat;
import dev.strela.persistence.ServiceStatusRepository;
import dev.strela.persistence.TradingControl;
import dev.strela.persistence.TradingControlRepository;

/** The watchdog's actions, on in-memory heartbeats and controls and a clock moved by hand. */
class WatchdogServiceTest {

    /** Tuesday 2024-03-05 12:00 MSK. */
    private static final Instant START = Instant.parse("2024-03-05T09:00:00Z");

    private final Map<String, Heartbeat> beats = new LinkedHashMap<>();
    private final List<TradingControl> controlLog = new ArrayList<>();
    private final List<ErrorEvent> errors = new ArrayList<>();
    private Instant now = START;
    private boolean databaseAway;

    private final ServiceStatusRepository status = new ServiceStatusRepository() {
        @Override
        public void heartbeat(String component, String state, Instant at) {
            beats.put(component, new Heartbeat(component, state, at, "{}"));
        }

        @Override
        public List<Heartbeat> all() {
            if (databaseAway) {
                throw new IllegalStateException("connection refused");
            }
            return List.copyOf(beats.values());
        }
    };

    private final TradingControlRepository controls = new TradingControlRepository() {
        @Override
        public TradingControl current() {
            return controlLog.isEmpty() ? new TradingControl(false, false, null, null, null) : controlLog.get(controlLog.size() - 1);
        }

        @Override
        public TradingControl setStopTrading(boolean on, String reason, String who) {
            controlLog.add(new TradingControl(on, current().safeMode(), reason, who, now));
            return current();
        }

        @Override
        public TradingControl setSafeMode(boolean on, String reason, String who) {
            controlLog.add(new TradingControl(current().stopTrading(), on, reason, who, now));
            return current();
        }

        @Override
        public TradingControl acknowledge(long errorId, String note, String who) {
            throw new UnsupportedOperationException("not used by the watchdog");
        }
    };

    private final WatchdogService service = new WatchdogService(status, controls, errors::add, config("always"),
            new Clock() {
                @Override
                public ZoneOffset getZone() {
                    return ZoneOffset.UTC;
                }

                @Override
                public Clock withZone(java.time.ZoneId zone) {
                    return this;
                }

                @Override
                public Instant instant() {
                    return now;
                }
            });

    private static WatchdogConfig config(String hours) {
        return new WatchdogConfig() {
            @Override
            public Class<? extends Annotation> annotationType() {
                return WatchdogConfig.class;
            }

            @Override
            public long checkMillis() {
                return 1000;
            }

            @Override
            public String silenceLimits() {
                return "execution=60, broker=30";
            }

            @Override
            public String activeHours() {
                return hours;
            }
        };
    }

    @Test
    void aSilentComponent_isCriticalAndStopsTrading_andItsReturnResumesNothing() {
        status.heartbeat("execution", "up", START.plusSeconds(1));
        now = START.plusSeconds(61);
        service.tick();
        assertThat(controlLog).isEmpty();
        now = START.plusSeconds(62);
        service.tick();
        assertThat(errors).singleElement().satisfies(e -> {
            assertThat(e.code()).isEqualTo("component_silent");
            assertThat(e.severity().code()).isEqualTo("critical");
            assertThat(e.message()).contains("component=execution", "silent_s=61", "limit_s=60");
        });
        assertThat(controls.current().stopTrading()).isTrue();
        assertThat(controls.current().changedBy()).isEqualTo("watchdog");
        assertThat(controls.current().reason()).contains("execution silent for 61 s");

        status.heartbeat("execution", "up", START.plusSeconds(70));
        now = START.plusSeconds(71);
        service.tick();
        assertThat(errors).last().satisfies(e -> assertThat(e.code()).isEqualTo("component_recovered"));
        assertThat(controls.current().stopTrading()).as("nothing resumes by itself").isTrue();
        assertThat(controlLog).hasSize(1);
    }

    @Test
    void aBrokerDown_stopsTradingAtOnce_butKeepsAPersonsReasonWhenAlreadyStopped() {
        controls.setStopTrading(true, "end of quarter", "alice");
        status.heartbeat("broker", "down", START.plusSeconds(1));
        now = START.plusSeconds(2);
        service.tick();
        assertThat(errors).singleElement().satisfies(e -> assertThat(e.code()).isEqualTo("broker_down"));
        assertThat(controlLog).hasSize(1);
        assertThat(controls.current().changedBy()).isEqualTo("alice");
    }

    @Test
    void anUnreadableStatusTable_isOneErrorPerOutage_andTheWatchdogGoesOn() {
        databaseAway = true;
        service.tick();
        service.tick();
        assertThat(errors).singleElement().satisfies(e -> assertThat(e.code()).isEqualTo("database_unavailable"));
        databaseAway = false;
        status.heartbeat("broker", "down", START.plusSeconds(1));
        now = START.plusSeconds(2);
        service.tick();
        assertThat(controls.current().stopTrading()).isTrue();
    }
}
