package dev.strela.health.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

import org.junit.jupiter.api.Test;

import dev.strela.api.model.BrokerPosition;
import dev.strela.persistence.PositionRow;

class ReconcilerTest {

    private static PositionRow row(long id, String symbol, long quantity) {
        return new PositionRow(id, "s" + id, symbol, quantity, quantity / 10, new BigDecimal("100"), BigDecimal.ZERO,
                BigDecimal.ZERO, Instant.EPOCH, Instant.EPOCH);
    }

    @Test
    void matching_perStrategyRowsSumToTheBrokersNetPosition_andCashComparesNumerically() {
        List<BrokerPosition> broker = List.of(new BrokerPosition("SBER", 30, new BigDecimal("100")),
                new BrokerPosition("GAZP", -10, new BigDecimal("150")));
        List<PositionRow> stored = List.of(row(1, "SBER", 50), row(2, "SBER", -20), row(3, "GAZP", -10), row(4, "LKOH", 0));
        assertThat(Reconciler.differences(broker, stored, new BigDecimal("1000.0"), Optional.of(new BigDecimal("1000.00"))))
                .isEmpty();
    }

    @Test
    void eachDifference_isNamed() {
        List<BrokerPosition> broker = List.of(new BrokerPosition("SBER", 30, new BigDecimal("100")),
                new BrokerPosition("VTBR", 1000, new BigDecimal("0.02")));
        List<PositionRow> stored = List.of(row(1, "SBER", 40), row(3, "GAZP", -10));
        assertThat(Reconciler.differences(broker, stored, new BigDecimal("999.99"), Optional.of(new BigDecimal("1000.00"))))
                .containsExactly("GAZP: broker holds 0, live_positions sum to -10",
                        "SBER: broker holds 30, live_positions sum to 40",
                        "VTBR: broker holds 1000, live_positions sum to 0",
                        "cash: broker has 999.99, the account says 1000.00");
        assertThat(Reconciler.differences(List.of(), List.of(), BigDecimal.TEN, Optional.empty()))
                .containsExactly("cash: broker has 10, the run has no account");
    }
}
