package dev.strela.brokerfake.internal;

import static dev.strela.api.model.OrderSide.BUY;
import static dev.strela.api.model.OrderSide.SELL;
import static dev.strela.brokerfake.internal.Scenario.limit;
import static dev.strela.brokerfake.internal.Scenario.market;
import static dev.strela.brokerfake.internal.Scenario.order;
import static dev.strela.brokerfake.internal.Scenario.protect;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.strela.api.model.Bar;
import dev.strela.api.model.Order;
import dev.strela.api.model.OrderStatus;
import dev.strela.api.model.OrderType;
import dev.strela.api.model.Timeframe;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class OrderLifecycleTest {

    private final Scenario s = Scenario.plain();

    @Test
    void moveTo_whenTransitionIsNotInTheTable_thenRefusedAndNothingRecorded() {
        WorkingOrder filled = new WorkingOrder(market("b1", BUY, 1).withStatus(OrderStatus.FILLED), OrderRole.REGULAR,
                Scenario.SBER, null, 0);
        List<ExchangeEvent> out = new ArrayList<>();

        assertThatThrownBy(() -> filled.moveTo(OrderStatus.CANCELLED, "test", out))
                .isInstanceOf(IllegalStateException.class)
                .hasMessage("order_transition_refused: client_order_id=b1, from=FILLED, to=CANCELLED");
        assertThat(out).isEmpty();
        assertThat(filled.status()).isEqualTo(OrderStatus.FILLED);
    }

    @Test
    void moveTo_whenEveryPairOfStatusesIsTried_thenExactlyTheTablesTransitionsPass() {
        for (OrderStatus from : OrderStatus.values()) {
            for (OrderStatus to : OrderStatus.values()) {
                WorkingOrder o = new WorkingOrder(market("x", BUY, 1).withStatus(from), OrderRole.REGULAR,
                        Scenario.SBER, null, 0);
                boolean passed;
                try {
                    o.moveTo(to, "test", new ArrayList<>());
                    passed = true;
                } catch (IllegalStateException e) {
                    passed = false;
                }
                assertThat(passed).as(from + " -> " + to).isEqualTo(from.canTransitionTo(to));
            }
        }
    }

    @Test
    void submit_whenOrderIsAlreadyFilled_thenTransitionRefused() {
        assertThatThrownBy(() -> s.submit(market("b1", BUY, 1).withStatus(OrderStatus.FILLED)))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageStartingWith("order_transition_refused: client_order_id=b1, from=FILLED, to=SUBMITTED");
        assertThat(s.exchange.order("b1")).isEmpty();
    }

    @Test
    void submit_whenSameClientOrderIdArrivesTwice_thenSecondIsIgnored() {
        s.submit(market("b1", BUY, 1));
        assertThat(s.submit(market("b1", BUY, 1))).isEmpty();
        s.bar("250.00", "250.50", "249.50", "250.20");
        assertThat(s.fills()).hasSize(1);
    }

    @Test
    void submit_whenAccepted_thenSubmittedWithOurIdAsBrokerId() {
        List<ExchangeEvent> events = s.submit(market("b1", BUY, 1));

        assertThat(events).containsExactly(new ExchangeEvent.StatusChanged("b1", OrderStatus.NEW,
                OrderStatus.SUBMITTED, 0, "accepted"));
        assertThat(s.exchange.order("b1").orElseThrow().brokerOrderId()).isEqualTo("b1");
    }

    @Test
    void submit_whenInstrumentUnknown_thenRejected() {
        Order gazp = new Order(0, "g1", 1, 0, "GAZP", BUY, OrderType.MARKET, 1, null, null, null, OrderStatus.NEW,
                null, Scenario.T0);
        assertThat(s.submit(gazp)).singleElement().isEqualTo(new ExchangeEvent.StatusChanged("g1", OrderStatus.NEW,
                OrderStatus.REJECTED, 0, "unknown_instrument: instrument_id=GAZP"));
    }

    @Test
    void submit_whenPriceOrStopOffTheTick_thenRejectedNamingTheField() {
        s.submit(limit("b1", BUY, 1, "249.505"));
        s.submit(protect(market("b2", BUY, 1), "245.001", null));

        assertThat(s.changes("b1")).singleElement().extracting(ExchangeEvent.StatusChanged::reason)
                .isEqualTo("price_off_tick: field=price, value=249.505, tick=0.01");
        assertThat(s.changes("b2")).singleElement().extracting(ExchangeEvent.StatusChanged::reason)
                .isEqualTo("price_off_tick: field=stop_loss, value=245.001, tick=0.01");
        assertThat(s.status("b2")).isEqualTo(OrderStatus.REJECTED);
    }

    @Test
    void submit_whenBuyCostsOneKopeckMoreThanFreeCash_thenRejected() {
        // 1,000,000.00 of cash: 39 lots (390 shares) at 2560.00 cost 998,400.00 + 0.05% = 998,899.20 and pass;
        // 1 more lot costs 25,600.00 * 1.0005 = 25,612.80 > 1,000,000.00 - 998,899.20 = 1,100.80
        s.submit(limit("b1", BUY, 39, "2560.00"));
        s.submit(limit("b2", BUY, 1, "2560.00"));

        assertThat(s.status("b1")).isEqualTo(OrderStatus.SUBMITTED);
        assertThat(s.exchange.freeCash()).isEqualByComparingTo("1100.80");
        assertThat(s.changes("b2")).singleElement().extracting(ExchangeEvent.StatusChanged::reason)
                .isEqualTo("insufficient_cash: needed=25612.80, free=1100.80");
    }

    @Test
    void submit_whenBuyCoversAShort_thenNoCashNeededButABuyBeyondItIsChecked() {
        Scenario poor = new Scenario(Scenario.PLAIN, new BigDecimal("0.00"));
        poor.submit(limit("s1", SELL, 100, "2560.00"));
        poor.bar("2560.00", "2561.00", "2559.00", "2560.00");
        poor.bar("3000.00", "3001.00", "2999.00", "3000.00");

        // cash 2,560,000.00 - 1,280.00 = 2,558,720.00; covering 100 lots costs about 3,001,500.00 but must pass;
        // another 100 lots cover nothing (c1 already covers the short) and cost 3,001,500.00: refused
        poor.submit(market("c1", BUY, 100));
        poor.submit(market("b2", BUY, 100));

        assertThat(poor.status("c1")).isEqualTo(OrderStatus.SUBMITTED);
        assertThat(poor.changes("b2")).singleElement().extracting(ExchangeEvent.StatusChanged::reason)
                .isEqualTo("insufficient_cash: needed=3001500.00, free=2558720.00");
    }

    @Test
    void cancel_whenWorking_thenCancelledAndLaterBarsIgnoreIt() {
        s.submit(limit("b1", BUY, 1, "249.50"));
        assertThat(s.exchange.cancel("b1")).singleElement().isEqualTo(new ExchangeEvent.StatusChanged("b1",
                OrderStatus.SUBMITTED, OrderStatus.CANCELLED, 0, "cancelled_on_request"));
        s.bar("249.00", "249.50", "248.00", "249.00");
        assertThat(s.fills()).isEmpty();
    }

    @Test
    void cancel_whenAlreadyFilled_thenNothingHappens() {
        s.submit(market("b1", BUY, 1));
        s.bar("250.00", "250.50", "249.50", "250.20");
        assertThat(s.exchange.cancel("b1")).isEmpty();
        assertThat(s.status("b1")).isEqualTo(OrderStatus.FILLED);
    }

    @Test
    void cancel_whenIdUnknown_thenRefused() {
        assertThatThrownBy(() -> s.exchange.cancel("nope")).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("unknown_order: client_order_id=nope");
    }

    @Test
    void onBar_whenBarIsNotNewerThanTheLast_thenRefused() {
        s.bar("250.00", "250.50", "249.50", "250.20");
        Bar same = new Bar("SBER", Timeframe.M1, Scenario.T0, BigDecimal.ONE, BigDecimal.ONE, BigDecimal.ONE,
                BigDecimal.ONE, 1);
        assertThatThrownBy(() -> s.exchange.onBar(same)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("bar_out_of_order: instrument_id=SBER");
    }

    @Test
    void onBar_whenBarIsNotOneMinute_thenRefused() {
        Bar fiveMinutes = new Bar("SBER", Timeframe.M5, Scenario.T0, BigDecimal.ONE, BigDecimal.ONE, BigDecimal.ONE,
                BigDecimal.ONE, 1);
        assertThatThrownBy(() -> s.exchange.onBar(fiveMinutes)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("bar_not_1m: instrument_id=SBER, timeframe=5m");
    }

    @Test
    void order_whenStopEntryFills_thenRecordsCarryNothingButTheTableStatuses() {
        s.submit(order("e1", SELL, OrderType.STOP, 2, "249.00", "252.00", null));
        s.bar("249.50", "249.60", "248.80", "248.90");

        assertThat(s.path("e1")).containsExactly(OrderStatus.SUBMITTED, OrderStatus.FILLED);
        s.created().forEach(c -> assertThat(s.path(c.clientOrderId())).containsExactly(OrderStatus.SUBMITTED));
    }
}
