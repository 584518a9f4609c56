package dev.strela.execution.rules;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;

import org.junit.jupiter.api.Test;

/** risk_sizing.drl: lots from risk_per_trade, equity and the stop distance; size_too_small; no account. */
@RuleFileTest("risk_sizing.drl")
class RiskSizingRulesTest {

    @Test
    void openLong_whenRiskCoversExactlyOneLot_thenOneLot() {
        // 0.02 * 5,000 = 100 = |100 - 90| * 10: exactly one lot.
        Case.openLong().set(c -> c.equity = new BigDecimal("5000")).decide().orders(1)
                .fired("risk_sizing");
    }

    @Test
    void openLong_whenRiskOneKopeckShortOfOneLot_thenRefusedSizeTooSmall() {
        // 0.02 * 4,999.50 = 99.99 < 100 per lot: floors to 0.
        Case.openLong().set(c -> c.equity = new BigDecimal("4999.50")).decide()
                .refused("size_too_small").fired("risk_sizing", "size_too_small");
    }

    @Test
    void openLong_whenRiskJustUnderTwoLots_thenFloorsToOne() {
        Case.openLong().set(c -> c.equity = new BigDecimal("9999.50")).decide().orders(1);
        Case.openLong().set(c -> c.equity = new BigDecimal("10000")).decide().orders(2);
    }

    @Test
    void openLong_whenHalfTheRiskAsked_thenHalfTheLots() {
        Case.Result result = Case.openLong().set(c -> c.sizeValue = new BigDecimal("0.5")).decide().orders(100);
        assertThat(result.decision().getMaxLossMoney()).isEqualByComparingTo("10000");
    }

    @Test
    void openLong_whenRowRiskIsOnePercent_thenHalfTheLots() {
        Case.openLong().set(c -> c.risk = new BigDecimal("0.01")).decide().orders(100);
    }

    @Test
    void openLong_whenRunHasNoAccount_thenRefusedAccountUnavailable() {
        Case.openLong().set(c -> c.account = false).decide()
                .refused("account_unavailable").fired("account_unavailable");
    }

    @Test
    void reverse_whenNewSideTooSmall_thenStillCloses() {
        Case.openLong().set(c -> { c.type = "REVERSE"; c.direction = "SHORT"; c.stop = new BigDecimal("110.00");
                    c.equity = new BigDecimal("4999.50"); c.currentLots = 5; c.openForStrategy = 1; })
                .decide().orders(0).closes(5).fired("close_position", "risk_sizing", "size_too_small");
    }
}
