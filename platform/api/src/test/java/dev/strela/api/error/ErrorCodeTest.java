package dev.strela.api.error;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class ErrorCodeTest {

    /** Every code named in ARCHITECTURE.md (Error-code convention, Faults, Risk). */
    private static final List<String> ARCHITECTURE_CODES = List.of(
            "data_feed_down", "no_market_price_for_symbol", "bar_too_old",
            "broker_down", "unsupported_order_type", "order_execution_failed",
            "strategy_exception", "invalid_signal_format", "strategy_not_found",
            "too_wide_stop", "size_too_small", "insufficient_cash", "max_total_positions_reached",
            "max_positions_per_strategy_reached", "trading_disabled_by_control",
            "new_positions_disabled_by_control");

    /** Codes agreed beyond the architecture page. */
    private static final List<String> PLATFORM_CODES = List.of(
            "strategy_timeout", "rules_compile_failed", "database_unavailable", "database_recovered", "config_invalid",
            "candle_rejected", "instrument_not_tradable", "stop_order_failed", "stop_order_orphaned", "component_silent",
            "reconciliation_mismatch", "strategy_disabled",
            "internal_error");

    @Test
    void codes_whenListed_thenUniqueAndLowerSnake() {
        List<String> codes = Arrays.stream(ErrorCode.values()).map(ErrorCode::code).toList();

        assertThat(codes).doesNotHaveDuplicates();
        assertThat(codes).allMatch(c -> c.matches("[a-z]+(_[a-z0-9]+)*"), "lower_snake");
    }

    @Test
    void codes_whenArchitectureAndPlatformCodes_thenAllPresent() {
        List<String> codes = Arrays.stream(ErrorCode.values()).map(ErrorCode::code).toList();

        assertThat(codes).containsAll(ARCHITECTURE_CODES).containsAll(PLATFORM_CODES);
    }

    @Test
    void fromCode_whenEveryCode_thenRoundTrip() {
        for (ErrorCode code : ErrorCode.values()) {
            assertThat(ErrorCode.fromCode(code.code())).contains(code);
            assertThat(code.source()).isNotNull();
            assertThat(code.severity()).isNotNull();
        }
        assertThat(ErrorCode.fromCode("no_such_code")).isEmpty();
        assertThat(ErrorCode.fromCode(null)).isEmpty();
    }

    @Test
    void sources_whenRiskAndControls_thenAsAgreed() {
        assertThat(ErrorCode.TOO_WIDE_STOP.source()).isEqualTo(ErrorSource.RISK);
        assertThat(ErrorCode.INSUFFICIENT_CASH.source()).isEqualTo(ErrorSource.RISK);
        assertThat(ErrorCode.TRADING_DISABLED_BY_CONTROL.source()).isEqualTo(ErrorSource.EXECUTION);
        assertThat(ErrorCode.RULES_COMPILE_FAILED.source()).isEqualTo(ErrorSource.EXECUTION);
        assertThat(ErrorCode.DATABASE_UNAVAILABLE.source()).isEqualTo(ErrorSource.SYSTEM);
        assertThat(ErrorCode.DATABASE_UNAVAILABLE.severity()).isEqualTo(Severity.ERROR);
        assertThat(ErrorCode.CANDLE_REJECTED.severity()).isEqualTo(Severity.WARNING);
        assertThat(ErrorCode.COMPONENT_SILENT.severity()).isEqualTo(Severity.CRITICAL);
        assertThat(ErrorCode.STRATEGY_DISABLED.source()).isEqualTo(ErrorSource.STRATEGY_RUNNER);
    }

    @Test
    void sourceAndSeverityCodes_whenParsed_thenRoundTripAndUnknownRefused() {
        assertThat(ErrorSource.DATA_FEED.code()).isEqualTo("data_feed");
        assertThat(ErrorSource.fromCode("strategy_runner")).isEqualTo(ErrorSource.STRATEGY_RUNNER);
        assertThat(Severity.CRITICAL.code()).isEqualTo("critical");
        assertThat(Severity.fromCode("Warning")).isEqualTo(Severity.WARNING);
        assertThat(Severity.ERROR.atLeast(Severity.WARNING)).isTrue();
        assertThatThrownBy(() -> ErrorSource.fromCode("network")).hasMessageContaining("data_feed, strategy_runner");
        assertThatThrownBy(() -> Severity.fromCode("fatal")).hasMessageContaining("info, warning, error, critical");
    }
}
