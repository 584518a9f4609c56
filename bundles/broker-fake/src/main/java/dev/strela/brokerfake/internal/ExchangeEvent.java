package dev.strela.brokerfake.internal;

import dev.strela.api.ledger.PositionSnapshot;
import dev.strela.api.model.Fill;
import dev.strela.api.model.Order;
import dev.strela.api.model.OrderStatus;

/**
 * What {@link FakeExchange} did, in the order it happened, so that a caller can persist it in that order
 * ({@code live_orders}, {@code live_trades}, {@code live_positions}) and publish the fills.
 */
public sealed interface ExchangeEvent {

    /** The order the event is about. */
    String clientOrderId();

    /**
     * The broker created a protective order (in status NEW; a {@link StatusChanged} to SUBMITTED follows).
     *
     * @param parentClientOrderId the entry whose fill it protects
     */
    record OrderCreated(Order order, OrderRole role, String parentClientOrderId) implements ExchangeEvent {
        @Override
        public String clientOrderId() {
            return order.clientOrderId();
        }
    }

    /**
     * An order moved along {@link OrderStatus}'s transition table.
     *
     * @param filledLots lots filled so far, after the change
     * @param reason     {@code code: key=value, ...}
     */
    record StatusChanged(String clientOrderId, OrderStatus from, OrderStatus to, long filledLots, String reason)
            implements ExchangeEvent {
    }

    /**
     * One execution; the account already holds it.
     *
     * @param position the strategy's position in the instrument after the fill
     */
    record Filled(Fill fill, OrderRole role, PositionSnapshot position) implements ExchangeEvent {
        @Override
        public String clientOrderId() {
            return fill.clientOrderId();
        }
    }
}
