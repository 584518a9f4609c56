package dev.strela.api.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class TimeframeTest {

    @ParameterizedTest
    @CsvSource({"M1,1m,PT1M", "M5,5m,PT5M", "M15,15m,PT15M", "H1,1h,PT1H", "D1,1d,PT24H"})
    void codeAndDuration_whenEachTimeframe_thenAsDocumented(Timeframe tf, String code, Duration duration) {
        assertThat(tf.code()).isEqualTo(code);
        assertThat(tf.duration()).isEqualTo(duration);
    }

    @ParameterizedTest
    @CsvSource({"1m,M1", "5M,M5", " 15m ,M15", "1H,H1", "1d,D1", "m15,M15", "H1,H1", "d1,D1"})
    void fromCode_whenCodeOrNameInAnyCase_thenParsed(String text, Timeframe expected) {
        assertThat(Timeframe.fromCode(text)).isEqualTo(expected);
    }

    @Test
    void fromCode_whenUnknown_thenErrorListsValidCodes() {
        assertThatThrownBy(() -> Timeframe.fromCode("2h"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("'2h'")
                .hasMessageContaining("1m, 5m, 15m, 1h, 1d");
        assertThatThrownBy(() -> Timeframe.fromCode(null)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void tradingMode_whenCodes_thenRoundTrip() {
        for (TradingMode mode : TradingMode.values()) {
            assertThat(TradingMode.fromCode(mode.code())).isEqualTo(mode);
        }
        assertThat(TradingMode.PAPER.code()).isEqualTo("paper");
        assertThat(TradingMode.fromCode("LIVE")).isEqualTo(TradingMode.LIVE);
        assertThat(TradingMode.OFF.isTrading()).isFalse();
        assertThatThrownBy(() -> TradingMode.fromCode("demo")).hasMessageContaining("off, paper, live");
    }
}
