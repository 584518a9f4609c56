package dev.strela.api.protective;

import static dev.strela.api.model.OrderSide.BUY;
import static dev.strela.api.model.OrderSide.SELL;
import static dev.strela.api.protective.ProtectiveRole.STOP_LOSS;
import static dev.strela.api.protective.ProtectiveRole.TAKE_PROFIT;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.math.RoundingMode;

import org.junit.jupiter.api.Test;

class ProtectiveLegsTest {

    private static final BigDecimal TICK = new BigDecimal("0.01");

    @Test
    void childId_whenSameStepRepeated_thenSameIdAndEveryPartDistinguishes() {
        String id = ProtectiveLegs.childId("fake", "e1", STOP_LOSS, 2);

        assertThat(id).hasSize(36).isEqualTo(ProtectiveLegs.childId("fake", "e1", STOP_LOSS, 2));
        assertThat(id).isNotEqualTo(ProtectiveLegs.childId("tinkoff", "e1", STOP_LOSS, 2))
                .isNotEqualTo(ProtectiveLegs.childId("fake", "e2", STOP_LOSS, 2))
                .isNotEqualTo(ProtectiveLegs.childId("fake", "e1", TAKE_PROFIT, 2))
                .isNotEqualTo(ProtectiveLegs.childId("fake", "e1", STOP_LOSS, 3));
        assertThatThrownBy(() -> ProtectiveLegs.childId("fake", "e1", STOP_LOSS, 0)).hasMessageStartingWith("parentFilledLots");
    }

    @Test
    void protects_whenLegSideAgainstPosition_thenOnlyTheOppositeSide() {
        assertThat(ProtectiveLegs.protects(SELL, 10)).isTrue();
        assertThat(ProtectiveLegs.protects(SELL, 0)).isFalse();
        assertThat(ProtectiveLegs.protects(SELL, -10)).isFalse();
        assertThat(ProtectiveLegs.protects(BUY, -10)).isTrue();
        assertThat(ProtectiveLegs.protects(BUY, 0)).isFalse();
        assertThat(ProtectiveLegs.protects(BUY, 10)).isFalse();
    }

    @Test
    void lotsToProtect_whenFillAddsToTheSide_thenTheFilledLotsCappedByThePosition() {
        assertThat(ProtectiveLegs.lotsToProtect(BUY, 3, 30, 10)).isEqualTo(3);
        assertThat(ProtectiveLegs.lotsToProtect(BUY, 3, 50, 10)).as("added to a larger long").isEqualTo(3);
        assertThat(ProtectiveLegs.lotsToProtect(BUY, 5, 20, 10)).as("part of the fill covered a short").isEqualTo(2);
        assertThat(ProtectiveLegs.lotsToProtect(BUY, 5, -30, 10)).as("still short").isZero();
        assertThat(ProtectiveLegs.lotsToProtect(SELL, 4, -40, 10)).isEqualTo(4);
        assertThat(ProtectiveLegs.lotsToProtect(SELL, 4, 0, 10)).isZero();
    }

    @Test
    void pairLeft_whenSiblingFilledPart_thenTheRestAndNeverBelowZero() {
        assertThat(ProtectiveLegs.pairLeft(5, 0)).isEqualTo(5);
        assertThat(ProtectiveLegs.pairLeft(5, 2)).isEqualTo(3);
        assertThat(ProtectiveLegs.pairLeft(5, 7)).isZero();
    }

    @Test
    void level_whenOneTickBelowAndAbove_thenRoundedTowardTheEntry() {
        // a long's stop (SELL leg) and a short's take-profit (BUY leg) go up; the other two go down
        assertThat(ProtectiveLegs.level(STOP_LOSS, SELL, new BigDecimal("244.991"), TICK)).isEqualByComparingTo("245.00");
        assertThat(ProtectiveLegs.level(STOP_LOSS, SELL, new BigDecimal("245.001"), TICK)).isEqualByComparingTo("245.01");
        assertThat(ProtectiveLegs.level(TAKE_PROFIT, SELL, new BigDecimal("255.009"), TICK)).isEqualByComparingTo("255.00");
        assertThat(ProtectiveLegs.level(STOP_LOSS, BUY, new BigDecimal("255.009"), TICK)).isEqualByComparingTo("255.00");
        assertThat(ProtectiveLegs.level(TAKE_PROFIT, BUY, new BigDecimal("244.991"), TICK)).isEqualByComparingTo("245.00");
        assertThat(ProtectiveLegs.level(STOP_LOSS, SELL, new BigDecimal("245.00"), TICK)).as("on the tick: unchanged")
                .isEqualByComparingTo("245.00").hasScaleOf(2);
        assertThat(ProtectiveLegs.level(STOP_LOSS, SELL, new BigDecimal("245.3"), new BigDecimal("0.5")))
                .isEqualByComparingTo("245.5");
        assertThat(ProtectiveLegs.safeRounding(TAKE_PROFIT, SELL)).isEqualTo(RoundingMode.FLOOR);
    }
}
