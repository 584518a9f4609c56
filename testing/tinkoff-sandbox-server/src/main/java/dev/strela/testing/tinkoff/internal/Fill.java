package dev.strela.testing.tinkoff.internal;

import java.math.BigDecimal;
import java.time.Instant;

/**
 * One trade of an order.
 *
 * @param tradeId    trade id
 * @param price      price per instrument
 * @param lots       lots traded
 * @param commission commission charged for this trade, in the instrument's currency
 * @param time       when it happened
 */
public record Fill(String tradeId, BigDecimal price, long lots, BigDecimal commission, Instant time) {
}
