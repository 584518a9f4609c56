package dev.strela.persistence;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Map;

import org.osgi.annotation.versioning.ProviderType;

import dev.strela.api.model.Order;
import dev.strela.persistence.RunRepository.TradeRow;

/**
 * Read-only pages of a run's trading state for people watching it (the web monitor): orders, positions, trades and
 * signals, each in a stable order with a keyset cursor, so a page costs the same with 10 rows or 100,000.
 */
@ProviderType
public interface MonitorQueries {

    /**
     * A {@code live_orders} row: the order (a STOP_LOSS as a STOP, a TAKE_PROFIT as a LIMIT, see {@code role}), how
     * many lots filled, its role ({@link WorkingOrderRow#REGULAR}, {@link WorkingOrderRow#STOP_LOSS},
     * {@link WorkingOrderRow#TAKE_PROFIT}), the broker's reason when rejected, and when it last changed.
     */
    record OrderRow(String runId, Order order, long filledLots, String role, String rejectReason, Instant updatedAt) {
    }

    /** Where a page of positions starts: after this universe row and symbol. */
    record PositionKey(long strategyUniverseId, String symbol) {
    }

    /**
     * The run's orders, highest id first, below {@code beforeId} (null: from the newest), at most {@code limit};
     * {@code activeOnly} keeps the orders that may still fill (NEW, SUBMITTED, PARTIALLY_FILLED).
     */
    List<OrderRow> orders(String runId, boolean activeOnly, Long beforeId, int limit);

    /**
     * The run's positions by universe row id, then symbol, after {@code after} (null: from the first), at most
     * {@code limit}; {@code openOnly} leaves out the flat ones.
     */
    List<PositionRow> positions(String runId, boolean openOnly, PositionKey after, int limit);

    /** How many positions the run has ({@code openOnly}: non-flat ones). */
    long countPositions(String runId, boolean openOnly);

    /** The run's trades, highest id first, below {@code beforeId} (null: from the newest), at most {@code limit}. */
    List<TradeRow> trades(String runId, Long beforeId, int limit);

    /** The run's signals, highest id first, below {@code beforeId} (null: from the newest), at most {@code limit}. */
    List<StoredSignal> signals(String runId, Long beforeId, int limit);

    /** The latest 1-minute close of each instrument that has one. */
    Map<String, BigDecimal> lastCloses(Collection<String> instrumentIds);
}
