package dev.strela.brokerfake.internal;

import static dev.strela.api.model.OrderSide.BUY;
import static dev.strela.api.model.OrderSide.SELL;
import static dev.strela.brokerfake.internal.Scenario.limit;
import static dev.strela.brokerfake.internal.Scenario.stop;
import static org.assertj.core.api.Assertions.assertThat;

import dev.strela.api.model.Fill;
import dev.strela.api.model.OrderStatus;
import java.math.BigDecimal;
import org.junit.jupiter.api.Test;

/** LIMIT and STOP entries; every scenario runs with one tick of spread to show who pays it. */
class RestingEntryTest {

    private final Scenario s = new Scenario(Scenario.PLAIN.withTicks(1, 0));

    @Test
    void limitBuy_whenLowTouchesLimit_thenFillsAtLimitWithoutSpread() {
        s.submit(limit("b1", BUY, 2, "249.50"));
        s.bar("250.00", "250.20", "249.50", "249.80");

        // min(open 250.00, limit 249.50) = 249.50, a limit pays no spread; 20 shares; notional 4990.00
        // commission 4990.00 * 0.0005 = 2.495 -> 2.50; cash 1,000,000.00 - 4990.00 - 2.50 = 995,007.50
        Fill fill = s.fills().get(0);
        assertThat(fill.price()).isEqualByComparingTo("249.50");
        assertThat(fill.commission()).isEqualByComparingTo("2.50");
        assertThat(fill.time()).isEqualTo(Scenario.openTime(1));
        assertThat(s.account.cash()).isEqualByComparingTo("995007.50");
        assertThat(s.status("b1")).isEqualTo(OrderStatus.FILLED);
    }

    @Test
    void limitBuy_whenLowStaysOneTickAbove_thenNoFillAndStillWorking() {
        s.submit(limit("b1", BUY, 2, "249.50"));
        assertThat(s.bar("250.00", "250.20", "249.51", "249.80")).isEmpty();

        assertThat(s.status("b1")).isEqualTo(OrderStatus.SUBMITTED);
        assertThat(s.account.cash()).isEqualByComparingTo("1000000.00");
    }

    @Test
    void limitBuy_whenBarGapsBelowLimit_thenFillsAtTheBetterOpen() {
        s.submit(limit("b1", BUY, 1, "249.50"));
        s.bar("249.00", "249.60", "248.50", "249.20");

        // min(open 249.00, limit 249.50) = 249.00: the buyer gets the gap
        assertThat(s.fills()).extracting(Fill::price).containsExactly(new BigDecimal("249.00"));
    }

    @Test
    void limitSell_whenHighTouchesLimit_thenFillsAtLimit() {
        s.submit(limit("s1", SELL, 1, "251.00"));
        s.bar("250.00", "251.00", "249.90", "250.80");

        // max(open 250.00, limit 251.00) = 251.00; short 10 shares at 251.00
        assertThat(s.fills()).extracting(Fill::price).containsExactly(new BigDecimal("251.00"));
        assertThat(s.position().quantity()).isEqualTo(-10);
    }

    @Test
    void limitSell_whenHighStaysOneTickBelow_thenNoFill() {
        s.submit(limit("s1", SELL, 1, "251.00"));
        assertThat(s.bar("250.00", "250.99", "249.90", "250.80")).isEmpty();
    }

    @Test
    void limitSell_whenBarGapsAboveLimit_thenFillsAtTheBetterOpen() {
        s.submit(limit("s1", SELL, 1, "251.00"));
        s.bar("252.00", "252.50", "251.50", "252.10");

        assertThat(s.fills()).extracting(Fill::price).containsExactly(new BigDecimal("252.00"));
    }

    @Test
    void stopBuy_whenHighReachesTrigger_thenFillsAtTriggerPlusSpread() {
        s.submit(stop("b1", BUY, 1, "251.00"));
        s.bar("250.50", "251.30", "250.40", "251.20");

        // max(open 250.50, trigger 251.00) + 1 tick = 251.01; 10 shares; notional 2510.10
        // commission 1.25505 -> 1.26; cash 1,000,000.00 - 2510.10 - 1.26 = 997,488.64
        Fill fill = s.fills().get(0);
        assertThat(fill.price()).isEqualByComparingTo("251.01");
        assertThat(fill.commission()).isEqualByComparingTo("1.26");
        assertThat(s.account.cash()).isEqualByComparingTo("997488.64");
    }

    @Test
    void stopBuy_whenHighStaysOneTickBelow_thenNotTriggered() {
        s.submit(stop("b1", BUY, 1, "251.00"));
        assertThat(s.bar("250.50", "250.99", "250.40", "250.90")).isEmpty();
        assertThat(s.status("b1")).isEqualTo(OrderStatus.SUBMITTED);
    }

    @Test
    void stopBuy_whenBarGapsAboveTrigger_thenFillsAtTheWorseOpen() {
        s.submit(stop("b1", BUY, 1, "251.00"));
        s.bar("252.00", "252.40", "251.80", "252.30");

        // max(open 252.00, trigger 251.00) + 1 tick = 252.01
        assertThat(s.fills()).extracting(Fill::price).containsExactly(new BigDecimal("252.01"));
    }

    @Test
    void stopSell_whenLowReachesTrigger_thenFillsAtTriggerMinusSpread() {
        s.submit(stop("s1", SELL, 1, "249.00"));
        s.bar("249.50", "249.60", "248.80", "248.90");

        // min(open 249.50, trigger 249.00) - 1 tick = 248.99; short 10 at 248.99
        // commission 2489.90 * 0.0005 = 1.24495 -> 1.24; cash 1,000,000.00 + 2489.90 - 1.24 = 1,002,488.66
        assertThat(s.fills()).extracting(Fill::price).containsExactly(new BigDecimal("248.99"));
        assertThat(s.account.cash()).isEqualByComparingTo("1002488.66");
        assertThat(s.position().quantity()).isEqualTo(-10);
    }

    @Test
    void stopSell_whenBarGapsBelowTrigger_thenFillsAtTheWorseOpen() {
        s.submit(stop("s1", SELL, 1, "249.00"));
        s.bar("248.00", "248.30", "247.50", "247.90");

        // min(open 248.00, trigger 249.00) - 1 tick = 247.99
        assertThat(s.fills()).extracting(Fill::price).containsExactly(new BigDecimal("247.99"));
    }

    @Test
    void restingEntry_whenSubmittedAfterABar_thenThatBarDoesNotFillIt() {
        s.bar("250.00", "251.00", "249.00", "250.50");
        s.submit(limit("b1", BUY, 1, "249.50"));

        assertThat(s.fills()).isEmpty();
        s.bar("250.00", "250.20", "249.40", "249.80");
        assertThat(s.fills()).hasSize(1);
    }
}
