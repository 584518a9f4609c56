package dev.strela.api.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;

import org.junit.jupiter.api.Test;

class SessionHoursTest {

    private final SessionHours hours = SessionHours.parse("candleWatchHours", "09:50-23:50");

    @Test
    void contains_atEachEdge_thenFromIncludedAndToExcludedOnWeekdaysOnly() {
        // 2024-06-03 is a Monday; Moscow is UTC+3
        assertThat(hours.contains(Instant.parse("2024-06-03T06:49:59Z"))).as("09:49:59 MSK").isFalse();
        assertThat(hours.contains(Instant.parse("2024-06-03T06:50:00Z"))).as("09:50 MSK").isTrue();
        assertThat(hours.contains(Instant.parse("2024-06-03T20:49:59Z"))).as("23:49:59 MSK").isTrue();
        assertThat(hours.contains(Instant.parse("2024-06-03T20:50:00Z"))).as("23:50 MSK").isFalse();
        assertThat(hours.contains(Instant.parse("2024-06-08T09:00:00Z"))).as("Saturday noon").isFalse();
        assertThat(SessionHours.parse("candleWatchHours", "always").contains(Instant.parse("2024-06-08T09:00:00Z"))).isTrue();
    }

    @Test
    void sessionStart_thenTodaysStartInMoscowTime() {
        assertThat(hours.sessionStart(Instant.parse("2024-06-03T07:31:10Z"))).isEqualTo(Instant.parse("2024-06-03T06:50:00Z"));
        // 00:30 MSK on the 4th is still the 3rd in UTC: the Moscow date counts
        assertThat(hours.sessionStart(Instant.parse("2024-06-03T21:30:00Z"))).isEqualTo(Instant.parse("2024-06-04T06:50:00Z"));
        assertThat(SessionHours.parse("candleWatchHours", "always").sessionStart(Instant.parse("2024-06-03T07:31:10Z")))
                .isEqualTo(Instant.parse("2024-06-02T21:00:00Z"));
    }

    @Test
    void parse_whenMalformedOrBackwards_thenRefusedNamingTheKey() {
        assertThatThrownBy(() -> SessionHours.parse("activeHours", "nine to five")).hasMessageStartingWith("activeHours: ");
        assertThatThrownBy(() -> SessionHours.parse("candleWatchHours", "23:50-09:50")).hasMessageContaining("candleWatchHours");
        assertThatThrownBy(() -> SessionHours.parse("candleWatchHours", "9.50-23.50")).hasMessageContaining("'9.50-23.50'");
        assertThatThrownBy(() -> SessionHours.parse("candleWatchHours", null)).hasMessageContaining("candleWatchHours");
    }
}
