package dev.strela.execution.rules;

import java.math.BigDecimal;

import org.junit.jupiter.api.Test;

/** position_limits.drl: MAX_TOTAL_POSITIONS and max_positions_per_strategy. */
@RuleFileTest("position_limits.drl")
class PositionLimitsRulesTest {

    @Test
    void openLong_whenTotalOneBelowLimit_thenOrdered() {
        Case.openLong().set(c -> c.totalOpen = 9).decide().orders(200).fired("risk_sizing");
    }

    @Test
    void openLong_whenTotalAtLimit_thenRefusedMaxTotalPositions() {
        Case.openLong().set(c -> c.totalOpen = 10).decide()
                .refused("max_total_positions_reached").fired("risk_sizing", "max_total_positions_reached");
    }

    @Test
    void openLong_whenStrategyOneBelowItsLimit_thenOrdered() {
        Case.openLong().set(c -> { c.maxPerStrategy = 3; c.openForStrategy = 2; c.totalOpen = 2; }).decide().orders(200);
    }

    @Test
    void openLong_whenStrategyAtItsLimit_thenRefusedMaxPositionsPerStrategy() {
        Case.openLong().set(c -> { c.maxPerStrategy = 3; c.openForStrategy = 3; c.totalOpen = 3; }).decide()
                .refused("max_positions_per_strategy_reached")
                .fired("risk_sizing", "max_positions_per_strategy_reached");
    }

    @Test
    void add_whenStrategyAtItsLimit_thenRefusedLikeAnEntry() {
        Case.openLong().set(c -> { c.type = "ADD"; c.currentLots = 5; c.openForStrategy = 1; c.totalOpen = 1; }).decide()
                .refused("max_positions_per_strategy_reached");
    }

    @Test
    void reverse_whenRunAtTotalLimit_thenTheFreedSlotIsReused() {
        Case.openLong().set(c -> { c.type = "REVERSE"; c.direction = "SHORT"; c.stop = new BigDecimal("110.00");
                    c.currentLots = 5; c.openForStrategy = 1; c.totalOpen = 10; })
                .decide().orders(200).closes(5);
    }

    @Test
    void reverse_whenRunAboveTotalLimit_thenOnlyCloses() {
        Case.openLong().set(c -> { c.type = "REVERSE"; c.direction = "SHORT"; c.stop = new BigDecimal("110.00");
                    c.currentLots = 5; c.openForStrategy = 1; c.totalOpen = 11; })
                .decide().orders(0).closes(5)
                .fired("close_position", "risk_sizing", "max_total_positions_reached");
    }
}
