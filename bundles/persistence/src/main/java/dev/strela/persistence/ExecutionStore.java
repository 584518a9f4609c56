package dev.strela.persistence;

import java.math.BigDecimal;
import java.util.List;
import java.util.Optional;

import org.osgi.annotation.versioning.ProviderType;

import dev.strela.api.model.Order;

/** What the execution layer reads and writes for one signal, in one transaction per signal. */
@ProviderType
public interface ExecutionStore {

    /**
     * Ids of unprocessed signals of the standing runs (live, paper), lowest id first, at most {@code limit}. A replay's
     * signals are decided on the replay's own thread, never by this poll.
     */
    List<Long> unprocessedSignals(int limit);

    /**
     * Locks the signal ({@code SELECT ... FROM live_signals WHERE id = :id AND NOT processed FOR UPDATE SKIP LOCKED})
     * and runs {@code work} in that one transaction, which commits when work returns.
     * <ul>
     * <li>Empty, without calling work, when the signal is missing, already processed or locked by another worker.</li>
     * <li>If work throws, the transaction rolls back and the exception propagates.</li>
     * <li>If work returns without having called {@link SignalTransaction#recordDecision}, the transaction rolls back
     * and {@code IllegalStateException("signal_without_decision: signal_id=<id>")} is thrown.</li>
     * <li>Work must return a non-null value; null rolls back with a {@link NullPointerException}. So an empty result
     * always means the signal was not processed here.</li>
     * </ul>
     * The {@link SignalTransaction} must not be used after work returns.
     */
    <T> Optional<T> processSignal(long signalId, SignalWork<T> work);

    /** The decision stored for a signal. */
    Optional<DecisionRecord> decision(long signalId);

    /** Orders created for a signal (by {@code live_orders.signal_id}), lowest id first. */
    List<Order> ordersOfSignal(long signalId);

    /**
     * Creates the run's account ({@code id = accountId}, {@code initial_cash = cash = initialCash}) when the run has
     * none; a no-op otherwise, whatever its id. Concurrent calls for one run create at most one account.
     *
     * @throws IllegalArgumentException when the run does not exist
     */
    void ensureAccount(String runId, String accountId, String broker, BigDecimal initialCash);
}
