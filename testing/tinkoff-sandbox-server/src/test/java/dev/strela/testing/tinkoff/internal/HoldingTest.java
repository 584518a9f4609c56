package dev.strela.testing.tinkoff.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;

import dev.strela.testing.tinkoff.TestInstrument;
import org.junit.jupiter.api.Test;

class HoldingTest {
    private final Holding holding = new Holding(TestInstrument.share("BBG004730N88", "uid-sber", "SBER").lot(10).build());

    @Test
    void apply_whenAddingToALong_thenPriceAveragedByQuantity() {
        holding.apply(true, 10, new BigDecimal("250"));
        holding.apply(true, 30, new BigDecimal("254"));

        assertThat(holding.quantity()).isEqualTo(40);
        assertThat(holding.averagePrice()).isEqualByComparingTo("253");
    }

    @Test
    void apply_whenReducingThenCrossingZero_thenAverageKeptThenRestartedAtFillPrice() {
        holding.apply(true, 20, new BigDecimal("250"));
        holding.apply(false, 10, new BigDecimal("260"));
        assertThat(holding.averagePrice()).isEqualByComparingTo("250");

        holding.apply(false, 30, new BigDecimal("255"));

        assertThat(holding.quantity()).isEqualTo(-20);
        assertThat(holding.averagePrice()).isEqualByComparingTo("255");
    }

    @Test
    void apply_whenClosedExactly_thenFlatWithZeroAverage() {
        holding.apply(false, 10, new BigDecimal("250"));
        holding.apply(true, 10, new BigDecimal("240"));

        assertThat(holding.quantity()).isZero();
        assertThat(holding.averagePrice()).isEqualByComparingTo("0");
    }

    @Test
    void apply_whenAverageRepeats_thenNineDecimalsExact() {
        holding.apply(true, 1, new BigDecimal("1"));
        holding.apply(true, 2, new BigDecimal("2"));

        assertThat(holding.averagePrice()).isEqualByComparingTo("1.666666667");
    }
}
