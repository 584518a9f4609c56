package dev.strela.execution.rules;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;

import org.junit.jupiter.api.Test;

/** cash.drl: free cash covers the entry, or the entry is reduced or refused. 200 lots at 100.00 x 10 need 200,000. */
@RuleFileTest("cash.drl")
class CashRulesTest {

    @Test
    void openLong_whenCashExactlyEnough_thenFullSize() {
        Case.openLong().set(c -> c.freeCash = new BigDecimal("200000.00")).decide().orders(200).fired("risk_sizing");
    }

    @Test
    void openLong_whenOneKopeckShort_thenReducedToWhatCashAllows() {
        Case.Result result = Case.openLong().set(c -> c.freeCash = new BigDecimal("199999.99")).decide()
                .orders(199).fired("risk_sizing", "insufficient_cash");
        assertThat(result.decision().getRequiredCash()).isEqualByComparingTo("199000");
    }

    @Test
    void openLong_whenOneKopeckShortAndReductionOff_thenRefusedInsufficientCash() {
        Case.openLong().set(c -> { c.freeCash = new BigDecimal("199999.99"); c.reduceOnCash = false; }).decide()
                .refused("insufficient_cash").fired("risk_sizing", "insufficient_cash");
    }

    @Test
    void openLong_whenCashExactlyEnoughAndReductionOff_thenFullSize() {
        Case.openLong().set(c -> { c.freeCash = new BigDecimal("200000.00"); c.reduceOnCash = false; }).decide().orders(200);
    }

    @Test
    void openLong_whenCashBuysExactlyOneLot_thenOneLot() {
        Case.openLong().set(c -> c.freeCash = new BigDecimal("1000.00")).decide().orders(1);
    }

    @Test
    void openLong_whenCashOneKopeckShortOfOneLot_thenRefusedInsufficientCash() {
        Case.openLong().set(c -> c.freeCash = new BigDecimal("999.99")).decide()
                .refused("insufficient_cash").fired("risk_sizing", "insufficient_cash");
    }

    @Test
    void openLong_whenSafetyCoefficientIsTenPercent_thenCashMustCoverItToo() {
        Case.openLong().set(c -> { c.cashCoeff = new BigDecimal("1.1"); c.freeCash = new BigDecimal("220000.00"); })
                .decide().orders(200);
        Case.openLong().set(c -> { c.cashCoeff = new BigDecimal("1.1"); c.freeCash = new BigDecimal("219999.99"); })
                .decide().orders(199);
    }
}
