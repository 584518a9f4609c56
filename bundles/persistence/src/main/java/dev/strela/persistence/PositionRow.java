package dev.strela.persistence;

import java.math.BigDecimal;
import java.time.Instant;

import dev.strela.api.ledger.PositionSnapshot;

/**
 * A {@code live_positions} row with its universe row's strategy name, see {@link BrokerStore#positions}.
 *
 * @param quantity     signed units; negative for a short
 * @param lots         signed lots, same sign as quantity
 * @param averagePrice average entry price of the open quantity; null when flat
 * @param realizedPnl  realized profit and loss so far, kept when flat
 * @param commission   commission paid so far
 * @param openedAt     when the current non-flat position was opened; null when flat
 */
public record PositionRow(long strategyUniverseId, String strategy, String symbol, long quantity, long lots,
                          BigDecimal averagePrice, BigDecimal realizedPnl, BigDecimal commission, Instant openedAt,
                          Instant updatedAt) {

    /** The row as a ledger holds it (a flat row's average price is zero). */
    public PositionSnapshot snapshot() {
        return new PositionSnapshot(strategyUniverseId, symbol, quantity, averagePrice == null ? BigDecimal.ZERO : averagePrice,
                realizedPnl, commission);
    }
}
