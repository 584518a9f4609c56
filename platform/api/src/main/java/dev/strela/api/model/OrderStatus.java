package dev.strela.api.model;

import java.util.EnumSet;
import java.util.Set;

/**
 * Life cycle of an order ({@code live_orders.status}). The allowed transitions are this one table;
 * every other transition is an error. NEW may go straight to a fill because a broker's fill can
 * arrive before the submission is recorded.
 */
public enum OrderStatus {
    NEW,
    SUBMITTED,
    PARTIALLY_FILLED,
    FILLED,
    CANCELLED,
    REJECTED;

    /** FILLED, CANCELLED and REJECTED never change again. */
    public boolean isTerminal() {
        return this == FILLED || this == CANCELLED || this == REJECTED;
    }

    /** Not terminal: the order may still fill or be cancelled (NEW, SUBMITTED, PARTIALLY_FILLED). */
    public boolean isActive() {
        return !isTerminal();
    }

    /** The statuses this one may move to. */
    public Set<OrderStatus> allowedNext() {
        return switch (this) {
            case NEW -> EnumSet.of(SUBMITTED, PARTIALLY_FILLED, FILLED, CANCELLED, REJECTED);
            case SUBMITTED -> EnumSet.of(PARTIALLY_FILLED, FILLED, CANCELLED, REJECTED);
            case PARTIALLY_FILLED -> EnumSet.of(PARTIALLY_FILLED, FILLED, CANCELLED);
            case FILLED, CANCELLED, REJECTED -> EnumSet.noneOf(OrderStatus.class);
        };
    }

    /** True when {@code next} is in {@link #allowedNext()}. */
    public boolean canTransitionTo(OrderStatus next) {
        return allowedNext().contains(next);
    }
}
