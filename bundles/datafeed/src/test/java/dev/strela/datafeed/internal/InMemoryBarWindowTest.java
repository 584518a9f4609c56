package dev.strela.datafeed.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.time.Instant;

import org.junit.jupiter.api.Test;

import dev.strela.api.model.Bar;
import dev.strela.api.model.Timeframe;

class InMemoryBarWindowTest {

    private static final Instant T0 = Instant.parse("2024-03-04T07:00:00Z");
    private final InMemoryBarWindow window = new InMemoryBarWindow(3);

    @Test
    void barsUpTo_whenEnoughHeld_thenLastOnesOldestFirst_elseEmpty() {
        for (int i = 0; i < 4; i++) {
            window.stored(bar(i, "100"));
        }

        assertThat(window.barsUpTo("sber", Timeframe.M5, at(3), 3)).hasValueSatisfying(
                bars -> assertThat(bars).extracting(Bar::openTime).containsExactly(at(1), at(2), at(3)));
        assertThat(window.barsUpTo("sber", Timeframe.M5, at(2), 2)).hasValueSatisfying(
                bars -> assertThat(bars).extracting(Bar::openTime).containsExactly(at(1), at(2)));
        assertThat(window.barsUpTo("sber", Timeframe.M5, at(3), 4)).as("capacity 3: the oldest fell out").isEmpty();
        assertThat(window.barsUpTo("sber", Timeframe.H1, at(3), 1)).isEmpty();
    }

    @Test
    void stored_whenRevised_thenReplacedInPlace() {
        window.stored(bar(0, "100"));
        window.stored(bar(1, "101"));
        window.stored(bar(0, "99"));

        assertThat(window.barsUpTo("sber", Timeframe.M5, at(1), 2).orElseThrow()).extracting(Bar::close)
                .usingElementComparator(BigDecimal::compareTo).containsExactly(new BigDecimal("99"), new BigDecimal("101"));
    }

    @Test
    void stored_whenOlderBarNotHeld_thenWindowStartsOverSoItNeverHasAGap() {
        window.stored(bar(5, "100"));
        window.stored(bar(6, "100"));
        window.stored(bar(2, "100"));   // history imported behind the window

        assertThat(window.barsUpTo("sber", Timeframe.M5, at(6), 2)).isEmpty();
        assertThat(window.barsUpTo("sber", Timeframe.M5, at(2), 1)).isEmpty();
        window.stored(bar(7, "100"));
        window.stored(bar(8, "100"));
        assertThat(window.barsUpTo("sber", Timeframe.M5, at(8), 2)).hasValueSatisfying(
                bars -> assertThat(bars).extracting(Bar::openTime).containsExactly(at(7), at(8)));
        assertThat(window.barsUpTo("sber", Timeframe.M5, at(8), 3)).as("bars 5 and 6 are only in the database").isEmpty();
    }

    private static Instant at(int i) {
        return T0.plusSeconds(300L * i);
    }

    private static Bar bar(int i, String close) {
        BigDecimal c = new BigDecimal(close);
        return new Bar("sber", Timeframe.M5, at(i), c, c, c, c, 1);
    }
}
