package dev.strela.testing.tinkoff.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.time.Instant;

import dev.strela.testing.tinkoff.TestInstrument;
import org.junit.jupiter.api.Test;
import ru.tinkoff.piapi.contract.v1.OrderDirection;
import ru.tinkoff.piapi.contract.v1.OrderExecutionReportStatus;
import ru.tinkoff.piapi.contract.v1.OrderType;

class SimOrderTest {
    private static final Instant NOW = Instant.parse("2024-06-03T07:00:00Z");

    private final SimOrder order = new SimOrder("1", "key", "acc", TestInstrument.share("F", "U", "T").lot(10).build(),
            new OrderRequest(OrderDirection.ORDER_DIRECTION_BUY, OrderType.ORDER_TYPE_LIMIT, 3, new BigDecimal("100"), null),
            new BigDecimal("100"), new BigDecimal("0.0005"), NOW);

    private static Fill fill(long lots) {
        return new Fill("t", new BigDecimal("100"), lots, BigDecimal.ZERO, NOW);
    }

    @Test
    void fills_whenPartThenRest_thenPartiallyFilledThenFilledAndInactive() {
        order.addFill(fill(1));
        assertThat(order.status()).isEqualTo(OrderExecutionReportStatus.EXECUTION_REPORT_STATUS_PARTIALLYFILL);

        order.addFill(fill(2));

        assertThat(order.status()).isEqualTo(OrderExecutionReportStatus.EXECUTION_REPORT_STATUS_FILL);
        assertThat(order.isActive()).isFalse();
        assertThat(order.executedValue()).isEqualByComparingTo("3000");
    }

    @Test
    void transitions_whenFilledOrCancelled_thenNoFurtherChange() {
        order.cancel();

        assertThatThrownBy(() -> order.addFill(fill(1))).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(order::cancel).isInstanceOf(IllegalStateException.class)
                .hasMessageStartingWith("order_transition_refused");
        assertThat(order.status()).isEqualTo(OrderExecutionReportStatus.EXECUTION_REPORT_STATUS_CANCELLED);
    }

    @Test
    void fill_whenMoreThanRemaining_thenRefused() {
        order.addFill(fill(2));

        assertThatThrownBy(() -> order.addFill(fill(2))).hasMessageStartingWith("fill_out_of_range");
        assertThat(order.lotsExecuted()).isEqualTo(2);
    }
}
