package dev.strela.testing.tinkoff.internal;

import java.math.BigDecimal;

import ru.tinkoff.piapi.contract.v1.OrderDirection;
import ru.tinkoff.piapi.contract.v1.OrderType;

/**
 * A validated order to put in the book.
 *
 * @param direction   buy or sell
 * @param type        limit or market (best price is treated as market)
 * @param lots        quantity in lots, positive
 * @param limitPrice  price per instrument for a limit order, null for a market order
 * @param stopOrderId the stop order that produced it, or null
 */
public record OrderRequest(OrderDirection direction, OrderType type, long lots, BigDecimal limitPrice,
                           String stopOrderId) {
}
