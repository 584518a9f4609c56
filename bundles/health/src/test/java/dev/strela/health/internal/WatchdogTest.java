package dev.strela.health.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import dev.strela.api.model.SessionHours;
import dev.strela.persistence.Heartbeat;

class WatchdogTest {

    /** Tuesday 2024-03-05 12:00 MSK. */
    private static final Instant START = Instant.parse("2024-03-05T09:00:00Z");
    private static final SessionHours TRADING = SessionHours.parse("activeHours", "09:50-23:50");

    private final Watchdog watchdog = new Watchdog(Map.of("execution", Duration.ofSeconds(60),
            "broker", Duration.ofSeconds(30)), TRADING, START);

    private static Heartbeat beat(String component, String state, Instant at) {
        return new Heartbeat(component, state, at, "{}");
    }

    @Test
    void silentLongerThanItsLimit_raisesOnceUntilItBeatsAgain_thenRecovered() {
        Instant last = START.plusSeconds(5);
        assertThat(watchdog.check(List.of(beat("execution", "up", last)), START.plusSeconds(65))).isEmpty();
        List<Watchdog.Alarm> alarms = watchdog.check(List.of(beat("execution", "up", last)), START.plusSeconds(66));
        assertThat(alarms).containsExactly(new Watchdog.Alarm.Silent("execution", Duration.ofSeconds(61), Duration.ofSeconds(60)));
        assertThat(watchdog.check(List.of(beat("execution", "up", last)), START.plusSeconds(300))).isEmpty();
        assertThat(watchdog.check(List.of(beat("execution", "up", START.plusSeconds(301))), START.plusSeconds(302)))
                .containsExactly(new Watchdog.Alarm.Recovered("execution"));
        assertThat(watchdog.check(List.of(beat("execution", "up", START.plusSeconds(303))), START.plusSeconds(304))).isEmpty();
    }

    @Test
    void aRowLeftFromBeforeTheStart_isNotWatchedUntilTheComponentBeats() {
        List<Heartbeat> stale = List.of(beat("execution", "up", START.minusSeconds(3600)), beat("broker", "down", START.minusSeconds(5)));
        assertThat(watchdog.check(stale, START.plusSeconds(600))).isEmpty();
        Instant back = START.plusSeconds(601);
        assertThat(watchdog.check(List.of(beat("execution", "up", back)), back)).isEmpty();
        assertThat(watchdog.check(List.of(beat("execution", "up", back)), back.plusSeconds(61))).hasSize(1);
    }

    @Test
    void aBrokerThatSaysDown_raisesAtAnyHour_andAnyBrokerAdapterTakesTheBrokerLimit() {
        Instant sunday = Instant.parse("2024-03-10T01:00:00Z");
        Watchdog dog = new Watchdog(Map.of("broker", Duration.ofSeconds(30)), TRADING, sunday);
        assertThat(dog.check(List.of(beat("broker_tinkoff", "down", sunday.plusSeconds(1))), sunday.plusSeconds(2)))
                .containsExactly(new Watchdog.Alarm.Down("broker_tinkoff", sunday.plusSeconds(1)));
        // still down: no second alarm
        assertThat(dog.check(List.of(beat("broker_tinkoff", "down", sunday.plusSeconds(3))), sunday.plusSeconds(4))).isEmpty();
        assertThat(dog.check(List.of(beat("broker_tinkoff", "up", sunday.plusSeconds(5))), sunday.plusSeconds(6)))
                .containsExactly(new Watchdog.Alarm.Recovered("broker_tinkoff"));
        assertThat(dog.limit("broker_tinkoff")).contains(Duration.ofSeconds(30));
        assertThat(dog.limit("data_feed")).isEmpty();
        // a data feed that says down is the feed's own business (data_feed_down, strategies not called), not a stop
        assertThat(dog.check(List.of(beat("data_feed", "down", sunday.plusSeconds(7))), sunday.plusSeconds(8))).isEmpty();
    }

    @Test
    void silenceOutsideTradingHours_isNoAlarm_butOneRaisedInHoursStandsUntilTheBeatReturns() {
        Instant evening = Instant.parse("2024-03-05T20:40:00Z");   // 23:40 MSK
        Watchdog dog = new Watchdog(Map.of("execution", Duration.ofSeconds(60)), TRADING, evening);
        Instant last = evening.plusSeconds(1);
        assertThat(dog.check(List.of(beat("execution", "up", last)), evening.plusSeconds(120))).hasSize(1);
        assertThat(dog.check(List.of(beat("execution", "up", last)), Instant.parse("2024-03-06T01:00:00Z"))).isEmpty();

        Watchdog night = new Watchdog(Map.of("execution", Duration.ofSeconds(60)), TRADING, Instant.parse("2024-03-05T21:00:00Z"));
        Instant beat = Instant.parse("2024-03-05T21:00:01Z");
        assertThat(night.check(List.of(beat("execution", "up", beat)), Instant.parse("2024-03-06T03:00:00Z")))
                .as("03:00-06:00 MSK is outside the hours").isEmpty();
        assertThat(night.check(List.of(beat("execution", "up", beat)), Instant.parse("2024-03-06T07:00:00Z")))
                .as("10:00 MSK: the silence counts").hasSize(1);
    }

    @Test
    void aComponentSwitchedOff_isNeitherSilentNorDown_untilItBeatsAgain() {
        Watchdog dog = new Watchdog(Map.of("broker", Duration.ofSeconds(30)), SessionHours.parse("activeHours", "always"), START);
        assertThat(dog.check(List.of(beat("broker_tinkoff", "down", START.plusSeconds(5))), START.plusSeconds(6)))
                .singleElement().isInstanceOf(Watchdog.Alarm.Down.class);

        // disabled: its last beat says off, and stays the last one for an hour
        assertThat(dog.check(List.of(beat("broker_tinkoff", "off", START.plusSeconds(10))), START.plusSeconds(3600))).isEmpty();

        // enabled again: watched again, and silence counts from its new beat
        assertThat(dog.check(List.of(beat("broker_tinkoff", "up", START.plusSeconds(3700))), START.plusSeconds(3710))).isEmpty();
        assertThat(dog.check(List.of(beat("broker_tinkoff", "up", START.plusSeconds(3700))), START.plusSeconds(3800)))
                .singleElement().isInstanceOf(Watchdog.Alarm.Silent.class);
    }

    @Test
    void activeHours_parseAndReject() {
        assertThat(SessionHours.parse("activeHours", "always").contains(Instant.parse("2024-03-10T01:00:00Z"))).isTrue();
        assertThat(TRADING.contains(Instant.parse("2024-03-09T09:00:00Z"))).as("Saturday").isFalse();
        assertThat(TRADING.contains(Instant.parse("2024-03-05T06:49:00Z"))).as("09:49 MSK").isFalse();
        assertThat(TRADING.contains(Instant.parse("2024-03-05T06:50:00Z"))).as("09:50 MSK").isTrue();
        assertThatThrownBy(() -> SessionHours.parse("activeHours", "23:00-09:00")).hasMessageContaining("'23:00-09:00'");
        assertThatThrownBy(() -> SessionHours.parse("activeHours", "nine to five")).hasMessageContaining("activeHours");
    }

    @Test
    void limits_parseAndReject() {
        assertThat(WatchdogService.limits(" data_feed=120, broker = 30 "))
                .containsEntry("data_feed", Duration.ofSeconds(120)).containsEntry("broker", Duration.ofSeconds(30)).hasSize(2);
        assertThat(WatchdogService.limits("")).isEmpty();
        assertThatThrownBy(() -> WatchdogService.limits("execution=0")).hasMessageContaining("'execution=0'");
        assertThatThrownBy(() -> WatchdogService.limits("execution:60")).hasMessageContaining("component=seconds");
    }
}
