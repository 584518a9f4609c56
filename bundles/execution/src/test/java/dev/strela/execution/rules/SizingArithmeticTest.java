package dev.strela.execution.rules;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;

import org.junit.jupiter.api.Test;

/**
 * The sizing formula of the shipped rules against examples worked by hand, with real MOEX instruments. Equity
 * 1,000,000 RUB and risk 0.02 give max_loss_money = 20,000 in every case.
 */
class SizingArithmeticTest {

    @Test
    void sber_lot10_tick001() {
        // |270.39 - 262.28| = 8.11; 20,000 / (8.11 * 10) = 246.61 -> 246 lots (2,460 shares).
        // risk_span = 8.11 / 270.39 = 0.02999371...; size_money = 20,000 / risk_span = 666,806.41.
        // cash: 246 * 270.39 * 10 = 665,159.40 <= 1,000,000: not reduced.
        Case.Result r = Case.openLong().set(c -> { c.entry = new BigDecimal("270.39"); c.stop = new BigDecimal("262.28"); })
                .decide().orders(246);
        assertThat(r.decision().getMaxLossMoney()).isEqualByComparingTo("20000");
        assertThat(r.decision().getRiskSpan()).isEqualByComparingTo("0.02999371278523614");
        assertThat(r.decision().getSizeMoney()).isEqualByComparingTo("666806.41");
    }

    @Test
    void vtbr_lot10000_tick0000005() {
        // |0.024850 - 0.024100| = 0.000750; one lot risks 0.00075 * 10,000 = 7.50; 20,000 / 7.5 = 2,666.67 -> 2,666 lots.
        // cash: 2,666 * 0.02485 * 10,000 = 662,501.00 <= 1,000,000: not reduced; one lot more is still covered,
        // so the floor above, not cash, is what stops at 2,666.
        Case.openLong().set(c -> { c.lot = 10000; c.tick = new BigDecimal("0.000005");
                    c.entry = new BigDecimal("0.024850"); c.stop = new BigDecimal("0.024100"); })
                .decide().orders(2666);
    }

    @Test
    void siFutures_lot1_tick1_shortReducedByCash() {
        // Si (USD/RUB future, 1 point = 1 RUB): short at 101,500 with stop 103,000: 20,000 / 1,500 = 13.33 -> 13.
        // cash: 13 * 101,500 = 1,319,500 > 1,000,000 free -> reduced to floor(1,000,000 / 101,500) = 9 contracts.
        Case.openLong().set(c -> { c.direction = "SHORT"; c.lot = 1; c.tick = BigDecimal.ONE;
                    c.entry = new BigDecimal("101500"); c.stop = new BigDecimal("103000"); })
                .decide().orders(9).fired("risk_sizing", "insufficient_cash");
        Case.openLong().set(c -> { c.direction = "SHORT"; c.lot = 1; c.tick = BigDecimal.ONE;
                    c.freeCash = new BigDecimal("2000000");
                    c.entry = new BigDecimal("101500"); c.stop = new BigDecimal("103000"); })
                .decide().orders(13);
    }
}
