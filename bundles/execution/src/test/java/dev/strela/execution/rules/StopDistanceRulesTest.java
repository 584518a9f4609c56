package dev.strela.execution.rules;

import java.math.BigDecimal;

import org.junit.jupiter.api.Test;

/** stop_distance.drl: too_wide_stop (risk_span above the row's maximum), invalid_stop. */
@RuleFileTest("stop_distance.drl")
class StopDistanceRulesTest {

    @Test
    void openLong_whenStopExactlyTwentyPercentAway_thenOrdered() {
        // |100 - 80| = 20 = 0.2 * 100: allowed. 20,000 / (20 * 10) = 100 lots; cash 100 * 100 * 10 = 100,000.
        Case.openLong().set(c -> c.stop = new BigDecimal("80.00")).decide()
                .orders(100).fired("risk_sizing");
    }

    @Test
    void openLong_whenStopOneTickFartherThanTwentyPercent_thenRefusedTooWideStop() {
        Case.openLong().set(c -> c.stop = new BigDecimal("79.99")).decide()
                .refused("too_wide_stop").fired("too_wide_stop");
    }

    @Test
    void openShort_whenStopExactlyTwentyPercentAway_thenOrdered() {
        Case.openLong().set(c -> { c.direction = "SHORT"; c.stop = new BigDecimal("120.00"); }).decide()
                .orders(100).fired("risk_sizing");
    }

    @Test
    void openShort_whenStopOneTickFarther_thenRefusedTooWideStop() {
        Case.openLong().set(c -> { c.direction = "SHORT"; c.stop = new BigDecimal("120.01"); }).decide()
                .refused("too_wide_stop").fired("too_wide_stop");
    }

    @Test
    void openLong_whenRowAllowsTenPercent_thenStopElevenPercentAwayRefused() {
        Case.openLong().set(c -> { c.maxStop = new BigDecimal("0.1"); c.stop = new BigDecimal("89.99"); }).decide()
                .refused("too_wide_stop");
        Case.openLong().set(c -> { c.maxStop = new BigDecimal("0.1"); c.stop = new BigDecimal("90.00"); }).decide()
                .orders(200);
    }

    @Test
    void openLong_whenStopAboveEntry_thenRefusedInvalidStop() {
        Case.openLong().set(c -> c.stop = new BigDecimal("100.01")).decide().refused("invalid_stop").fired("invalid_stop");
        Case.openLong().set(c -> c.stop = new BigDecimal("100.00")).decide().refused("invalid_stop");
    }

    @Test
    void openLong_whenNoStop_thenRefusedTooWideStop() {
        Case.openLong().set(c -> c.stop = null).decide().refused("too_wide_stop").fired("too_wide_stop");
    }
}
