package dev.strela.api.model;

import java.math.BigDecimal;

/**
 * The broker's net position in one instrument on the account (sum over all strategies);
 * reconciliation compares it with the per-strategy {@link Position}s.
 *
 * @param quantityUnits units (not lots), signed: negative is short
 * @param averagePrice  average price as the broker reports it, &gt;= 0
 */
public record BrokerPosition(String instrumentId, long quantityUnits, BigDecimal averagePrice) {

    public BrokerPosition {
        Checks.notBlank(instrumentId, "instrumentId");
        Checks.nonNegative(averagePrice, "averagePrice");
    }
}
