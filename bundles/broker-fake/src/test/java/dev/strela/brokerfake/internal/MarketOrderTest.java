package dev.strela.brokerfake.internal;

import static dev.strela.api.model.OrderSide.BUY;
import static dev.strela.api.model.OrderSide.SELL;
import static dev.strela.brokerfake.internal.Scenario.market;
import static org.assertj.core.api.Assertions.assertThat;

import dev.strela.api.model.Fill;
import dev.strela.api.model.OrderStatus;
import dev.strela.brokerfake.internal.FillModelConfig.MarketFill;
import java.math.BigDecimal;
import java.util.List;
import org.junit.jupiter.api.Test;

class MarketOrderTest {

    @Test
    void marketBuy_whenNextBarOpens_thenFillsAtOpenPlusSpreadAndSlippage() {
        Scenario s = new Scenario(Scenario.PLAIN.withTicks(1, 2));
        s.bar("249.00", "249.50", "248.80", "249.40");
        s.submit(market("b1", BUY, 3));
        List<ExchangeEvent> events = s.bar("250.00", "251.00", "249.00", "250.50");

        // price 250.00 + (1 + 2) ticks * 0.01 = 250.03; 3 lots * 10 = 30 shares; notional 30 * 250.03 = 7500.90
        // commission 7500.90 * 0.0005 = 3.75045 -> 3.75; cash 1,000,000.00 - 7500.90 - 3.75 = 992,495.35
        Fill fill = Scenario.fills(events).get(0);
        assertThat(fill.price()).isEqualByComparingTo("250.03");
        assertThat(fill.lots()).isEqualTo(3);
        assertThat(fill.quantity()).isEqualTo(30);
        assertThat(fill.commission()).isEqualByComparingTo("3.75");
        assertThat(fill.time()).isEqualTo(Scenario.openTime(1));
        assertThat(fill.tradeId()).isEqualTo("b1:1");
        assertThat(s.account.cash()).isEqualByComparingTo("992495.35");
        assertThat(s.position().quantity()).isEqualTo(30);
        assertThat(s.position().averagePrice()).isEqualByComparingTo("250.03");
        assertThat(s.path("b1")).containsExactly(OrderStatus.SUBMITTED, OrderStatus.FILLED);
    }

    @Test
    void marketSell_whenNextBarOpens_thenFillsAtOpenMinusSpreadAndSlippageAndOpensShort() {
        Scenario s = new Scenario(Scenario.PLAIN.withTicks(1, 2));
        s.submit(market("s1", SELL, 2));
        s.bar("250.00", "251.00", "249.00", "250.50");

        // price 250.00 - 3 ticks = 249.97; 20 shares; notional 4999.40; commission 2.4997 -> 2.50
        // cash 1,000,000.00 + 4999.40 - 2.50 = 1,004,996.90; position -20 at 249.97
        Fill fill = s.fills().get(0);
        assertThat(fill.price()).isEqualByComparingTo("249.97");
        assertThat(fill.commission()).isEqualByComparingTo("2.50");
        assertThat(s.account.cash()).isEqualByComparingTo("1004996.90");
        assertThat(s.position().quantity()).isEqualTo(-20);
        assertThat(s.position().averagePrice()).isEqualByComparingTo("249.97");
    }

    @Test
    void marketSell_whenAGapUpFillTookCashBelowZero_thenTheClosingSellIsStillAcceptedAndFills() {
        // cash 2,500.00 buys 1 lot at the last close 249.40 (2,494.00 + 1.25 commission); the next open gaps to 251.00
        Scenario s = new Scenario(Scenario.PLAIN, new BigDecimal("2500.00"));
        s.bar("249.00", "249.50", "248.80", "249.40");
        s.submit(market("b1", BUY, 1));
        s.bar("251.00", "251.50", "250.50", "251.20");
        // filled at 251.00: 2,510.00 + 1.255 -> 1.26 commission; cash 2,500.00 - 2,511.26 = -11.26
        assertThat(s.account.cash()).isEqualByComparingTo("-11.26");

        s.submit(market("s1", SELL, 1));
        s.bar("252.00", "252.50", "251.50", "252.20");

        assertThat(s.path("s1")).containsExactly(OrderStatus.SUBMITTED, OrderStatus.FILLED);
        // 2,520.00 - 1.26 commission: cash -11.26 + 2,518.74 = 2,507.48, flat
        assertThat(s.account.cash()).isEqualByComparingTo("2507.48");
        assertThat(s.position().quantity()).isZero();
    }

    @Test
    void marketBuy_whenCashIsShort_thenRejectedForCash() {
        Scenario s = new Scenario(Scenario.PLAIN, new BigDecimal("2494.00"));
        s.bar("249.00", "249.50", "248.80", "249.40");

        s.submit(market("b1", BUY, 1));

        // 249.40 * 10 * 1.0005 = 2,495.247 > 2,494.00
        assertThat(s.path("b1")).containsExactly(OrderStatus.REJECTED);
    }

    @Test
    void marketOrder_whenSubmittedBeforeAnyBar_thenWaitsForTheNextOpenNotTheSubmissionBar() {
        Scenario s = Scenario.plain();
        s.bar("249.00", "249.50", "248.80", "249.40");
        assertThat(s.submit(market("b1", BUY, 1))).hasSize(1); // SUBMITTED only, nothing filled on submission

        s.bar("250.00", "251.00", "249.00", "250.50");

        assertThat(s.fills()).extracting(Fill::price).containsExactly(new BigDecimal("250.00"));
    }

    @Test
    void marketBuy_whenCurrentCloseConfigured_thenFillsOnSubmissionAtThatBarsClose() {
        Scenario s = new Scenario(Scenario.PLAIN.withMarketFill(MarketFill.CURRENT_CLOSE).withTicks(1, 0));
        s.bar("250.00", "251.00", "249.00", "250.50");
        List<ExchangeEvent> events = s.submit(market("b1", BUY, 1));

        // close 250.50 + 1 tick = 250.51; 10 shares; notional 2505.10; commission 1.25255 -> 1.25
        // cash 1,000,000.00 - 2505.10 - 1.25 = 997,493.65
        Fill fill = Scenario.fills(events).get(0);
        assertThat(fill.price()).isEqualByComparingTo("250.51");
        assertThat(fill.time()).isEqualTo(Scenario.openTime(1));
        assertThat(s.account.cash()).isEqualByComparingTo("997493.65");
        assertThat(s.path("b1")).containsExactly(OrderStatus.SUBMITTED, OrderStatus.FILLED);
    }

    @Test
    void marketSell_whenCurrentCloseConfiguredAndNoBarYet_thenFillsAtTheFirstBarsClose() {
        Scenario s = new Scenario(Scenario.PLAIN.withMarketFill(MarketFill.CURRENT_CLOSE).withTicks(0, 1));
        s.submit(market("s1", SELL, 1));
        s.bar("250.00", "251.00", "249.00", "250.50");

        // close 250.50 - 1 tick of slippage = 250.49, stamped at the bar's close
        assertThat(s.fills()).singleElement().satisfies(f -> {
            assertThat(f.price()).isEqualByComparingTo("250.49");
            assertThat(f.time()).isEqualTo(Scenario.openTime(1));
        });
    }

    @Test
    void commission_whenExactlyHalfAKopeck_thenRoundedUpAndBelowHalfRoundedDown() {
        Scenario s = Scenario.plain();
        s.submit(market("b1", BUY, 1));
        s.bar("245.00", "245.50", "244.00", "244.50");
        s.submit(market("s1", SELL, 1));
        s.bar("244.90", "245.00", "244.00", "244.50");

        // buy:  10 * 245.00 = 2450.00 * 0.0005 = 1.225  -> 1.23 (exactly half a kopeck: HALF_UP, not HALF_EVEN)
        // sell: 10 * 244.90 = 2449.00 * 0.0005 = 1.2245 -> 1.22
        // realized (244.90 - 245.00) * 10 = -1.00; cash 1,000,000.00 - 2450.00 - 1.23 + 2449.00 - 1.22 = 999,996.55
        assertThat(s.fills()).extracting(Fill::commission)
                .containsExactly(new BigDecimal("1.23"), new BigDecimal("1.22"));
        assertThat(s.position().realizedPnl()).isEqualByComparingTo("-1.00");
        assertThat(s.position().commission()).isEqualByComparingTo("2.45");
        assertThat(s.account.commissions()).isEqualByComparingTo("2.45");
        assertThat(s.account.cash()).isEqualByComparingTo("999996.55");
    }
}
