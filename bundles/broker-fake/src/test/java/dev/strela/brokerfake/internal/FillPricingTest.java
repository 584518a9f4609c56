package dev.strela.brokerfake.internal;

import static dev.strela.api.model.OrderSide.BUY;
import static dev.strela.api.model.OrderSide.SELL;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.strela.api.model.Bar;
import dev.strela.api.model.Instrument;
import dev.strela.api.model.OrderSide;
import dev.strela.api.model.OrderType;
import dev.strela.api.model.Timeframe;
import java.math.BigDecimal;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class FillPricingTest {

    private static final BigDecimal RATE = FillModelConfig.DEFAULT_COMMISSION_RATE;
    private static final Bar BAR = new Bar("SBER", Timeframe.M1, Scenario.T0, new BigDecimal("250.00"),
            new BigDecimal("251.00"), new BigDecimal("249.00"), new BigDecimal("250.50"), 100);

    @ParameterizedTest(name = "{0} * 0.0005 -> {1}")
    @CsvSource({
            "4989.00, 2.49",  // 2.4945
            "4989.99, 2.49",  // 2.494995: just under half a kopeck
            "4990.00, 2.50",  // 2.495: exactly half, HALF_UP
            "4990.01, 2.50",  // 2.495005
            "9.99, 0.00",     // 0.004995
            "10.00, 0.01",    // 0.005
            "0.01, 0.00"})
    void commission_whenAroundHalfAKopeck_thenRoundedHalfUpToTheKopeck(String notional, String expected) {
        assertThat(FillPricing.commission(new BigDecimal(notional), RATE)).isEqualTo(new BigDecimal(expected));
    }

    @ParameterizedTest(name = "{1} {0} ticks={2} -> {3}")
    @CsvSource({
            "250.00, BUY, 3, 250.03",
            "250.00, SELL, 3, 249.97",
            "250.004, BUY, 0, 250.01",   // off the grid: up for a buyer
            "250.006, SELL, 0, 250.00",  // down for a seller
            "0.02, SELL, 5, 0.01"})      // never below one tick
    void fillPrice_whenMovedAgainstTheTaker_thenOnTheTickOnTheWorseSide(String base, OrderSide side, int ticks,
                                                                      String expected) {
        assertThat(FillPricing.fillPrice(new BigDecimal(base), side, ticks, Scenario.SBER))
                .isEqualTo(new BigDecimal(expected));
    }

    @Test
    void fillPrice_whenTickIsCoarse_thenStaysOnItsGrid() {
        Instrument future = new Instrument("Si", "SiH4", "SPBFUT", 1, new BigDecimal("1"), "RUB");
        assertThat(FillPricing.fillPrice(new BigDecimal("90512"), BUY, 2, future)).isEqualByComparingTo("90514");
    }

    @ParameterizedTest(name = "{0} {1} at {2} -> {3}")
    @CsvSource({
            "LIMIT, BUY, 249.00, 249.00",   // low touches
            "LIMIT, BUY, 248.99, none",       // one tick below the low
            "LIMIT, BUY, 250.50, 250.00",   // above the open: the open
            "LIMIT, SELL, 251.00, 251.00",
            "LIMIT, SELL, 251.01, none",
            "LIMIT, SELL, 249.50, 250.00",
            "STOP, BUY, 251.00, 251.00",
            "STOP, BUY, 251.01, none",
            "STOP, BUY, 249.50, 250.00",    // already through at the open: the open
            "STOP, SELL, 249.00, 249.00",
            "STOP, SELL, 248.99, none",
            "STOP, SELL, 250.50, 250.00"})
    void restingPrice_whenBarReachesOrMissesTheLevel_thenTouchFillsAndGapsFillAtTheOpen(OrderType type, OrderSide side,
                                                                                      String level, String expected) {
        assertThat(FillPricing.restingPrice(type, side, new BigDecimal(level), BAR))
                .isEqualTo(expected.equals("none") ? Optional.empty() : Optional.of(new BigDecimal(expected)));
    }

    @Test
    void restingPrice_whenMarket_thenRefused() {
        assertThatThrownBy(() -> FillPricing.restingPrice(OrderType.MARKET, SELL, BigDecimal.ONE, BAR))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
