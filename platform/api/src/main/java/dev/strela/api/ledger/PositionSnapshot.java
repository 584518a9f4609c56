package dev.strela.api.ledger;

import java.math.BigDecimal;

/**
 * One strategy's position in one instrument as {@link Ledger} keeps it.
 *
 * @param quantity     signed units (not lots): negative is short, 0 flat
 * @param averagePrice average entry price of the open quantity (34 significant digits), 0 when flat
 * @param realizedPnl  realized profit and loss before commission, full precision
 * @param commission   commission paid on all fills of this position, in kopecks
 */
public record PositionSnapshot(long strategyUniverseId, String instrumentId, long quantity, BigDecimal averagePrice,
                               BigDecimal realizedPnl, BigDecimal commission) {

    /** True when nothing is held. */
    public boolean isFlat() {
        return quantity == 0;
    }

    /** (mark - average) * quantity; negative quantities make it a short's profit when the mark falls. */
    public BigDecimal unrealizedPnl(BigDecimal mark) {
        return isFlat() ? BigDecimal.ZERO : mark.subtract(averagePrice).multiply(BigDecimal.valueOf(quantity));
    }
}
