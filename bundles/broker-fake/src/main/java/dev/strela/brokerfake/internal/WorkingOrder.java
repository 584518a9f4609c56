package dev.strela.brokerfake.internal;

import dev.strela.api.model.Instrument;
import dev.strela.api.model.Order;
import dev.strela.api.model.OrderStatus;
import java.math.BigDecimal;
import java.util.List;

/**
 * An order held by {@link FakeExchange}: the API order (whose status is the order's state), what has filled,
 * and the simulation's bookkeeping. Its status changes only through {@link #moveTo}, the one place that applies
 * {@link OrderStatus}'s transition table.
 */
final class WorkingOrder {

    private Order order;
    private final OrderRole role;
    private final Instrument instrument;
    private final String parentClientOrderId;
    private final long createdAtBar;
    private String siblingClientOrderId;
    private long filledLots;
    private int fillCount;
    private boolean triggered;
    private BigDecimal reservePerLot = BigDecimal.ZERO;
    private long reservedLots;

    /**
     * @param instrument   null only for an order that is rejected because its instrument is unknown
     * @param createdAtBar index of the instrument's last processed bar when the order arrived; the order takes
     *                     part from the next bar on
     */
    WorkingOrder(Order order, OrderRole role, Instrument instrument, String parentClientOrderId, long createdAtBar) {
        this.order = order;
        this.role = role;
        this.instrument = instrument;
        this.parentClientOrderId = parentClientOrderId;
        this.createdAtBar = createdAtBar;
    }

    /**
     * Moves the order to {@code next} and records the change in {@code out}.
     *
     * @throws IllegalStateException {@code order_transition_refused} when the table does not allow it
     */
    void moveTo(OrderStatus next, String reason, List<ExchangeEvent> out) {
        OrderStatus from = order.status();
        if (!from.canTransitionTo(next)) {
            throw new IllegalStateException("order_transition_refused: client_order_id=" + order.clientOrderId()
                    + ", from=" + from + ", to=" + next);
        }
        order = order.withStatus(next);
        out.add(new ExchangeEvent.StatusChanged(order.clientOrderId(), from, next, filledLots, reason));
    }

    /** Counts {@code lots} as filled; returns this order's fill number (1 for the first fill). */
    int addFill(long lots) {
        if (lots <= 0 || lots > remainingLots()) {
            throw new IllegalArgumentException("lots: " + lots + " outside 1.." + remainingLots()
                    + " for client_order_id=" + order.clientOrderId());
        }
        filledLots += lots;
        return ++fillCount;
    }

    Order order() {
        return order;
    }

    String id() {
        return order.clientOrderId();
    }

    OrderStatus status() {
        return order.status();
    }

    boolean isActive() {
        return order.status().isActive();
    }

    OrderRole role() {
        return role;
    }

    Instrument instrument() {
        return instrument;
    }

    String parentClientOrderId() {
        return parentClientOrderId;
    }

    long createdAtBar() {
        return createdAtBar;
    }

    String siblingClientOrderId() {
        return siblingClientOrderId;
    }

    void linkSibling(String clientOrderId) {
        this.siblingClientOrderId = clientOrderId;
    }

    long filledLots() {
        return filledLots;
    }

    long remainingLots() {
        return order.lots() - filledLots;
    }

    /** A STOP (entry or stop-loss) whose level was reached: what is left fills as a market order. */
    boolean triggered() {
        return triggered;
    }

    void trigger() {
        triggered = true;
    }

    /** Sets the cash this order blocks: {@code perLot} for each of its last {@code lots} unfilled lots. */
    void reserve(BigDecimal perLot, long lots) {
        this.reservePerLot = perLot;
        this.reservedLots = lots;
    }

    /** Cash still blocked; the lots that cover a short fill first and block nothing. */
    BigDecimal reservedCash() {
        return isActive() ? reservePerLot.multiply(BigDecimal.valueOf(Math.min(remainingLots(), reservedLots)))
                : BigDecimal.ZERO;
    }
}
