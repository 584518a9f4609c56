package dev.strela.persistence;

import java.math.BigDecimal;
import java.util.Optional;

import org.osgi.annotation.versioning.ProviderType;

import dev.strela.api.model.Instrument;
import dev.strela.api.model.Order;

/**
 * The open transaction of one locked signal. Reads see this transaction (including its own writes); writes commit
 * together when {@link SignalWork#apply} returns. Valid only during that call.
 */
@ProviderType
public interface SignalTransaction {

    /** The locked {@code live_signals} row as read when it was locked (with its universe row's strategy name). */
    StoredSignal signal();

    /** The signal's {@code strategy_universe} row. */
    UniverseRow universeRow();

    /** The instrument of the signal's symbol ({@code instruments}); empty when unknown. */
    Optional<Instrument> instrument();

    /**
     * Close of the bar that produced the signal: {@code candles_<timeframe>} ({@code candles_1m} for "1m") of the
     * signal's symbol at its {@code bar_timestamp}; empty when that candle is absent.
     */
    Optional<BigDecimal> barClose();

    /** The run's account (lowest id) with its free cash and equity, see {@link AccountSnapshot}; empty when none. */
    Optional<AccountSnapshot> account();

    /** Position slots of the signal's run and universe row, see {@link OpenPositions}. */
    OpenPositions positions();

    /** The global trading controls, as {@link TradingControlRepository#current()}; none (both off) for a replay's signal. */
    TradingControl control();

    /**
     * Inserts the signal's {@code decisions} row and marks the signal processed ({@code processed = true,
     * processed_at = now()}). At most once per transaction: a second call throws {@link IllegalStateException}.
     *
     * @return the decision id
     */
    long recordDecision(NewDecision decision);

    /**
     * Inserts a {@code live_orders} row with status NEW for this signal's run, signal id, universe row and symbol.
     * A {@code client_order_id} already stored fails the statement (and so the transaction).
     *
     * @return the stored order with its id
     */
    Order insertOrder(NewOrder order);
}
