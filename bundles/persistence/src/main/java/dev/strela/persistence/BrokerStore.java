package dev.strela.persistence;

import java.math.BigDecimal;
import java.util.List;
import java.util.Optional;

import org.osgi.annotation.versioning.ProviderType;

import dev.strela.api.model.Order;

/** What a broker adapter reads and writes: its orders, their life cycle, fills, positions and cash. */
@ProviderType
public interface BrokerStore {

    /**
     * Orders for this broker ({@code live_orders.broker}) with status NEW, lowest id first (all runs): what it has not
     * taken yet. Protective orders in status NEW are included (as STOP for STOP_LOSS, LIMIT for TAKE_PROFIT).
     */
    List<Order> newOrders(String broker);

    /** Like {@link #newOrders(String)}, for one run only. */
    List<Order> newOrders(String broker, String runId);

    /**
     * Orders for this broker still working (SUBMITTED, PARTIALLY_FILLED), lowest id first, with their run id and
     * filled lots.
     */
    List<WorkingOrderRow> workingOrders(String broker);

    /**
     * Applies one broker call's changes in ONE transaction, in the given order (all or nothing): if any change is
     * refused or fails, nothing of the list is stored and the exception propagates. See {@link BrokerChange} for
     * what each change does and when it is refused.
     */
    void apply(String runId, List<BrokerChange> changes);

    /** The run's account cash (its account with the lowest id), when the run has an account. */
    Optional<BigDecimal> cash(String runId);

    /** Newest orders of a run (highest id first), at most {@code limit}; empty when limit &lt;= 0. For the console. */
    List<Order> recentOrders(String runId, int limit);

    /**
     * The run's positions with their universe row's strategy name: open ones first, then flat ones (which keep
     * their realized PnL); within each group by strategy, symbol and universe row id. For the console.
     */
    List<PositionRow> positions(String runId);
}
