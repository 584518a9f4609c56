package dev.strela.api.model;

import java.math.BigDecimal;
import java.time.Instant;

/**
 * One execution reported by a broker ({@code live_trades}).
 *
 * @param brokerOrderId the broker's order id
 * @param clientOrderId our {@link Order#clientOrderId()}, null when the broker does not echo it
 * @param lots          lots filled by this execution, &gt; 0
 * @param quantity      units filled: lots times the lot size, &gt; 0
 * @param price         price per unit, &gt; 0
 * @param commission    commission charged, &gt;= 0
 * @param tradeId       the broker's trade id; unique, so a repeated fill is recognized
 */
public record Fill(String brokerOrderId, String clientOrderId, String instrumentId, OrderSide side, long lots,
                   long quantity, BigDecimal price, BigDecimal commission, Instant time, String tradeId) {

    public Fill {
        Checks.notBlank(brokerOrderId, "brokerOrderId");
        Checks.notBlank(instrumentId, "instrumentId");
        Checks.notNull(side, "side");
        Checks.positive(lots, "lots");
        Checks.positive(quantity, "quantity");
        Checks.positive(price, "price");
        Checks.nonNegative(commission, "commission");
        Checks.notNull(time, "time");
        Checks.notBlank(tradeId, "tradeId");
    }

    /** Money moved before commission: price times quantity. */
    public BigDecimal notional() {
        return price.multiply(BigDecimal.valueOf(quantity));
    }
}
