package dev.strela.persistence;

import java.math.BigDecimal;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.osgi.annotation.versioning.ProviderType;

import dev.strela.api.model.Order;
import dev.strela.api.model.Position;

/** Read side of the trading state a strategy's Context needs: its position, its working orders, the account. */
@ProviderType
public interface TradingStateRepository {

    /** The universe row's position in the run; empty when it never had one (a closed one is FLAT). */
    Optional<Position> position(String runId, long strategyUniverseId, String symbol);

    /** The row's orders that are still working (NEW, SUBMITTED, PARTIALLY_FILLED), oldest first. */
    List<Order> activeOrders(String runId, long strategyUniverseId);

    /** Cash of the run's account, when the run has one. */
    Optional<BigDecimal> cash(String runId);

    /**
     * The run's cash, the row's position and its working orders at once: what the three calls above return, read in
     * one database round trip where the store can (a replay asks this on every bar close).
     */
    default TradingSnapshot snapshot(String runId, long strategyUniverseId, String symbol) {
        return new TradingSnapshot(cash(runId), position(runId, strategyUniverseId, symbol),
                activeOrders(runId, strategyUniverseId));
    }

    /**
     * {@link #snapshot} of several rows of one run at once, by row id ({@code symbolByRow}: each row's instrument), in
     * one database round trip where the store can: a replay asks it for all the bars that close at one minute.
     */
    default Map<Long, TradingSnapshot> snapshots(String runId, Map<Long, String> symbolByRow) {
        Map<Long, TradingSnapshot> snapshots = new HashMap<>();
        symbolByRow.forEach((row, symbol) -> snapshots.put(row, snapshot(runId, row, symbol)));
        return snapshots;
    }
}
