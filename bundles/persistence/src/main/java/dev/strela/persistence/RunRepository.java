package dev.strela.persistence;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.osgi.annotation.versioning.ProviderType;

/**
 * {@code runs}: the standing live and paper runs and one {@code replay-<uuid>} run per historical replay, with what a
 * run's report reads (its account, trades, refusals and errors). Everything a replay writes carries its run id.
 */
@ProviderType
public interface RunRepository {

    /** A {@code runs} row; {@code paramsJson} is the replay's parameters (and, once ended, its figures). */
    record RunRow(String id, String kind, String status, String paramsJson, Instant startedAt, Instant finishedAt) {
    }

    /** The run's account: starting cash (null for live) and cash now. */
    record AccountRow(String id, String broker, BigDecimal initialCash, BigDecimal cash) {
    }

    /**
     * A {@code live_trades} row with its order and strategy. {@code orderType} tells entries (MARKET, LIMIT, STOP)
     * from broker-held exits (STOP_LOSS, TAKE_PROFIT); {@code signalBar} is the bar of the signal behind the order
     * (for a protective order, its entry's signal), null for an order without a signal.
     */
    record TradeRow(long id, long orderId, String clientOrderId, long strategyUniverseId, String strategy, String symbol,
                    String side, String orderType, long lots, long quantity, BigDecimal price, BigDecimal commission,
                    Instant executedAt, Instant signalBar) {
    }

    /**
     * Creates a replay run (status running, {@code paramsJson} a JSON object) and its account ({@code id = runId},
     * {@code initial_cash = cash = initialCash}) in one transaction.
     *
     * @throws IllegalArgumentException when runId is not {@code replay-...} or already exists
     */
    void createReplay(String runId, String paramsJson, String broker, BigDecimal initialCash);

    /**
     * Ends a running replay: status {@code finished}, {@code failed} or {@code cancelled}, {@code finished_at = now()},
     * and {@code resultJson} (a JSON object, may be {@code "{}"}) merged into its params. False when the run is not a
     * running replay.
     */
    boolean finish(String runId, String status, String resultJson);

    /**
     * Marks replays left {@code running} (the platform stopped under them) as failed, in one transaction with what
     * closes them: each signal they wrote but never decided gets a {@code not_sent} decision
     * ({@code replay_interrupted}), and their orders still working are cancelled (fills made are kept). Returns how
     * many replays.
     */
    int failInterrupted(String reason);

    Optional<RunRow> find(String runId);

    /** Newest runs first (replays and the standing ones), at most {@code limit}. */
    List<RunRow> recent(int limit);

    /** The run's account (its account with the lowest id). */
    Optional<AccountRow> account(String runId);

    /** The run's trades in execution order (time, then id). */
    List<TradeRow> trades(String runId);

    /** Refused decisions of the run by refusal code. */
    Map<String, Long> refusals(String runId);

    /** The run's {@code live_errors} rows by code. */
    Map<String, Long> errors(String runId);

    /** Number of signals and of decisions of the run: {@code [signals, decisions]}. */
    long[] signalsAndDecisions(String runId);
}
