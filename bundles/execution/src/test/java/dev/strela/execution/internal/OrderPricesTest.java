package dev.strela.execution.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;

import org.junit.jupiter.api.Test;

import dev.strela.api.model.Direction;
import dev.strela.api.model.EntryType;
import dev.strela.api.model.Instrument;

/** Prices go on the tick toward the safe side. */
class OrderPricesTest {

    private static final Instrument SBER = new Instrument("sber", "SBER", "TQBR", 10, new BigDecimal("0.01"), "rub");

    @Test
    void limitBuy_roundsDown_limitSell_roundsUp() {
        assertThat(OrderPrices.entry(SBER, Direction.LONG, EntryType.LIMIT, new BigDecimal("270.389"))).isEqualByComparingTo("270.38");
        assertThat(OrderPrices.entry(SBER, Direction.SHORT, EntryType.LIMIT, new BigDecimal("270.381"))).isEqualByComparingTo("270.39");
    }

    @Test
    void stopEntry_buyRoundsUp_sellRoundsDown() {
        assertThat(OrderPrices.entry(SBER, Direction.LONG, EntryType.STOP, new BigDecimal("270.381"))).isEqualByComparingTo("270.39");
        assertThat(OrderPrices.entry(SBER, Direction.SHORT, EntryType.STOP, new BigDecimal("270.389"))).isEqualByComparingTo("270.38");
    }

    @Test
    void stopLoss_movesTowardTheEntry() {
        assertThat(OrderPrices.stopLoss(SBER, Direction.LONG, new BigDecimal("262.281"))).isEqualByComparingTo("262.29");
        assertThat(OrderPrices.stopLoss(SBER, Direction.SHORT, new BigDecimal("280.019"))).isEqualByComparingTo("280.01");
    }

    @Test
    void takeProfit_movesTowardTheEntry() {
        assertThat(OrderPrices.takeProfit(SBER, Direction.LONG, new BigDecimal("290.019"))).isEqualByComparingTo("290.01");
        assertThat(OrderPrices.takeProfit(SBER, Direction.SHORT, new BigDecimal("250.001"))).isEqualByComparingTo("250.01");
    }
}
