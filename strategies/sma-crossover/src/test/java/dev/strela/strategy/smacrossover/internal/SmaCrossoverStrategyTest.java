package dev.strela.strategy.smacrossover.internal;

import dev.strela.strategy.testkit.TestBars;

import static dev.strela.strategy.testkit.TestBars.closes;
import static dev.strela.strategy.testkit.TestBars.context;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.strela.api.model.Bar;
import dev.strela.api.model.Context;
import dev.strela.api.model.Direction;
import dev.strela.api.model.Instrument;
import dev.strela.api.model.Position;
import dev.strela.api.model.Signal;
import dev.strela.api.model.SignalType;
import java.math.BigDecimal;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Small series with fast 2, slow 4, ATR 2 (7 bars needed). Bars have a true range of 1 except at
 * jumps, so the ATR of the crossing series is 2.3125 (1, 1, 1, 1, 1, 1.5, 1, 3.5 halved in turn).
 */
class SmaCrossoverStrategyTest {

    private static final Map<String, Object> SMALL = Map.of("fast", 2, "slow", 4, "atrPeriod", 2);
    /** Fast SMA 9 &lt; slow 9.5 on the bar before, 10.5 &gt; 10 on the last. */
    private static final List<Bar> CROSS_UP = closes(TestBars.SBER, "10", "10", "10", "10", "10", "9", "9", "12");
    /** Fast SMA 11 &gt; slow 10.5 on the bar before, 9.5 &lt; 10 on the last. */
    private static final List<Bar> CROSS_DOWN = closes(TestBars.SBER, "10", "10", "10", "10", "10", "11", "11", "8");
    private static final Instrument TICK_005 = new Instrument("x-uid", "X", "TQBR", 1, new BigDecimal("0.05"), "RUB");

    private final SmaCrossoverStrategy strategy = new SmaCrossoverStrategy();

    @Test
    void name_isTheOneStrategyUniverseRowsUse() {
        assertThat(strategy.name()).isEqualTo("sma_crossover");
        assertThat(strategy.barsNeeded()).isGreaterThanOrEqualTo(30 + 1 + 14);
    }

    @Test
    void onBar_whenFastCrossesAboveSlowAndFlat_thenOpenLongWithStopBelowCloseOnTickGrid() {
        Signal signal = strategy.onBar(context(TICK_005, closes(TICK_005, prices(CROSS_UP)), Direction.FLAT,
                SMALL)).orElseThrow();

        assertThat(signal.type()).isEqualTo(SignalType.OPEN);
        assertThat(signal.direction()).isEqualTo(Direction.LONG);
        // 12 - 2 x 2.3125 = 7.375, rounded down to the 0.05 grid
        assertThat(signal.stopLoss()).isEqualByComparingTo("7.35");
        assertThat(TICK_005.onTick(signal.stopLoss())).isTrue();
        assertThat(signal.entryPrice()).isNull();
        assertThat(signal.meta()).containsEntry("tag", "sma_crossover").containsEntry("fast_sma", "10.5")
                .containsKeys("slow_sma", "atr", "close");
        assertThat(new BigDecimal((String) signal.meta().get("atr"))).isEqualByComparingTo("2.3125");
    }

    @Test
    void onBar_whenFewerBarsThanSlowPlusOnePlusAtrPeriod_thenNoSignal() {
        List<Bar> sixBars = CROSS_UP.subList(CROSS_UP.size() - 6, CROSS_UP.size());

        assertThat(strategy.onBar(context(sixBars, Direction.FLAT, SMALL))).isEmpty();
        assertThat(strategy.onBar(context(CROSS_UP.subList(1, CROSS_UP.size()), Direction.FLAT, SMALL))).isPresent();
    }

    @Test
    void onBar_whenDefaultParamsAndOnlyEightBars_thenNoSignal() {
        assertThat(strategy.onBar(context(CROSS_UP, Direction.FLAT, Map.of()))).isEmpty();
    }

    @Test
    void onBar_whenFastCrossesBelowSlowAndLong_thenClose() {
        Signal signal = strategy.onBar(context(CROSS_DOWN, Direction.LONG, SMALL)).orElseThrow();

        assertThat(signal.type()).isEqualTo(SignalType.CLOSE);
        assertThat(signal.direction()).isEqualTo(Direction.FLAT);
        assertThat(signal.stopLoss()).isNull();
        assertThat(signal.meta()).containsEntry("tag", "sma_crossover");
    }

    @Test
    void onBar_whenFastCrossesBelowSlowAndFlatWithoutShorts_thenNoSignal() {
        assertThat(strategy.onBar(context(CROSS_DOWN, Direction.FLAT, SMALL))).isEmpty();
    }

    @Test
    void onBar_whenFastCrossesAboveSlowAndAlreadyLong_thenNoSignal() {
        assertThat(strategy.onBar(context(CROSS_UP, Direction.LONG, SMALL))).isEmpty();
    }

    @Test
    void onBar_whenPositionRecordIsFlat_thenTreatedAsFlat() {
        Context flatRecord = context(CROSS_UP, Direction.FLAT, SMALL);
        Context withFlat = new Context(flatRecord.instrument(), flatRecord.timeframe(), flatRecord.barTime(),
                flatRecord.bars(), Optional.of(Position.flat(7, "sber-uid", flatRecord.barTime())), List.of(),
                SMALL, flatRecord.equity(), flatRecord.riskPerTrade(), flatRecord.maxStopLossFraction(), 7);

        assertThat(strategy.onBar(withFlat)).map(Signal::type).contains(SignalType.OPEN);
    }

    @Test
    void onBar_whenFastCrossesBelowSlowAndFlatWithShortsAllowed_thenOpenShortWithStopAboveCloseOnTickGrid() {
        Map<String, Object> params = Map.of("fast", 2, "slow", 4, "atrPeriod", 2, "allowShort", true);

        Signal signal = strategy.onBar(context(TICK_005, closes(TICK_005, prices(CROSS_DOWN)), Direction.FLAT,
                params)).orElseThrow();

        assertThat(signal.type()).isEqualTo(SignalType.OPEN);
        assertThat(signal.direction()).isEqualTo(Direction.SHORT);
        // 8 + 2 x 2.3125 = 12.625, rounded up to the 0.05 grid
        assertThat(signal.stopLoss()).isEqualByComparingTo("12.65");
    }

    @Test
    void onBar_whenShortAndFastCrossesAboveSlow_thenClose() {
        assertThat(strategy.onBar(context(CROSS_UP, Direction.SHORT, SMALL))).map(Signal::type)
                .contains(SignalType.CLOSE);
        assertThat(strategy.onBar(context(CROSS_DOWN, Direction.SHORT, SMALL))).isEmpty();
    }

    @Test
    void onBar_whenNoCrossingOnTheClosedBar_thenNoSignal() {
        List<Bar> stillBelow = closes(TestBars.SBER, "10", "10", "10", "10", "10", "9", "9", "9.5");

        for (Direction held : Direction.values()) {
            assertThat(strategy.onBar(context(stillBelow, held, SMALL))).as("held %s", held).isEmpty();
        }
    }

    @Test
    void onBar_whenSmasEqualOnTheClosedBar_thenNoSignal() {
        // fast 9.5 < slow 9.75, then fast 10 = slow 10
        assertThat(strategy.onBar(context(closes(TestBars.SBER, "10", "10", "10", "10", "10", "9", "11"),
                Direction.FLAT, SMALL))).isEmpty();
    }

    @Test
    void onBar_whenBelowThenTiedThenAbove_thenCrossingAsTa4jSkipsBackOverTies() {
        // fast < slow, fast = slow (10 = 10), fast 11.5 > slow 10.5
        List<Bar> bars = closes(TestBars.SBER, "10", "10", "10", "10", "10", "9", "11", "12");

        assertThat(strategy.onBar(context(bars, Direction.FLAT, SMALL))).map(Signal::direction)
                .contains(Direction.LONG);
    }

    @Test
    void onBar_whenAboveThenTiedThenAbove_thenNoCrossing() {
        // fast > slow, fast = slow (10 = 10), fast 11 > slow 10.75
        List<Bar> bars = closes(TestBars.SBER, "10", "10", "10", "10", "10", "11", "9", "13");

        assertThat(strategy.onBar(context(bars, Direction.FLAT, SMALL))).isEmpty();
    }

    @Test
    void onBar_whenTiedForLongerThanTheRecentBars_thenDecidedOverAllBarsAsTa4j() {
        // fast < slow up to bar 6, then 25 bars of 10 keep the two equal, then 12: fast 11 > slow 10.5. The tie is
        // longer than the slow window plus its lookback, so only the whole series shows where it came from.
        List<Bar> fromBelow = closes(TestBars.SBER, tiedRun("12", "12"));
        List<Bar> fromAbove = closes(TestBars.SBER, tiedRun("8", "12"));

        assertThat(fromBelow.size()).isGreaterThan(4 + 1 + SmaCrossoverStrategy.TIE_LOOKBACK);
        assertThat(strategy.onBar(context(fromBelow, Direction.FLAT, SMALL))).map(Signal::direction)
                .contains(Direction.LONG);
        assertThat(strategy.onBar(context(fromAbove, Direction.FLAT, SMALL))).isEmpty();
    }

    @Test
    void onBar_whenParamsInContext_thenTheyAreHonoured() {
        Map<String, Object> params = Map.of("fast", 2, "slow", 4, "atrPeriod", 2, "atrMultiple", new BigDecimal("3"));

        Signal signal = strategy.onBar(context(TICK_005, closes(TICK_005, prices(CROSS_UP)), Direction.FLAT,
                params)).orElseThrow();

        // 12 - 3 x 2.3125 = 5.0625
        assertThat(signal.stopLoss()).isEqualByComparingTo("5.05");
        // fast 3 / slow 4 end tied (10 = 10): no crossing; fast 1 / slow 6 cross (9 < 9.67, then 12 > 10)
        assertThat(strategy.onBar(context(CROSS_UP, Direction.FLAT, Map.of("fast", 3, "slow", 4, "atrPeriod", 2))))
                .isEmpty();
        assertThat(strategy.onBar(context(CROSS_UP, Direction.FLAT, Map.of("fast", 1, "slow", 6, "atrPeriod", 1))))
                .isPresent();
    }

    static Stream<Arguments> badParams() {
        return Stream.of(
                Arguments.of(Map.of("fast", 4, "slow", 4), "params.fast: must be below params.slow, was fast=4 slow=4"),
                Arguments.of(Map.of("fast", 40), "params.fast: must be below params.slow, was fast=40 slow=30"),
                Arguments.of(Map.of("fast", 0), "params.fast: must be positive, was 0"),
                Arguments.of(Map.of("slow", -5), "params.slow: must be positive, was -5"),
                Arguments.of(Map.of("atrPeriod", 0), "params.atrPeriod: must be positive, was 0"),
                Arguments.of(Map.of("atrMultiple", BigDecimal.ZERO), "params.atrMultiple: must be positive, was 0"),
                Arguments.of(Map.of("atrMultiple", "-1.5"), "params.atrMultiple: must be positive, was -1.5"),
                Arguments.of(Map.of("atrMultiple", "wide"), "params.atrMultiple: expected a number"),
                Arguments.of(Map.of("fast", new BigDecimal("2.5")), "params.fast: expected a whole number"),
                Arguments.of(Map.of("allowShort", "yes"), "params.allowShort: expected true or false, was 'yes'"),
                Arguments.of(Map.of("slow", 400), "params: slow=400 and atrPeriod=14 need 415 bars"));
    }

    @ParameterizedTest
    @MethodSource("badParams")
    void onBar_whenParamsBad_thenIllegalArgumentExceptionNamingTheParam(Map<String, Object> params, String message) {
        assertThatThrownBy(() -> strategy.onBar(context(CROSS_UP, Direction.FLAT, params)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageStartingWith(message);
    }

    /** Four bars of {@code before}, 25 of 10, then {@code last}. */
    private static String[] tiedRun(String before, String last) {
        List<String> prices = new java.util.ArrayList<>(List.of(before, before, before, before));
        prices.addAll(java.util.Collections.nCopies(25, "10"));
        prices.add(last);
        return prices.toArray(String[]::new);
    }

    private static String[] prices(List<Bar> bars) {
        return bars.stream().map(b -> b.close().toPlainString()).toArray(String[]::new);
    }
}
