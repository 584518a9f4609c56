package dev.strela.api.ledger;

import dev.strela.api.model.OrderSide;
import java.math.BigDecimal;
import java.math.MathContext;

/**
 * A signed position under average-cost accounting. Adding to a position moves the average to the
 * quantity-weighted mean, rounded to {@link MathContext#DECIMAL128} (34 significant digits: the error is many
 * orders of magnitude below a kopeck); reducing it realizes (exit - average) * closed units * sign and keeps the
 * average; going through zero realizes the whole old side and opens the rest at the fill price.
 */
final class LedgerPosition {

    private final long strategyUniverseId;
    private final String instrumentId;
    private long quantity;
    private BigDecimal averagePrice = BigDecimal.ZERO;
    private BigDecimal realizedPnl = BigDecimal.ZERO;
    private BigDecimal commission = BigDecimal.ZERO;

    LedgerPosition(long strategyUniverseId, String instrumentId) {
        this.strategyUniverseId = strategyUniverseId;
        this.instrumentId = instrumentId;
    }

    /** Sets the state stored before a restart (signed units, average price, realized PnL and commission so far). */
    void restore(long signedQuantity, BigDecimal average, BigDecimal realized, BigDecimal paid) {
        quantity = signedQuantity;
        averagePrice = average == null ? BigDecimal.ZERO : average;
        realizedPnl = realized;
        commission = paid;
    }

    /** Applies {@code units} bought or sold at {@code price}, with its commission. */
    void apply(OrderSide side, long units, BigDecimal price, BigDecimal fillCommission) {
        long signed = side == OrderSide.BUY ? units : -units;
        commission = commission.add(fillCommission);
        if (quantity == 0 || Long.signum(quantity) == Long.signum(signed)) {
            BigDecimal cost = averagePrice.multiply(BigDecimal.valueOf(Math.abs(quantity)))
                    .add(price.multiply(BigDecimal.valueOf(units)));
            quantity = Math.addExact(quantity, signed);
            averagePrice = cost.divide(BigDecimal.valueOf(Math.abs(quantity)), MathContext.DECIMAL128);
            return;
        }
        long closed = Math.min(Math.abs(quantity), units);
        realizedPnl = realizedPnl.add(price.subtract(averagePrice)
                .multiply(BigDecimal.valueOf(closed * Long.signum(quantity))));
        quantity = Math.addExact(quantity, signed);
        if (quantity == 0) {
            averagePrice = BigDecimal.ZERO;
        } else if (units > closed) {
            averagePrice = price;
        }
    }

    long quantity() {
        return quantity;
    }

    PositionSnapshot snapshot() {
        return new PositionSnapshot(strategyUniverseId, instrumentId, quantity, averagePrice, realizedPnl, commission);
    }
}
