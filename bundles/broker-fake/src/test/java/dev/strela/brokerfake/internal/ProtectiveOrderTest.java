package dev.strela.brokerfake.internal;

import static dev.strela.api.model.OrderSide.BUY;
import static dev.strela.api.model.OrderSide.SELL;
import static dev.strela.brokerfake.internal.Scenario.market;
import static dev.strela.brokerfake.internal.Scenario.protect;
import static org.assertj.core.api.Assertions.assertThat;

import dev.strela.api.model.Fill;
import dev.strela.api.model.Order;
import dev.strela.api.model.OrderSide;
import dev.strela.api.model.OrderStatus;
import dev.strela.api.model.OrderType;
import java.math.BigDecimal;
import org.junit.jupiter.api.Test;

class ProtectiveOrderTest {

    /** Enters 1 lot (or {@code lots}) at market with the given protection on a bar opening at 250.00. */
    private static Scenario entered(Scenario s, String id, OrderSide side, long lots,
                                    String stopLoss, String takeProfit) {
        s.submit(protect(market(id, side, lots), stopLoss, takeProfit));
        s.bar("250.00", "250.40", "249.60", "250.20");
        return s;
    }

    private static String stopOf(Scenario s) {
        return s.created().stream().filter(c -> c.role() == OrderRole.STOP_LOSS).findFirst().orElseThrow().clientOrderId();
    }

    private static String takeOf(Scenario s) {
        return s.created().stream().filter(c -> c.role() == OrderRole.TAKE_PROFIT).findFirst().orElseThrow().clientOrderId();
    }

    @Test
    void entryFill_whenItCarriesStopAndTake_thenBrokerCreatesAnOppositeStopAndLimitForTheFilledLots() {
        Scenario s = entered(Scenario.plain(), "e1", BUY, 2, "245.00", "255.00");

        assertThat(s.created()).hasSize(2).allSatisfy(c -> {
            assertThat(c.parentClientOrderId()).isEqualTo("e1");
            assertThat(c.order().side()).isEqualTo(SELL);
            assertThat(c.order().lots()).isEqualTo(2);
            assertThat(c.order().status()).isEqualTo(OrderStatus.NEW);
        });
        Order stop = s.exchange.order(stopOf(s)).orElseThrow();
        Order take = s.exchange.order(takeOf(s)).orElseThrow();
        assertThat(stop.type()).isEqualTo(OrderType.STOP);
        assertThat(stop.price()).isEqualByComparingTo("245.00");
        assertThat(OrderRole.STOP_LOSS.storedType(stop.type())).isEqualTo("STOP_LOSS");
        assertThat(take.type()).isEqualTo(OrderType.LIMIT);
        assertThat(take.price()).isEqualByComparingTo("255.00");
        assertThat(stop.status()).isEqualTo(OrderStatus.SUBMITTED);
        assertThat(stopOf(s)).hasSize(36).isEqualTo(ProtectiveOrders.childId("e1", OrderRole.STOP_LOSS, 2));
    }

    @Test
    void stopLossOfLong_whenLowReachesStop_thenSellsAtStopAndCancelsTake() {
        Scenario s = entered(Scenario.plain(), "e1", BUY, 1, "245.00", "260.00");
        s.bar("246.00", "246.50", "244.50", "245.50");

        // entry 10 at 250.00 (commission 2500.00 * 0.0005 = 1.25); stop min(open 246.00, 245.00) = 245.00
        // (commission 2450.00 * 0.0005 = 1.225 -> 1.23); realized (245.00 - 250.00) * 10 = -50.00
        // cash 1,000,000.00 - 2500.00 - 1.25 + 2450.00 - 1.23 = 999,947.52
        assertThat(s.fills()).extracting(Fill::price)
                .containsExactly(new BigDecimal("250.00"), new BigDecimal("245.00"));
        assertThat(s.position().quantity()).isZero();
        assertThat(s.position().realizedPnl()).isEqualByComparingTo("-50.00");
        assertThat(s.account.cash()).isEqualByComparingTo("999947.52");
        assertThat(s.status(stopOf(s))).isEqualTo(OrderStatus.FILLED);
        assertThat(s.changes(takeOf(s))).last().satisfies(c -> {
            assertThat(c.to()).isEqualTo(OrderStatus.CANCELLED);
            assertThat(c.reason()).startsWith("oco_stop_loss_triggered");
        });
        assertThat(s.exchange.activeOrders()).isEmpty();
    }

    @Test
    void stopLossOfShort_whenHighReachesStop_thenBuysAtStopPlusSpread() {
        Scenario s = entered(new Scenario(Scenario.PLAIN.withTicks(1, 0)), "e1", SELL, 1, "255.00", "240.00");
        s.bar("254.00", "255.50", "253.90", "255.20");

        // entry 250.00 - 1 tick = 249.99 (2499.90 * 0.0005 = 1.24995 -> 1.25)
        // stop max(open 254.00, 255.00) + 1 tick = 255.01 (2550.10 * 0.0005 = 1.27505 -> 1.28)
        // realized (255.01 - 249.99) * 10 * -1 = -50.20; cash 1,000,000.00 + 2499.90 - 1.25 - 2550.10 - 1.28 = 999,947.27
        assertThat(s.fills()).extracting(Fill::price)
                .containsExactly(new BigDecimal("249.99"), new BigDecimal("255.01"));
        assertThat(s.position().realizedPnl()).isEqualByComparingTo("-50.20");
        assertThat(s.account.cash()).isEqualByComparingTo("999947.27");
        assertThat(s.status(takeOf(s))).isEqualTo(OrderStatus.CANCELLED);
    }

    @Test
    void takeProfitOfLong_whenHighReachesTake_thenSellsAtTakeAndCancelsStop() {
        Scenario s = entered(new Scenario(Scenario.PLAIN.withTicks(1, 0)), "e1", BUY, 1, "245.00", "255.00");
        s.bar("252.00", "255.40", "251.80", "254.90");

        // entry 250.00 + 1 tick = 250.01 (2500.10 * 0.0005 = 1.25005 -> 1.25)
        // take max(open 252.00, 255.00) = 255.00, a limit pays no spread (2550.00 * 0.0005 = 1.275 -> 1.28)
        // realized (255.00 - 250.01) * 10 = 49.90; cash 1,000,000.00 - 2500.10 - 1.25 + 2550.00 - 1.28 = 1,000,047.37
        assertThat(s.fills()).extracting(Fill::price)
                .containsExactly(new BigDecimal("250.01"), new BigDecimal("255.00"));
        assertThat(s.position().realizedPnl()).isEqualByComparingTo("49.90");
        assertThat(s.account.cash()).isEqualByComparingTo("1000047.37");
        assertThat(s.changes(stopOf(s))).last().satisfies(c -> {
            assertThat(c.to()).isEqualTo(OrderStatus.CANCELLED);
            assertThat(c.reason()).startsWith("position_closed");
        });
    }

    @Test
    void takeProfitOfShort_whenBarGapsBelowTake_thenBuysAtTheBetterOpen() {
        Scenario s = entered(Scenario.plain(), "e1", SELL, 1, "256.00", "240.00");
        s.bar("239.00", "239.50", "238.00", "238.50");

        // entry short 10 at 250.00 (1.25); take min(open 239.00, 240.00) = 239.00 (2390.00 * 0.0005 = 1.195 -> 1.20)
        // realized (239.00 - 250.00) * 10 * -1 = 110.00; cash 1,000,000.00 + 2500.00 - 1.25 - 2390.00 - 1.20 = 1,000,107.55
        assertThat(s.fills()).extracting(Fill::price)
                .containsExactly(new BigDecimal("250.00"), new BigDecimal("239.00"));
        assertThat(s.position().realizedPnl()).isEqualByComparingTo("110.00");
        assertThat(s.account.cash()).isEqualByComparingTo("1000107.55");
        assertThat(s.status(stopOf(s))).isEqualTo(OrderStatus.CANCELLED);
    }

    @Test
    void stopAndTake_whenBothTouchedInOneBar_thenStopWinsAndTakeIsCancelled() {
        Scenario s = entered(Scenario.plain(), "e1", BUY, 1, "245.00", "255.00");
        s.bar("250.00", "256.00", "244.00", "251.00");

        // the bar's path is unknown: assume the stop came first; fill min(open 250.00, 245.00) = 245.00, realized -50.00
        assertThat(s.fills()).extracting(Fill::price)
                .containsExactly(new BigDecimal("250.00"), new BigDecimal("245.00"));
        assertThat(s.position().realizedPnl()).isEqualByComparingTo("-50.00");
        assertThat(s.changes(takeOf(s))).last().satisfies(c -> {
            assertThat(c.to()).isEqualTo(OrderStatus.CANCELLED);
            assertThat(c.reason()).startsWith("stop_and_take_in_same_bar: stop_loss wins");
        });
    }

    @Test
    void stopLoss_whenBarGapsThroughIt_thenFillsAtTheWorseOpenWithSlippage() {
        Scenario s = entered(new Scenario(Scenario.PLAIN.withTicks(0, 1)), "e1", BUY, 1, "245.00", null);
        s.bar("240.00", "241.00", "239.00", "240.50");

        // entry 250.00 + 1 tick = 250.01 (2500.10 * 0.0005 = 1.25005 -> 1.25)
        // stop min(open 240.00, 245.00) - 1 tick = 239.99 (2399.90 * 0.0005 = 1.19995 -> 1.20)
        // realized (239.99 - 250.01) * 10 = -100.20; cash 1,000,000.00 - 2500.10 - 1.25 + 2399.90 - 1.20 = 999,897.35
        assertThat(s.fills()).extracting(Fill::price)
                .containsExactly(new BigDecimal("250.01"), new BigDecimal("239.99"));
        assertThat(s.position().realizedPnl()).isEqualByComparingTo("-100.20");
        assertThat(s.account.cash()).isEqualByComparingTo("999897.35");
    }

    @Test
    void protectiveOrders_whenTheEntryBarAlreadyTouchesTheStop_thenEnforcedOnlyFromTheNextBar() {
        Scenario s = Scenario.plain();
        s.submit(protect(market("e1", BUY, 1), "245.00", null));
        s.bar("250.00", "250.40", "244.00", "249.00");

        assertThat(s.fills()).hasSize(1);
        assertThat(s.status(stopOf(s))).isEqualTo(OrderStatus.SUBMITTED);
        s.bar("249.00", "249.50", "244.90", "245.10");
        assertThat(s.fills()).extracting(Fill::price).last().isEqualTo(new BigDecimal("245.00"));
    }

    @Test
    void closeOrder_whenItFlattensThePosition_thenRemainingProtectiveOrdersAreCancelled() {
        Scenario s = entered(Scenario.plain(), "e1", BUY, 2, "245.00", "260.00");
        s.submit(market("c1", SELL, 2));
        s.bar("251.00", "251.50", "250.50", "251.20");

        // close 20 at 251.00: realized (251.00 - 250.00) * 20 = 20.00; both legs cancelled, nothing left working
        assertThat(s.position().quantity()).isZero();
        assertThat(s.position().realizedPnl()).isEqualByComparingTo("20.00");
        assertThat(s.changes(stopOf(s))).last().extracting(ExchangeEvent.StatusChanged::reason).asString()
                .startsWith("position_closed: quantity=0, by=c1");
        assertThat(s.status(takeOf(s))).isEqualTo(OrderStatus.CANCELLED);
        assertThat(s.exchange.activeOrders()).isEmpty();
    }

    @Test
    void reverse_whenCloseAndOppositeEntryFillOnOneBar_thenOldLegsCancelledAndNewShortProtected() {
        Scenario s = entered(Scenario.plain(), "e1", BUY, 2, "245.00", "260.00");
        s.submit(market("c2", SELL, 2));
        s.submit(protect(market("e2", SELL, 3), "256.00", "240.00"));
        s.bar("252.00", "252.50", "251.50", "252.20");

        // close 20 at 252.00: realized (252.00 - 250.00) * 20 = 40.00; then short 30 at 252.00
        // commissions 2.50 (5000.00) + 2.52 (5040.00) + 3.78 (7560.00 * 0.0005)
        // cash 1,000,000.00 - 5000.00 - 2.50 + 5040.00 - 2.52 + 7560.00 - 3.78 = 1,007,591.20
        assertThat(s.position().quantity()).isEqualTo(-30);
        assertThat(s.position().averagePrice()).isEqualByComparingTo("252.00");
        assertThat(s.position().realizedPnl()).isEqualByComparingTo("40.00");
        assertThat(s.account.cash()).isEqualByComparingTo("1007591.20");
        assertThat(s.exchange.activeOrders()).hasSize(2).allSatisfy(o -> {
            assertThat(o.side()).isEqualTo(BUY);
            assertThat(o.lots()).isEqualTo(3);
        });
        assertThat(s.exchange.activeOrders()).extracting(Order::price)
                .containsExactly(new BigDecimal("256.00"), new BigDecimal("240.00"));
    }

    @Test
    void reverse_whenOneOrderGoesThroughZero_thenOldLegsCancelledAndOnlyTheNewSideIsProtected() {
        Scenario s = entered(Scenario.plain(), "e1", BUY, 2, "245.00", "260.00");
        s.submit(protect(market("e2", SELL, 5), "256.00", null));
        s.bar("252.00", "252.50", "251.50", "252.20");

        // sell 50 at 252.00 against long 20 at 250.00: realized 40.00, short 30 opened at 252.00
        assertThat(s.position().quantity()).isEqualTo(-30);
        assertThat(s.position().averagePrice()).isEqualByComparingTo("252.00");
        assertThat(s.position().realizedPnl()).isEqualByComparingTo("40.00");
        assertThat(s.changes(stopOf(s))).last().extracting(ExchangeEvent.StatusChanged::reason).asString()
                .startsWith("position_reversed");
        assertThat(s.exchange.activeOrders()).singleElement().satisfies(o -> {
            assertThat(o.side()).isEqualTo(BUY);
            assertThat(o.lots()).isEqualTo(3);
            assertThat(o.price()).isEqualByComparingTo("256.00");
        });
    }

    @Test
    void stopLoss_whenPositionWasPartlyClosed_thenSellsOnlyWhatIsLeft() {
        Scenario s = entered(Scenario.plain(), "e1", BUY, 3, "245.00", null);
        s.submit(market("c1", SELL, 1));
        s.bar("250.00", "250.50", "249.50", "250.00");
        s.bar("246.00", "246.00", "244.00", "244.50");

        // the stop was for 3 lots but only 2 are held: it sells 20 and the rest of it is cancelled, nothing goes short
        assertThat(s.fills()).extracting(Fill::lots).containsExactly(3L, 1L, 2L);
        assertThat(s.position().quantity()).isZero();
        assertThat(s.path(stopOf(s))).containsExactly(OrderStatus.SUBMITTED, OrderStatus.PARTIALLY_FILLED,
                OrderStatus.CANCELLED);
    }
}
