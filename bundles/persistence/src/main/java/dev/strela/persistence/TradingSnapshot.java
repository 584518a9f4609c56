package dev.strela.persistence;

import java.math.BigDecimal;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

import dev.strela.api.model.Order;
import dev.strela.api.model.Position;

/**
 * What a strategy's Context holds of the trading state, read together: the run's cash, the row's position and its
 * working orders.
 *
 * @param cash         cash of the run's account, when the run has one
 * @param position     the row's position in the run; empty when it never had one (a closed one is FLAT)
 * @param activeOrders the row's orders still working (NEW, SUBMITTED, PARTIALLY_FILLED), oldest first
 */
public record TradingSnapshot(Optional<BigDecimal> cash, Optional<Position> position, List<Order> activeOrders) {

    public TradingSnapshot {
        Objects.requireNonNull(cash, "cash");
        Objects.requireNonNull(position, "position");
        activeOrders = List.copyOf(activeOrders);
    }
}
