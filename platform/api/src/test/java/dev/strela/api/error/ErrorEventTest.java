package dev.strela.api.error;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.strela.api.model.Timeframe;
import java.math.BigDecimal;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class ErrorEventTest {

    @Test
    void of_whenKeyValuePairs_thenCodeColonDetails() {
        ErrorEvent event = ErrorEvent.of(ErrorCode.TOO_WIDE_STOP, "stop", 12.3, "entry", 100);

        assertThat(event.message()).isEqualTo("too_wide_stop: stop=12.3, entry=100");
        assertThat(event.code()).isEqualTo("too_wide_stop");
        assertThat(event.source()).isEqualTo(ErrorSource.RISK);
        assertThat(event.severity()).isEqualTo(Severity.WARNING);
        assertThat(event.createdAt()).isNotNull();
    }

    @Test
    void of_whenOddCount_thenIllegalArgument() {
        assertThatThrownBy(() -> ErrorEvent.of(ErrorCode.TOO_WIDE_STOP, "stop", 12.3, "entry"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("odd count 3");
    }

    @Test
    void of_whenKeyIsNotString_thenIllegalArgument() {
        assertThatThrownBy(() -> ErrorEvent.of(ErrorCode.SIZE_TOO_SMALL, 1, 2))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("index 0");
    }

    @Test
    void of_whenValuesNeedQuoting_thenQuotedAndBigDecimalPlain() {
        ErrorEvent event = ErrorEvent.of(ErrorCode.BROKER_DOWN, "reason", "connection refused, retry",
                "price", new BigDecimal("1E+3"), "order", null);

        assertThat(event.message())
                .isEqualTo("broker_down: reason=\"connection refused, retry\", price=1000, order=null");
    }

    @Test
    void of_whenPlainText_thenPrefixedOnce() {
        assertThat(ErrorEvent.of(ErrorCode.DATA_FEED_DOWN, "no candles for 5 minutes").message())
                .isEqualTo("data_feed_down: no candles for 5 minutes");
        assertThat(ErrorEvent.of(ErrorCode.DATA_FEED_DOWN, "data_feed_down: silent=300s").message())
                .isEqualTo("data_feed_down: silent=300s");
        assertThat(ErrorEvent.of(ErrorCode.DATA_FEED_DOWN).message()).isEqualTo("data_feed_down");
    }

    @Test
    void withers_whenApplied_thenFieldsSetAndOriginalUnchanged() {
        ErrorEvent base = ErrorEvent.of(ErrorCode.STRATEGY_EXCEPTION, "strategy", "sma_cross");
        Instant at = Instant.parse("2024-03-01T07:05:00Z");

        ErrorEvent event = base.forRow(42).forSymbol("SBER", Timeframe.M5).withSeverity(Severity.CRITICAL)
                .withThrowable(new IllegalStateException("boom")).withCreatedAt(at);

        assertThat(event.strategyUniverseId()).isEqualTo(42L);
        assertThat(event.symbol()).isEqualTo("SBER");
        assertThat(event.timeframe()).isEqualTo("5m");
        assertThat(event.severity()).isEqualTo(Severity.CRITICAL);
        assertThat(event.stackTrace()).startsWith("java.lang.IllegalStateException: boom").contains("at ");
        assertThat(event.createdAt()).isEqualTo(at);
        assertThat(event.errorCode()).isEqualTo(ErrorCode.STRATEGY_EXCEPTION);
        assertThat(base.strategyUniverseId()).isNull();
        assertThat(base.stackTrace()).isNull();
    }

    @Test
    void errorLog_whenDefaultRecord_thenEventBuiltFromCode() {
        ErrorEvent[] seen = new ErrorEvent[1];
        ErrorLog log = event -> seen[0] = event;

        log.record(ErrorCode.CONFIG_INVALID, "pid=dev.strela.datafeed, field=symbols");

        assertThat(seen[0].source()).isEqualTo(ErrorSource.SYSTEM);
        assertThat(seen[0].message()).isEqualTo("config_invalid: pid=dev.strela.datafeed, field=symbols");
    }
}
