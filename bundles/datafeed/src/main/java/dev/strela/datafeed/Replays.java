package dev.strela.datafeed;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

import org.osgi.annotation.versioning.ProviderType;

/**
 * Historical replays: the stored 1-minute candles of a period, fed with a simulated clock through the same bundles as
 * live trading (aggregation here, then the strategy runner, execution with the rules in force, the simulated broker),
 * as fast as they go. Each replay is a run of its own ({@code replay-<uuid>}): its signals, decisions, orders, trades,
 * positions, account and errors carry that id and never mix with the live or paper run.
 */
@ProviderType
public interface Replays {

    /**
     * What to replay.
     *
     * @param from        first minute (inclusive)
     * @param to          end (exclusive)
     * @param instruments instrument ids or tickers
     * @param strategies  strategy names whose universe rows on those instruments run (any mode, enabled or not);
     *                    empty: the rows enabled in paper or live mode
     * @param initialCash the replay account's starting cash
     */
    record Request(Instant from, Instant to, List<String> instruments, List<String> strategies, BigDecimal initialCash) {
    }

    /**
     * Where a replay stands.
     *
     * @param status        running, finished, failed or cancelled
     * @param minutesDone   1-minute bars replayed so far
     * @param minutesTotal  1-minute bars in the period
     * @param barsClosed    bars of the replayed timeframes announced to the strategies
     * @param elapsed       time since the start
     * @param error         why it failed, else null
     */
    record Progress(String runId, String status, long minutesDone, long minutesTotal, long barsClosed, Duration elapsed,
                    Instant simulatedTime, String error) {

        public double percent() {
            return minutesTotal == 0 ? 100.0 : 100.0 * minutesDone / minutesTotal;
        }

        /** 1-minute bars per second of wall time. */
        public double barsPerSecond() {
            double seconds = elapsed.toNanos() / 1e9;
            return seconds <= 0 ? 0 : minutesDone / seconds;
        }

        /** Time left at the rate so far; null before the first minute. */
        public Duration eta() {
            double rate = barsPerSecond();
            return rate <= 0 ? null : Duration.ofMillis((long) ((minutesTotal - minutesDone) / rate * 1000));
        }

        public boolean ended() {
            return !"running".equals(status);
        }
    }

    /**
     * Checks the request, creates the run and its account, and starts the replay on its own thread.
     *
     * @return the run id
     * @throws IllegalArgumentException naming what is wrong: an unknown instrument, no universe rows, no candles in
     *                                  the period, ...
     */
    String start(Request request);

    /** A replay started since this bundle started. */
    Optional<Progress> progress(String runId);

    /** Replays started since this bundle started, newest first. */
    List<Progress> all();

    /** Asks a running replay to stop after the minute it is on; false when it is not running here. */
    boolean cancel(String runId);

    /** Waits until the replay ends or the timeout passes; empty when it is unknown here. */
    Optional<Progress> await(String runId, Duration timeout) throws InterruptedException;
}
