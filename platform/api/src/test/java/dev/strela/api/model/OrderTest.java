package dev.strela.api.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class OrderTest {

    private static Order order(String clientOrderId, OrderType type, BigDecimal price) {
        return new Order(0, clientOrderId, 1, 2, "sber-uid", OrderSide.BUY, type, 3, price,
                new BigDecimal("260.00"), null, OrderStatus.NEW, null, Instant.EPOCH);
    }

    @Test
    void constructor_whenClientOrderIdIs36Chars_thenAccepted() {
        assertThat(order("123e4567-e89b-12d3-a456-426614174000", OrderType.MARKET, null).lots()).isEqualTo(3);
    }

    @Test
    void constructor_whenClientOrderIdIs37Chars_thenRefused() {
        assertThatThrownBy(() -> order("123e4567-e89b-12d3-a456-4266141740001", OrderType.MARKET, null))
                .hasMessage("clientOrderId: length 37 exceeds 36");
    }

    @Test
    void constructor_whenLimitWithoutPrice_thenRefused() {
        assertThatThrownBy(() -> order("c1", OrderType.LIMIT, null)).hasMessage("price: required for a LIMIT order");
    }

    @Test
    void withers_whenStatusAndBrokerIdSet_thenNewOrder() {
        Order submitted = order("c1", OrderType.MARKET, null).withBrokerOrderId("b-1").withStatus(OrderStatus.SUBMITTED);

        assertThat(submitted.brokerOrderId()).isEqualTo("b-1");
        assertThat(submitted.status()).isEqualTo(OrderStatus.SUBMITTED);
    }

    @Test
    void status_whenTerminal_thenNoTransitions() {
        assertThat(OrderStatus.FILLED.isTerminal()).isTrue();
        assertThat(OrderStatus.NEW.isActive()).isTrue();
        assertThat(OrderStatus.PARTIALLY_FILLED.isActive()).isTrue();
        assertThat(OrderStatus.CANCELLED.allowedNext()).isEmpty();
        assertThat(OrderStatus.SUBMITTED.canTransitionTo(OrderStatus.FILLED)).isTrue();
        assertThat(OrderStatus.FILLED.canTransitionTo(OrderStatus.CANCELLED)).isFalse();
        assertThat(OrderStatus.PARTIALLY_FILLED.canTransitionTo(OrderStatus.REJECTED)).isFalse();
    }

    @Test
    void position_whenFlatWithQuantity_thenRefused() {
        assertThatThrownBy(() -> new Position(1, "sber-uid", Direction.FLAT, 2, BigDecimal.ONE, BigDecimal.ZERO,
                Instant.EPOCH)).hasMessageStartingWith("direction: FLAT does not fit quantity 2");
        assertThat(new Position(1, "sber-uid", Direction.SHORT, 2, BigDecimal.ONE, BigDecimal.ZERO, Instant.EPOCH)
                .signedLots()).isEqualTo(-2);
    }
}
