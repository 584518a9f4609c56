package dev.strela.brokerfake.internal;

import static dev.strela.api.model.OrderSide.BUY;
import static dev.strela.api.model.OrderSide.SELL;
import static dev.strela.brokerfake.internal.Scenario.limit;
import static dev.strela.brokerfake.internal.Scenario.market;
import static dev.strela.brokerfake.internal.Scenario.protect;
import static dev.strela.brokerfake.internal.Scenario.stop;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import dev.strela.api.model.Fill;
import dev.strela.api.model.OrderStatus;
import java.math.BigDecimal;
import org.junit.jupiter.api.Test;

class VolumeCapTest {

    private final Scenario s = new Scenario(Scenario.PLAIN.withVolumeCapShare(new BigDecimal("0.1")));

    @Test
    void marketBuy_whenLargerThanTheCap_thenFillsPartlyOverSeveralOpens() {
        s.submit(market("b1", BUY, 5));
        s.bar("250.00", "250.50", "249.50", "250.20", 23);
        s.bar("251.00", "251.50", "250.50", "251.20", 10);
        s.bar("252.00", "252.50", "251.50", "252.20", 40);

        // caps floor(0.1 * 23) = 2, floor(0.1 * 10) = 1, floor(0.1 * 40) = 4 of which 2 are left
        // fills 20 at 250.00, 10 at 251.00, 20 at 252.00: cost 5000.00 + 2510.00 + 5040.00 = 12,550.00
        // average 12,550.00 / 50 = 251.00; commissions 2.50 + 1.255 -> 1.26 + 2.52 = 6.28
        // cash 1,000,000.00 - 12,550.00 - 6.28 = 987,443.72
        assertThat(s.fills()).extracting(Fill::lots).containsExactly(2L, 1L, 2L);
        assertThat(s.fills()).extracting(Fill::price).containsExactly(new BigDecimal("250.00"),
                new BigDecimal("251.00"), new BigDecimal("252.00"));
        assertThat(s.path("b1")).containsExactly(OrderStatus.SUBMITTED, OrderStatus.PARTIALLY_FILLED,
                OrderStatus.PARTIALLY_FILLED, OrderStatus.FILLED);
        assertThat(s.changes("b1")).extracting(ExchangeEvent.StatusChanged::filledLots).containsExactly(0L, 2L, 3L, 5L);
        assertThat(s.position().quantity()).isEqualTo(50);
        assertThat(s.position().averagePrice()).isEqualByComparingTo("251.00");
        assertThat(s.account.commissions()).isEqualByComparingTo("6.28");
        assertThat(s.account.cash()).isEqualByComparingTo("987443.72");
    }

    @Test
    void cap_whenSeveralOrdersMeetOneBar_thenTheyShareOneBudgetInArrivalOrder() {
        s.submit(market("b1", BUY, 2));
        s.submit(market("b2", BUY, 2));
        s.bar("250.00", "250.50", "249.50", "250.20", 30);

        // floor(0.1 * 30) = 3 lots for the bar: b1 gets 2, b2 the last 1
        assertThat(s.fills()).extracting(Fill::clientOrderId, Fill::lots)
                .containsExactly(tuple("b1", 2L), tuple("b2", 1L));
        assertThat(s.status("b2")).isEqualTo(OrderStatus.PARTIALLY_FILLED);
    }

    @Test
    void limit_whenCapLeavesARemainder_thenItKeepsItsLevelOnLaterBars() {
        s.submit(limit("b1", BUY, 3, "249.50"));
        s.bar("250.00", "250.20", "249.40", "249.80", 20);
        assertThat(s.bar("250.00", "250.50", "249.60", "250.10", 100)).isEmpty();
        s.bar("249.80", "249.90", "249.00", "249.20", 100);

        // 2 lots at 249.50 on the first bar; the second bar stays above the limit; the last lot at 249.50 on the third
        assertThat(s.fills()).extracting(Fill::lots).containsExactly(2L, 1L);
        assertThat(s.fills()).extracting(Fill::price).containsOnly(new BigDecimal("249.50"));
    }

    @Test
    void stopEntry_whenTriggeredButCapped_thenTheRemainderFillsAtTheNextOpen() {
        s.submit(stop("s1", SELL, 3, "249.00"));
        s.bar("249.50", "249.60", "248.80", "248.90", 10);
        s.bar("251.00", "251.50", "250.50", "251.20", 100);

        // triggered on the first bar: 1 lot at min(249.50, 249.00) = 249.00; the other 2 are now a market order
        // and fill at the next open 251.00 although that bar never comes back to the trigger
        assertThat(s.fills()).extracting(Fill::lots).containsExactly(1L, 2L);
        assertThat(s.fills()).extracting(Fill::price).containsExactly(new BigDecimal("249.00"), new BigDecimal("251.00"));
        assertThat(s.fills().get(1).time()).isEqualTo(Scenario.openTime(1));
    }

    @Test
    void entry_whenFilledInParts_thenEachPartGetsItsOwnProtectivePair() {
        s.submit(protect(market("e1", BUY, 3), "245.00", "255.00"));
        s.bar("250.00", "250.50", "249.50", "250.20", 20);
        s.bar("250.00", "250.50", "249.50", "250.20", 10);

        // 2 lots, then 1 lot: two stop-loss and two take-profit orders with their own ids
        assertThat(s.created()).extracting(c -> c.order().lots()).containsExactly(2L, 2L, 1L, 1L);
        assertThat(s.created()).extracting(ExchangeEvent.OrderCreated::clientOrderId).doesNotHaveDuplicates();
        assertThat(s.exchange.activeOrders()).hasSize(4);
    }

    @Test
    void bar_whenVolumeIsZero_thenNothingFills() {
        s.submit(market("b1", BUY, 1));
        assertThat(s.bar("250.00", "250.00", "250.00", "250.00", 0)).isEmpty();
        assertThat(s.status("b1")).isEqualTo(OrderStatus.SUBMITTED);
    }
}
