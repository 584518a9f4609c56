package dev.strela.execution.rules;

import java.math.BigDecimal;

import org.junit.jupiter.api.Test;

/** signal_types.drl: what OPEN, CLOSE, REVERSE and ADD do with the strategy's position. */
@RuleFileTest("signal_types.drl")
class SignalTypesRulesTest {

    private static Case close(long currentLots) {
        return Case.openLong().set(c -> { c.type = "CLOSE"; c.direction = "FLAT"; c.stop = null; c.entryType = "MARKET";
            c.currentLots = currentLots; c.openForStrategy = currentLots != 0 ? 1 : 0; c.totalOpen = c.openForStrategy; });
    }

    @Test
    void close_whenLong_thenClosesAllLots() {
        close(7).decide().orders(0).closes(7).fired("close_position");
    }

    @Test
    void close_whenShort_thenClosesAllLots() {
        close(-3).decide().orders(0).closes(3).fired("close_position");
    }

    @Test
    void close_whenFlat_thenRefusedNoPositionToClose() {
        close(0).decide().refused("no_position_to_close").fired("no_position_to_close");
    }

    @Test
    void open_whenAlreadyHolding_thenRefusedPositionAlreadyOpen() {
        Case.openLong().set(c -> { c.currentLots = 3; c.openForStrategy = 1; }).decide()
                .refused("position_already_open").fired("position_already_open");
    }

    @Test
    void open_whenEntryOrderStillWorking_thenRefusedPositionAlreadyOpen() {
        Case.openLong().set(c -> { c.pendingLots = 2; c.openForStrategy = 1; }).decide()
                .refused("position_already_open").fired("position_already_open");
    }

    @Test
    void reverse_whenLong_thenClosesAndOpensShortSizedByRisk() {
        // short at 100 with stop 110: 20,000 / (10 * 10) = 200 lots; the closed slot is reused.
        Case.openLong().set(c -> { c.type = "REVERSE"; c.direction = "SHORT"; c.stop = new BigDecimal("110.00");
                    c.currentLots = 5; c.openForStrategy = 1; c.totalOpen = 10; })
                .decide().orders(200).closes(5).fired("close_position", "risk_sizing");
    }

    @Test
    void reverse_whenFlat_thenOpensOnly() {
        Case.openLong().set(c -> { c.type = "REVERSE"; c.direction = "SHORT"; c.stop = new BigDecimal("110.00"); })
                .decide().orders(200).closes(0).fired("risk_sizing");
    }

    @Test
    void reverse_whenAlreadyOnThatSide_thenRefusedPositionAlreadyOpen() {
        Case.openLong().set(c -> { c.type = "REVERSE"; c.currentLots = 5; c.openForStrategy = 1; })
                .decide().refused("position_already_open").fired("position_already_open");
    }

    @Test
    void add_whenLongAndRoomForAnotherPosition_thenSizedLikeAnEntry() {
        Case.openLong().set(c -> { c.type = "ADD"; c.currentLots = 5; c.openForStrategy = 1; c.maxPerStrategy = 2; })
                .decide().orders(200).closes(0).fired("risk_sizing");
    }

    @Test
    void add_whenFlat_thenRefusedNoPositionToAddTo() {
        Case.openLong().set(c -> c.type = "ADD").decide().refused("no_position_to_add_to").fired("no_position_to_add_to");
    }

    @Test
    void add_whenHoldingTheOtherSide_thenRefusedNoPositionToAddTo() {
        Case.openLong().set(c -> { c.type = "ADD"; c.currentLots = -5; c.openForStrategy = 1; c.maxPerStrategy = 2; })
                .decide().refused("no_position_to_add_to");
    }

    @Test
    void openAtMarket_whenBarPriceMissing_thenRefusedNoMarketPrice() {
        Case.openLong().set(c -> c.entry = null).decide()
                .refused("no_market_price_for_symbol").fired("no_market_price_for_symbol");
    }

    @Test
    void reverse_whenBarPriceMissing_thenStillCloses() {
        Case.openLong().set(c -> { c.type = "REVERSE"; c.direction = "SHORT"; c.entry = null;
                    c.stop = new BigDecimal("110.00"); c.currentLots = 5; c.openForStrategy = 1; })
                .decide().orders(0).closes(5).fired("close_position", "no_market_price_for_symbol");
    }
}
