package dev.strela.execution.rules;

import java.math.BigDecimal;

import org.junit.jupiter.api.Test;

/** trading_controls.drl: stop-trading and safe mode. */
@RuleFileTest("trading_controls.drl")
class TradingControlsRulesTest {

    @Test
    void openLong_whenNoControls_thenOrdered() {
        Case.openLong().decide().orders(200).fired("risk_sizing");
    }

    @Test
    void openLong_whenStopTrading_thenNotSent() {
        Case.openLong().set(c -> c.stopTrading = true).decide()
                .notSent("trading_disabled_by_control").fired("trading_disabled_by_control");
    }

    @Test
    void close_whenStopTrading_thenNotSentEither() {
        Case.openLong().set(c -> { c.stopTrading = true; c.type = "CLOSE"; c.direction = "FLAT"; c.currentLots = 4; })
                .decide().notSent("trading_disabled_by_control").fired("trading_disabled_by_control");
    }

    @Test
    void openLong_whenSafeMode_thenRefusedNewPositionsDisabled() {
        Case.openLong().set(c -> c.safeMode = true).decide()
                .refused("new_positions_disabled_by_control").fired("new_positions_disabled_by_control");
    }

    @Test
    void add_whenSafeMode_thenRefusedNewPositionsDisabled() {
        Case.openLong().set(c -> { c.safeMode = true; c.type = "ADD"; c.currentLots = 5; c.openForStrategy = 1; })
                .decide().refused("new_positions_disabled_by_control").fired("new_positions_disabled_by_control");
    }

    @Test
    void close_whenSafeMode_thenClosesTheWholePosition() {
        Case.openLong().set(c -> { c.safeMode = true; c.type = "CLOSE"; c.direction = "FLAT"; c.stop = null; c.currentLots = 4; })
                .decide().orders(0).closes(4).fired("close_position");
    }

    @Test
    void reverse_whenSafeMode_thenOnlyTheClosingLegGoes() {
        Case.openLong().set(c -> { c.safeMode = true; c.type = "REVERSE"; c.direction = "SHORT";
                    c.stop = new BigDecimal("110.00"); c.currentLots = 5; c.openForStrategy = 1; c.totalOpen = 1; })
                .decide().orders(0).closes(5).fired("close_position", "new_positions_disabled_by_control");
    }

    @Test
    void reverseFromFlat_whenSafeMode_thenRefusedNewPositionsDisabled() {
        Case.openLong().set(c -> { c.safeMode = true; c.type = "REVERSE"; c.direction = "SHORT";
                    c.stop = new BigDecimal("110.00"); })
                .decide().refused("new_positions_disabled_by_control").fired("new_positions_disabled_by_control");
    }
}
