package dev.strela.api.bus;

/**
 * Camel endpoint URIs shared by producers and consumers.
 *
 * <p><b>Use these constants verbatim on both sides</b> ({@code from(Endpoints.FILLS)},
 * {@code to(Endpoints.FILLS)}, {@code ProducerTemplate.sendBody(Endpoints.FILLS, fill)}). A
 * {@code seda:} queue is shared by name, but Camel refuses to start a consumer whose
 * {@code multipleConsumers} option differs from the queue's ("Cannot use existing queue ... does
 * not match given multiple consumers"), likewise a differing {@code size}; and a queue without
 * {@code multipleConsumers=true} hands each message to only ONE of its consumers. The outcome
 * would depend on which bundle started first, so never append or drop options locally: change
 * them here, for everyone.
 *
 * <p>A {@code seda:} queue lives in memory: messages sent while no consumer route exists are lost
 * (the consumer's bundle may be restarting). Whatever must not be lost is written to the database
 * first and the message is only a notification.
 */
public final class Endpoints {

    /** Finished 1-minute candles from a {@code MarketDataSource}, to storage and the aggregator. Body: {@code Bar} (M1). */
    public static final String CANDLES_1M = "seda:strela.candles-1m";

    /**
     * Optional header on {@link #CANDLES_1M}: where the candle came from, {@code tinkoff} (the default when absent),
     * {@code generator} or {@code file}; it goes into {@code candles_1m.source}.
     */
    public static final String CANDLE_SOURCE_HEADER = "strelaCandleSource";

    /**
     * A bar of some timeframe closed (stored already). Body: {@code BarClose}. Producers (the data feed)
     * send here; consumers never read it directly: each consumer reads its own queue,
     * {@link #barCloseSubscriber(String)}, and the data feed copies every event to every such queue in
     * order. (A {@code seda} queue with {@code multipleConsumers=true} hands events to its consumers in
     * parallel, so one consumer could see the 10:10 bar before the 10:05 bar.)
     */
    public static final String BAR_CLOSE = "direct:strela.bar-close";

    /** Prefix of the per-consumer BAR_CLOSE queues; the data feed delivers to every route reading one. */
    public static final String BAR_CLOSE_SUBSCRIBER_PREFIX = "seda:strela.bar-close.";

    /**
     * The queue a consumer of BAR_CLOSE events reads from, e.g. {@code from(barCloseSubscriber("runner"))}.
     * One queue per consumer, read by one thread, so events arrive in the order they were sent. A full
     * queue makes the feed wait (an import slows down to the slowest consumer) rather than drop events.
     *
     * @param name lower-case letters, digits and dashes, unique per consumer
     */
    public static String barCloseSubscriber(String name) {
        if (name == null || !name.matches("[a-z0-9-]+")) {
            throw new IllegalArgumentException("name: lower-case letters, digits and dashes only, got '" + name + "'");
        }
        return BAR_CLOSE_SUBSCRIBER_PREFIX + name + "?size=100000&blockWhenFull=true";
    }

    /**
     * Every batch of 1-minute candles the data feed has stored (live feed, demo feed, import), in time order, for the
     * simulated broker, which fills its orders bar by bar. Body: {@code List<Bar>} (M1). Synchronous: the feed's
     * thread delivers it, so the broker sees minutes in feed order; nobody listening is not an error.
     */
    public static final String MINUTES_STORED = "direct:strela.minutes-stored?block=false&failIfNoConsumers=false";

    /**
     * Notification that a valid signal was written to {@code live_signals}. Body: the row id
     * ({@code Long}). Execution also polls unprocessed rows, so a lost message only delays.
     */
    public static final String SIGNALS_NEW = "seda:strela.signals-new";

    /** An order was written to {@code live_orders} with status NEW and goes to the broker. Body: {@code Order}. */
    public static final String ORDERS_NEW = "seda:strela.orders-new";

    /** Fills reported by a broker adapter. Body: {@code Fill}. */
    public static final String FILLS = "seda:strela.fills";

    /** Error events from any bundle, written to {@code live_errors} by the persistence bundle's {@code ErrorLog}. Body: {@code ErrorEvent}. */
    public static final String ERRORS = "seda:strela.errors";

    /** Heartbeats for {@code service_status}. Body: the component name ({@code ErrorSource} code, e.g. "data_feed"). */
    public static final String HEARTBEATS = "seda:strela.heartbeats";

    // ---- historical replay ----------------------------------------------------------------------------------
    // A replay drives the same bundles as live trading, through these synchronous endpoints: the replay's thread
    // sends a message and returns only when the whole chain behind it has finished (strategy -> signal -> decision
    // -> order -> broker), so the replay advances its clock exactly when live trading would have had time to. Each
    // message carries the run in the RUN_HEADER. A missing consumer (its bundle stopped) fails the send at once,
    // and with it the replay, with the endpoint named: a replay never runs with a part of the chain missing.

    /** Header: the run id ({@code replay-<uuid>}) a replay message belongs to. */
    public static final String RUN_HEADER = "strelaRunId";

    /**
     * Header on {@link #REPLAY_BAR_CLOSE}: the {@code strategy_universe} rows the replay runs, as it read them when it
     * started ({@code List} of the persistence bundle's {@code UniverseRow}).
     */
    public static final String REPLAY_ROWS_HEADER = "strelaReplayRows";

    /**
     * Bars closed in a replay (the strategy runner). Body: the {@code BarClose}s of one simulated minute as a
     * {@code List}, in the order they closed (or a single {@code BarClose}); headers: run, rows.
     */
    public static final String REPLAY_BAR_CLOSE = "direct:strela.replay.bar-close?block=false";

    /** A replay's signal was stored (execution decides it on the caller's thread). Body: the signal id ({@code Long}). */
    public static final String REPLAY_SIGNALS_NEW = "direct:strela.replay.signals-new?block=false";

    /** A replay's order was stored NEW (the simulated broker takes it). Body: {@code Order}; header: run. */
    public static final String REPLAY_ORDERS_NEW = "direct:strela.replay.orders-new?block=false";

    /** One simulated minute of a replay, all instruments (the simulated broker fills on it). Body: {@code List<Bar>}. */
    public static final String REPLAY_MINUTES = "direct:strela.replay.minutes?block=false";

    /** A replay ended (finished, failed or cancelled): the broker lets its state go. Body: the run id. */
    public static final String REPLAY_FINISHED = "direct:strela.replay.finished?block=false&failIfNoConsumers=false";

    private Endpoints() {
    }
}
