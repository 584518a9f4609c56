package dev.strela.api.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class BarTest {

    private static final Instant T = Instant.parse("2024-03-01T07:00:00Z");

    private static Bar bar(Timeframe tf, String open, String high, String low, String close, long volume) {
        return new Bar("SBER", tf, T, new BigDecimal(open), new BigDecimal(high), new BigDecimal(low),
                new BigDecimal(close), volume);
    }

    @Test
    void constructor_whenValid_thenCreated() {
        Bar bar = bar(Timeframe.M1, "270.10", "270.50", "269.90", "270.39", 1200);

        assertThat(bar.close()).hasToString("270.39");
    }

    @Test
    void constructor_whenHighBelowLow_thenRefusedNamingHigh() {
        assertThatThrownBy(() -> bar(Timeframe.M1, "100", "99", "100", "100", 1))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("high: 99 is below");
    }

    @Test
    void constructor_whenHighBelowClose_thenRefusedNamingHigh() {
        assertThatThrownBy(() -> bar(Timeframe.M1, "100", "101", "99", "102", 1))
                .hasMessage("high: 101 is below close 102");
    }

    @Test
    void constructor_whenOpenBelowLow_thenRefusedNamingOpen() {
        assertThatThrownBy(() -> bar(Timeframe.M1, "98", "101", "99", "100", 1))
                .hasMessage("open: 98 is below low 99");
    }

    @Test
    void constructor_whenNegativeVolume_thenRefused() {
        assertThatThrownBy(() -> bar(Timeframe.M1, "100", "100", "100", "100", -1))
                .hasMessageStartingWith("volume:");
    }

    @Test
    void constructor_whenZeroPrice_thenRefused() {
        assertThatThrownBy(() -> bar(Timeframe.M1, "0", "100", "0", "100", 1))
                .hasMessageStartingWith("open: must be > 0");
    }

    @Test
    void constructor_whenNullTimeframe_thenRefused() {
        assertThatThrownBy(() -> new Bar("SBER", null, T, BigDecimal.ONE, BigDecimal.ONE, BigDecimal.ONE,
                BigDecimal.ONE, 0)).hasMessage("timeframe: must not be null");
    }

    @Test
    void closeTime_whenM5AndD1_thenOpenPlusDuration() {
        assertThat(bar(Timeframe.M5, "1", "1", "1", "1", 0).closeTime()).isEqualTo(T.plusSeconds(300));
        assertThat(bar(Timeframe.D1, "1", "1", "1", "1", 0).closeTime()).isEqualTo(T.plusSeconds(86_400));
    }
}
