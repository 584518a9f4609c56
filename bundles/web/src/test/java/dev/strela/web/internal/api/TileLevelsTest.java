package dev.strela.web.internal.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class TileLevelsTest {

    private static final TileLevels LEVELS = TileLevels.parse("data_feed=120, execution=60, broker=30");

    @ParameterizedTest(name = "{0} {1} {2}s -> {3}")
    @CsvSource({
        "execution, up, 0, green",
        "execution, up, 30, green",
        "execution, up, 31, amber",
        "execution, up, 60, amber",
        "execution, up, 61, red",
        "execution, starting, 1, amber",
        "execution, degraded, 1, amber",
        "execution, down, 1, red",
        "execution, stopped, 1, red",
        "broker_fake, up, 16, amber",
        "broker_tinkoff, up, 31, red",
        "broker_tinkoff, off, 9999, grey",
        "reconciliation, up, 100000, green",
        "execution, up, -1, red",
    })
    void level_atEachBoundary(String component, String state, long ageSeconds, String level) {
        Duration age = ageSeconds < 0 ? null : Duration.ofSeconds(ageSeconds);

        assertThat(LEVELS.level(component, state, age)).isEqualTo(level);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {"data_feed", "data_feed=abc", "a=1=2"})
    void parse_whenAnEntryIsNotNameEqualsSeconds_thenRefusedNamingIt(String text) {
        assertThatThrownBy(() -> TileLevels.parse(text)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("tileLimits").hasMessageContaining(text);
    }
}
