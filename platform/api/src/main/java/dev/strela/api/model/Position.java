package dev.strela.api.model;

import com.fasterxml.jackson.annotation.JsonIgnore;
import java.math.BigDecimal;
import java.time.Instant;

/**
 * One strategy's position in one instrument ({@code live_positions}); positions are kept per
 * {@code strategy_universe} row, the broker only knows their net sum ({@link BrokerPosition}).
 *
 * @param direction    LONG or SHORT; FLAT exactly when {@code quantity} is 0
 * @param quantity     size in lots, &gt;= 0 (the sign is in {@code direction})
 * @param averagePrice average entry price, &gt;= 0 (0 allowed when flat)
 * @param realizedPnl  realized profit and loss so far, in the instrument's currency
 */
public record Position(long strategyUniverseId, String instrumentId, Direction direction, long quantity,
                       BigDecimal averagePrice, BigDecimal realizedPnl, Instant updatedAt) {

    public Position {
        Checks.notBlank(instrumentId, "instrumentId");
        Checks.notNull(direction, "direction");
        Checks.nonNegative(quantity, "quantity");
        if ((direction == Direction.FLAT) != (quantity == 0)) {
            throw new IllegalArgumentException("direction: " + direction + " does not fit quantity " + quantity
                    + " (FLAT exactly when quantity is 0)");
        }
        Checks.nonNegative(averagePrice, "averagePrice");
        Checks.notNull(realizedPnl, "realizedPnl");
        Checks.notNull(updatedAt, "updatedAt");
    }

    /** A flat position with nothing realized. */
    public static Position flat(long strategyUniverseId, String instrumentId, Instant updatedAt) {
        return new Position(strategyUniverseId, instrumentId, Direction.FLAT, 0, BigDecimal.ZERO,
                BigDecimal.ZERO, updatedAt);
    }

    /** True when there is no open quantity. */
    @JsonIgnore
    public boolean isFlat() {
        return quantity == 0;
    }

    /** Lots with sign: positive long, negative short, 0 flat. */
    public long signedLots() {
        return direction == Direction.SHORT ? -quantity : quantity;
    }
}
