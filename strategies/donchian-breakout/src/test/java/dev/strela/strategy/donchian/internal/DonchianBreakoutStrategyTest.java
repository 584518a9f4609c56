package dev.strela.strategy.donchian.internal;

import dev.strela.strategy.testkit.TestBars;

import static dev.strela.strategy.testkit.TestBars.closes;
import static dev.strela.strategy.testkit.TestBars.context;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.strela.api.model.Bar;
import dev.strela.api.model.Direction;
import dev.strela.api.model.Instrument;
import dev.strela.api.model.Signal;
import dev.strela.api.model.SignalType;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Small series with entry 3, exit 2, ATR 4 (8 bars needed). Bars span close +- 0.5, so a flat
 * stretch at 10 has a channel of 9.5..10.5 and a true range of 1.
 */
class DonchianBreakoutStrategyTest {

    private static final Map<String, Object> SMALL = Map.of("entry", 3, "exit", 2, "atrPeriod", 4);
    private static final Instrument TICK_005 = new Instrument("x-uid", "X", "TQBR", 1, new BigDecimal("0.05"), "RUB");
    /** Seven bars at 10, then a close of 11.05 above the previous high 10.5; last true range 1.55. */
    private static final List<Bar> BREAKOUT = closes(TICK_005, "10", "10", "10", "10", "10", "10", "10", "11.05");
    /** Seven bars at 10, then a close of 9.4 below the previous low 9.5. */
    private static final List<Bar> BREAKDOWN = closes(TestBars.SBER, "10", "10", "10", "10", "10", "10", "10", "9.4");

    private final DonchianBreakoutStrategy strategy = new DonchianBreakoutStrategy();

    @Test
    void name_isTheOneStrategyUniverseRowsUse() {
        assertThat(strategy.name()).isEqualTo("donchian_breakout");
        assertThat(strategy.barsNeeded()).isGreaterThanOrEqualTo(20 + 1 + 14);
    }

    @Test
    void onBar_whenFlatAndCloseAbovePreviousHighs_thenOpenLongWithStopBelowCloseOnTickGrid() {
        Signal signal = strategy.onBar(context(TICK_005, BREAKOUT, Direction.FLAT, SMALL)).orElseThrow();

        assertThat(signal.type()).isEqualTo(SignalType.OPEN);
        assertThat(signal.direction()).isEqualTo(Direction.LONG);
        // ATR(4) = 1 + (1.55 - 1) / 4 = 1.1375; 11.05 - 2 x 1.1375 = 8.775, rounded down to the 0.05 grid
        assertThat(signal.stopLoss()).isEqualByComparingTo("8.75");
        assertThat(TICK_005.onTick(signal.stopLoss())).isTrue();
        assertThat(signal.meta()).containsEntry("tag", "donchian_breakout").containsEntry("entry_high", "10.5")
                .containsEntry("exit_low", "9.5").containsEntry("close", "11.05");
        assertThat(new BigDecimal((String) signal.meta().get("atr"))).isEqualByComparingTo("1.1375");
    }

    @Test
    void onBar_whenCloseEqualsPreviousHigh_thenNoSignal() {
        List<Bar> touch = closes(TestBars.SBER, "10", "10", "10", "10", "10", "10", "10", "10.5");

        assertThat(strategy.onBar(context(touch, Direction.FLAT, SMALL))).isEmpty();
    }

    @Test
    void onBar_whenOnlyTheClosedBarItselfMakesTheHigh_thenItIsNotPartOfTheChannel() {
        // the closed bar's high is 11.55; were it in the channel no close could ever break out
        assertThat(strategy.onBar(context(TICK_005, BREAKOUT, Direction.FLAT, SMALL))).isPresent();
    }

    @Test
    void onBar_whenFewerBarsThanChannelPlusOnePlusAtrPeriod_thenNoSignal() {
        List<Bar> sevenBars = BREAKOUT.subList(1, BREAKOUT.size());

        assertThat(strategy.onBar(context(TICK_005, sevenBars, Direction.FLAT, SMALL))).isEmpty();
        assertThat(strategy.onBar(context(TICK_005, BREAKOUT, Direction.FLAT, Map.of()))).isEmpty();
    }

    @Test
    void onBar_whenLongAndCloseBelowPreviousLows_thenClose() {
        Signal signal = strategy.onBar(context(BREAKDOWN, Direction.LONG, SMALL)).orElseThrow();

        assertThat(signal.type()).isEqualTo(SignalType.CLOSE);
        assertThat(signal.direction()).isEqualTo(Direction.FLAT);
        assertThat(signal.stopLoss()).isNull();
        assertThat(signal.meta()).containsEntry("tag", "donchian_breakout").containsEntry("exit_low", "9.5");
    }

    @Test
    void onBar_whenFlatOrShortAndCloseBelowPreviousLows_thenNoSignal() {
        assertThat(strategy.onBar(context(BREAKDOWN, Direction.FLAT, SMALL))).isEmpty();
        assertThat(strategy.onBar(context(BREAKDOWN, Direction.SHORT, SMALL))).isEmpty();
    }

    @Test
    void onBar_whenLongAndCloseEqualsPreviousLow_thenNoSignal() {
        List<Bar> touch = closes(TestBars.SBER, "10", "10", "10", "10", "10", "10", "10", "9.5");

        assertThat(strategy.onBar(context(touch, Direction.LONG, SMALL))).isEmpty();
    }

    @Test
    void onBar_whenAlreadyLongAndCloseBreaksOut_thenNoSignal() {
        assertThat(strategy.onBar(context(TICK_005, BREAKOUT, Direction.LONG, SMALL))).isEmpty();
    }

    @Test
    void onBar_whenParamsInContext_thenTheyAreHonoured() {
        // a peak (high 12.5) at index 5 of 20 bars, then 10s, then 11.05 on the last bar
        List<String> prices = new ArrayList<>(Collections.nCopies(19, "10"));
        prices.set(5, "12");
        prices.add("11.05");
        List<Bar> bars = closes(TICK_005, prices.toArray(String[]::new));

        assertThat(strategy.onBar(context(TICK_005, bars, Direction.FLAT, SMALL))).isPresent();
        assertThat(strategy.onBar(context(TICK_005, bars, Direction.FLAT, Map.of("entry", 15, "exit", 2,
                "atrPeriod", 4)))).as("a 15-bar channel reaches the peak").isEmpty();

        Signal wider = strategy.onBar(context(TICK_005, BREAKOUT, Direction.FLAT, Map.of("entry", 3, "exit", 2,
                "atrPeriod", 4, "atrMultiple", "3"))).orElseThrow();
        // 11.05 - 3 x 1.1375 = 7.6375
        assertThat(wider.stopLoss()).isEqualByComparingTo("7.6");
    }

    static Stream<Arguments> badParams() {
        return Stream.of(
                Arguments.of(Map.of("entry", 0), "params.entry: must be positive, was 0"),
                Arguments.of(Map.of("exit", -1), "params.exit: must be positive, was -1"),
                Arguments.of(Map.of("atrPeriod", 0), "params.atrPeriod: must be positive, was 0"),
                Arguments.of(Map.of("atrMultiple", BigDecimal.ZERO), "params.atrMultiple: must be positive, was 0"),
                Arguments.of(Map.of("atrMultiple", "-2"), "params.atrMultiple: must be positive, was -2"),
                Arguments.of(Map.of("atrMultiple", "wide"), "params.atrMultiple: expected a number"),
                Arguments.of(Map.of("entry", new BigDecimal("2.5")), "params.entry: expected a whole number"),
                Arguments.of(Map.of("entry", 400), "params: entry=400, exit=10 and atrPeriod=14 need 415 bars"));
    }

    @ParameterizedTest
    @MethodSource("badParams")
    void onBar_whenParamsBad_thenIllegalArgumentExceptionNamingTheParam(Map<String, Object> params, String message) {
        assertThatThrownBy(() -> strategy.onBar(context(TICK_005, BREAKOUT, Direction.FLAT, params)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageStartingWith(message);
    }
}
