package dev.strela.api.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.math.RoundingMode;
import org.junit.jupiter.api.Test;

class InstrumentTest {

    private static final Instrument SBER =
            new Instrument("e6123145-9665-43e0-8413-cd61b8aa9b13", "SBER", "TQBR", 10, new BigDecimal("0.01"), "RUB");
    /** VTBR before the 2024 consolidation: tick 0.000005, lot 10000. */
    private static final Instrument VTBR =
            new Instrument("8e2b0325-0292-4654-8a18-4f63ed3b0e09", "VTBR", "TQBR", 10_000,
                    new BigDecimal("0.000005"), "RUB");

    @Test
    void roundToTick_ofATick_isWhatTheInstrumentWithThatTickGives_andNeedsAPositiveTick() {
        assertThat(Instrument.roundToTick(new BigDecimal("270.386"), new BigDecimal("0.01"), RoundingMode.HALF_UP))
                .isEqualTo(SBER.roundToTick(new BigDecimal("270.386"), RoundingMode.HALF_UP));
        assertThat(Instrument.roundToTick(new BigDecimal("101.3"), new BigDecimal("0.5"), RoundingMode.FLOOR)).hasToString("101.0");
        assertThatThrownBy(() -> Instrument.roundToTick(BigDecimal.TEN, BigDecimal.ZERO, RoundingMode.FLOOR))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("tick");
    }

    @Test
    void roundToTick_whenSberHalfUp_thenTwoDecimals() {
        assertThat(SBER.roundToTick(new BigDecimal("270.386"), RoundingMode.HALF_UP)).hasToString("270.39");
        assertThat(SBER.roundToTick(new BigDecimal("270.384"), RoundingMode.HALF_UP)).hasToString("270.38");
        assertThat(SBER.roundToTick(new BigDecimal("270"), RoundingMode.HALF_UP)).hasToString("270.00");
    }

    @Test
    void roundToTick_whenSberDownAndUp_thenDirected() {
        assertThat(SBER.roundToTick(new BigDecimal("270.389"), RoundingMode.DOWN)).hasToString("270.38");
        assertThat(SBER.roundToTick(new BigDecimal("270.381"), RoundingMode.UP)).hasToString("270.39");
    }

    @Test
    void roundToTick_whenVtbrSubTick_thenMultipleOfFiveMillionths() {
        assertThat(VTBR.roundToTick(new BigDecimal("0.0234567"), RoundingMode.HALF_UP)).hasToString("0.023455");
        assertThat(VTBR.roundToTick(new BigDecimal("0.0234575"), RoundingMode.HALF_UP)).hasToString("0.023460");
        assertThat(VTBR.roundToTick(new BigDecimal("0.0234567"), RoundingMode.CEILING)).hasToString("0.023460");
        assertThat(VTBR.roundToTick(new BigDecimal("0.0234567"), RoundingMode.FLOOR)).hasToString("0.023455");
    }

    @Test
    void roundToTick_whenUnnecessaryAndOffTick_thenArithmeticException() {
        assertThat(VTBR.roundToTick(new BigDecimal("0.02346"), RoundingMode.UNNECESSARY)).hasToString("0.023460");
        assertThatThrownBy(() -> VTBR.roundToTick(new BigDecimal("0.023461"), RoundingMode.UNNECESSARY))
                .isInstanceOf(ArithmeticException.class);
    }

    @Test
    void onTick_whenOnAndOffGrid_thenTrueAndFalse() {
        assertThat(VTBR.onTick(new BigDecimal("0.023455"))).isTrue();
        assertThat(VTBR.onTick(new BigDecimal("0.023456"))).isFalse();
    }

    @Test
    void constructor_whenZeroLotOrTick_thenRefused() {
        assertThatThrownBy(() -> new Instrument("x", "X", "TQBR", 0, BigDecimal.ONE, "RUB"))
                .hasMessageStartingWith("lot:");
        assertThatThrownBy(() -> new Instrument("x", "X", "TQBR", 1, BigDecimal.ZERO, "RUB"))
                .hasMessageStartingWith("minPriceIncrement:");
    }
}
