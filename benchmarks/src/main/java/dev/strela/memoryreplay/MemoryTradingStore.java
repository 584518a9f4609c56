package dev.strela.memoryreplay;

import static dev.strela.memoryreplay.PgValues.LOWER_SNAKE;
import static dev.strela.memoryreplay.PgValues.micros;
import static dev.strela.memoryreplay.PgValues.numeric;
import static dev.strela.memoryreplay.PgValues.violation;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.regex.Pattern;

import dev.strela.api.model.Direction;
import dev.strela.api.model.Order;
import dev.strela.api.model.OrderSide;
import dev.strela.api.model.OrderStatus;
import dev.strela.api.model.Position;
import dev.strela.api.model.Timeframe;
import dev.strela.memoryreplay.MemoryRows.Account;
import dev.strela.memoryreplay.MemoryRows.OrderRow;
import dev.strela.memoryreplay.MemoryRows.PositionKey;
import dev.strela.memoryreplay.MemoryRows.RunState;
import dev.strela.memoryreplay.MemoryRows.SignalKey;
import dev.strela.memoryreplay.MemoryRows.SignalRow;
import dev.strela.persistence.BrokerChange;
import dev.strela.persistence.BrokerStore;
import dev.strela.persistence.DecisionRecord;
import dev.strela.persistence.ExecutionStore;
import dev.strela.persistence.PositionRow;
import dev.strela.persistence.SignalRepository;
import dev.strela.persistence.SignalWork;
import dev.strela.persistence.StoredSignal;
import dev.strela.persistence.TradingControl;
import dev.strela.persistence.TradingControlRepository;
import dev.strela.persistence.TradingSnapshot;
import dev.strela.persistence.TradingStateRepository;
import dev.strela.persistence.UniverseRow;
import dev.strela.persistence.WorkingOrderRow;

/**
 * The trading state of runs held in memory, for a replay without a database: signals, decisions, orders, trades,
 * positions and cash, answering as the PostgreSQL stores ({@code dev.strela.persistence.internal.Jdbi*}) answer over
 * the schema in {@code db/} (its defaults, uniqueness, checks and foreign keys), with instruments and candles read
 * from a {@link MarketView}.
 *
 * <ul>
 * <li>One coarse lock: this store's monitor, held by every call that reads or writes the rows ({@link MemoryTables},
 * touched by no other code). {@link #processSignal} holds it while its work runs (in a
 * {@link MemorySignalTransaction}), so the work sees its own writes and no one else's half-done ones; writes apply at
 * once and are undone (in reverse) when the transaction fails, as {@link #apply} does for a broker call
 * ({@link BrokerChanges}).</li>
 * <li>Ids come from one sequence per table starting at 1; as in PostgreSQL, an id taken by a statement that failed,
 * was rolled back or hit {@code ON CONFLICT DO NOTHING} is not given again.</li>
 * <li>Timestamps the SQL takes from {@code now()} come from the clock, once per transaction; every time is kept at
 * microsecond precision, as {@code timestamptz} keeps it. Amounts are kept with their scale (a negative scale becomes
 * 0, as {@code numeric} stores it); JSON is kept as {@code jsonb} gives it back (see {@link Jsonb}).</li>
 * <li>The runs {@code live} and {@code paper} exist from the start (the migration seeds them); others come from
 * {@link #createRun}. The trading controls stay off.</li>
 * </ul>
 */
public final class MemoryTradingStore implements SignalRepository, TradingStateRepository, ExecutionStore, BrokerStore,
        TradingControlRepository {

    /** A live_trades row, in insert order. {@code lots} and {@code quantity} are the fill's, as the row stores them. */
    public record Trade(long id, String runId, long orderId, String clientOrderId, long strategyUniverseId, String symbol,
                        OrderSide side, String orderType, long lots, long quantity, BigDecimal price, BigDecimal commission,
                        Instant executedAt, String brokerTradeId) {
    }

    /** A live_positions row: signed quantity (units) and lots, average price null when flat. */
    public record Holding(String runId, long strategyUniverseId, String symbol, long quantity, long lots,
                          BigDecimal averagePrice, BigDecimal realizedPnl, BigDecimal commission, Instant openedAt,
                          Instant updatedAt) {
    }

    private static final Pattern RUN_ID = Pattern.compile("[a-z][a-z0-9-]*");

    private final MarketView market;
    private final Clock clock;
    private final MemoryTables db;
    private final BrokerChanges brokerChanges;
    private final TradingControl control;
    /** The signals a {@link #processSignal} is working on: their row locks. */
    private final Set<Long> lockedSignals = new HashSet<>();

    public MemoryTradingStore(MarketView market, List<UniverseRow> rows, Clock clock) {
        this.market = Objects.requireNonNull(market, "market");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.db = new MemoryTables(rows);
        this.brokerChanges = new BrokerChanges(db);
        control = new TradingControl(false, false, "initial state", "migration", now());
    }

    /**
     * Creates a run (as {@code runs} holds it: an id like {@code replay-<uuid>}), with no account yet.
     *
     * @throws IllegalArgumentException when the id does not match {@code ^[a-z][a-z0-9-]*$} or the run exists
     */
    public synchronized void createRun(String runId) {
        Objects.requireNonNull(runId, "runId");
        if (!RUN_ID.matcher(runId).matches()) {
            throw violation("runs_id_format", "run_id=" + runId);
        }
        if (db.runs.containsKey(runId)) {
            throw new IllegalArgumentException("run_exists: run_id=" + runId);
        }
        db.runs.put(runId, new RunState(runId));
    }

    // ---- read-only copies for tests and the benchmark ----

    /** The run's live_trades rows in insert order. */
    public synchronized List<Trade> trades(String runId) {
        RunState run = db.runs.get(runId);
        return run == null ? List.of() : List.copyOf(run.trades);
    }

    /** The run's orders, lowest id first. */
    public synchronized List<Order> orders(String runId) {
        RunState run = db.runs.get(runId);
        return run == null ? List.of() : run.orders.stream().map(OrderRow::order).toList();
    }

    /** The run's live_positions rows (flat ones too), in the order they were first written. */
    public synchronized List<Holding> holdings(String runId) {
        RunState run = db.runs.get(runId);
        return run == null ? List.of() : List.copyOf(run.positions.values());
    }

    /** How many decisions the run has. */
    public synchronized long decisions(String runId) {
        RunState run = db.runs.get(runId);
        return run == null ? 0 : run.decisions;
    }

    /** How many signals the run has. */
    public synchronized long signals(String runId) {
        RunState run = db.runs.get(runId);
        return run == null ? 0 : run.signals;
    }

    // ---- SignalRepository ----

    @Override
    public Optional<Long> insert(String runId, long strategyUniverseId, String symbol, Timeframe timeframe,
                                 Instant signalTime, Instant barTime, String signalJson) {
        String tf = timeframe.code();
        String json = signalJson == null ? null : Jsonb.canonical(signalJson, "signal_json");
        synchronized (this) {
            long id = db.nextSignalId();
            requireSignalColumns(runId, symbol, signalTime, barTime, json);
            if (!json.startsWith("{")) {
                throw violation("live_signals_json_object", "signal_id=" + id);
            }
            Instant bar = micros(barTime);
            RunState run = db.runs.get(runId);
            SignalKey key = new SignalKey(strategyUniverseId, bar);
            if (run != null && run.signalKeys.contains(key)) {
                return Optional.empty();   // ON CONFLICT ON CONSTRAINT live_signals_one_per_bar DO NOTHING
            }
            requireReferences(run, runId, strategyUniverseId, symbol);
            db.addSignal(run, key, new SignalRow(id, runId, strategyUniverseId, symbol, tf, bar, json, now()));
            return Optional.of(id);
        }
    }

    @Override
    public synchronized Optional<StoredSignal> last(long strategyUniverseId) {
        return Optional.ofNullable(db.lastSignalOfRow.get(strategyUniverseId)).map(db::stored);
    }

    @Override
    public synchronized List<StoredSignal> recent(int limit, String strategy) {
        requireLimit(limit);
        List<StoredSignal> found = new ArrayList<>();
        for (int i = db.signalsInOrder.size() - 1; i >= 0 && found.size() < limit; i--) {
            StoredSignal s = db.stored(db.signalsInOrder.get(i));
            if (strategy == null || strategy.equals(s.strategy())) {
                found.add(s);
            }
        }
        return found;
    }

    /** The NOT NULL columns of a signal, checked before the unique key as PostgreSQL does. */
    private static void requireSignalColumns(Object... values) {
        String[] names = {"run_id", "symbol", "signal_timestamp", "bar_timestamp", "signal_json"};
        for (int i = 0; i < values.length; i++) {
            if (values[i] == null) {
                throw violation("not_null_violation", "table=live_signals, column=" + names[i]);
            }
        }
    }

    /** The signal's foreign keys: its run, universe row and instrument exist. */
    private void requireReferences(RunState run, String runId, long strategyUniverseId, String symbol) {
        if (run == null) {
            throw violation("live_signals_run_id_fkey", "run_id=" + runId);
        }
        if (!db.universe.containsKey(strategyUniverseId)) {
            throw violation("live_signals_strategy_universe_id_fkey", "strategy_universe_id=" + strategyUniverseId);
        }
        if (market.instrument(symbol).isEmpty()) {
            throw violation("live_signals_symbol_fkey", "symbol=" + symbol);
        }
    }

    // ---- TradingStateRepository (cash(runId) also serves BrokerStore) ----

    @Override
    public synchronized Optional<Position> position(String runId, long strategyUniverseId, String symbol) {
        return positionOf(db.runs.get(runId), strategyUniverseId, symbol);
    }

    @Override
    public synchronized List<Order> activeOrders(String runId, long strategyUniverseId) {
        return activeOrdersOf(db.runs.get(runId), strategyUniverseId);
    }

    @Override
    public synchronized Optional<BigDecimal> cash(String runId) {
        return cashOf(db.runs.get(runId));
    }

    @Override
    public synchronized TradingSnapshot snapshot(String runId, long strategyUniverseId, String symbol) {
        RunState run = db.runs.get(runId);
        return new TradingSnapshot(cashOf(run), positionOf(run, strategyUniverseId, symbol),
                activeOrdersOf(run, strategyUniverseId));
    }

    @Override
    public synchronized Map<Long, TradingSnapshot> snapshots(String runId, Map<Long, String> symbolByRow) {
        if (symbolByRow.isEmpty()) {
            return Map.of();
        }
        RunState run = db.runs.get(runId);
        Optional<BigDecimal> cash = cashOf(run);
        Map<Long, TradingSnapshot> snapshots = new HashMap<>();
        symbolByRow.forEach((row, symbol) -> snapshots.put(row,
                new TradingSnapshot(cash, positionOf(run, row, symbol), activeOrdersOf(run, row))));
        return snapshots;
    }

    private static Optional<BigDecimal> cashOf(RunState run) {
        return run == null || run.account == null ? Optional.empty() : Optional.of(run.account.cash);
    }

    /** As JdbiTradingStateRepository maps a row: signed lots to direction and size, a NULL average price to 0. */
    private static Optional<Position> positionOf(RunState run, long strategyUniverseId, String symbol) {
        Holding h = run == null ? null : run.positions.get(new PositionKey(strategyUniverseId, symbol));
        if (h == null) {
            return Optional.empty();
        }
        long lots = h.lots();
        Direction direction = lots > 0 ? Direction.LONG : lots < 0 ? Direction.SHORT : Direction.FLAT;
        return Optional.of(new Position(strategyUniverseId, symbol, direction, Math.abs(lots),
                h.averagePrice() == null ? BigDecimal.ZERO : h.averagePrice(), h.realizedPnl(), h.updatedAt()));
    }

    /** Every active order of the row in the run (whatever its symbol, protective ones too), lowest id first. */
    private static List<Order> activeOrdersOf(RunState run, long strategyUniverseId) {
        TreeMap<Long, OrderRow> active = run == null ? null : run.activeByRow.get(strategyUniverseId);
        return active == null ? List.of() : active.values().stream().map(OrderRow::order).toList();
    }

    // ---- ExecutionStore ----

    @Override
    public synchronized List<Long> unprocessedSignals(int limit) {
        requireLimit(limit);
        return db.unprocessedStanding.stream().limit(limit).toList();
    }

    /**
     * Runs work holding the store's lock (the signal's row lock and more): the work sees its own writes and no one
     * else's, and what it wrote is undone when it fails. A signal being processed (a nested call) is skipped, as
     * {@code SKIP LOCKED} skips it.
     */
    @Override
    public <T> Optional<T> processSignal(long signalId, SignalWork<T> work) {
        Objects.requireNonNull(work, "work");
        synchronized (this) {
            SignalRow row = db.signalsById.get(signalId);
            if (row == null || row.processed || !lockedSignals.add(signalId)) {
                return Optional.empty();
            }
            StoredSignal signal = db.stored(row);
            Undo undo = new Undo(now());
            MemorySignalTransaction tx = new MemorySignalTransaction(this, db, market, control, row, signal, undo);
            boolean committed = false;
            try {
                T result;
                try {
                    result = work.apply(tx);
                } finally {
                    tx.close();
                }
                if (!tx.decided()) {
                    throw new IllegalStateException("signal_without_decision: signal_id=" + signalId);
                }
                Objects.requireNonNull(result, () -> "work returned null: signal_id=" + signalId);
                if (tx.failure() != null) {
                    throw new IllegalStateException("transaction_aborted: signal_id=" + signalId
                            + ", cause=" + tx.failure().getMessage(), tx.failure());
                }
                committed = true;
                return Optional.of(result);
            } finally {
                lockedSignals.remove(signalId);
                if (!committed) {
                    undo.rollback();
                }
            }
        }
    }

    @Override
    public synchronized Optional<DecisionRecord> decision(long signalId) {
        return Optional.ofNullable(db.decisionsBySignal.get(signalId));
    }

    @Override
    public synchronized List<Order> ordersOfSignal(long signalId) {
        return db.ordersBySignal.getOrDefault(signalId, List.of()).stream().map(OrderRow::order).toList();
    }

    @Override
    public synchronized void ensureAccount(String runId, String accountId, String broker, BigDecimal initialCash) {
        Objects.requireNonNull(runId, "runId");
        Objects.requireNonNull(accountId, "accountId");
        Objects.requireNonNull(broker, "broker");
        Objects.requireNonNull(initialCash, "initialCash");
        RunState run = db.runs.get(runId);
        if (run == null) {
            throw new IllegalArgumentException("run_not_found: run_id=" + runId);
        }
        if (run.account != null) {
            return;
        }
        if (accountId.isEmpty()) {
            throw violation("accounts_id_not_blank", "run_id=" + runId);
        }
        if (!LOWER_SNAKE.matcher(broker).matches()) {
            throw violation("accounts_broker_format", "broker=" + broker);
        }
        if (initialCash.signum() < 0) {
            throw violation("accounts_initial_cash_not_negative", "initial_cash=" + initialCash.toPlainString());
        }
        if (!db.accountIds.add(accountId)) {
            throw violation("accounts_pkey", "id=" + accountId);
        }
        run.account = new Account(accountId, numeric(initialCash), now());
    }

    // ---- BrokerStore ----

    @Override
    public synchronized List<Order> newOrders(String broker) {
        return ofBroker(db.runs.values(), run -> run.fresh, broker).stream().map(OrderRow::order).toList();
    }

    @Override
    public synchronized List<Order> newOrders(String broker, String runId) {
        RunState run = db.runs.get(runId);
        return run == null ? List.of() : ofBroker(List.of(run), r -> r.fresh, broker).stream().map(OrderRow::order).toList();
    }

    @Override
    public synchronized List<WorkingOrderRow> workingOrders(String broker) {
        return ofBroker(db.runs.values(), run -> run.active, broker).stream()
                .filter(o -> o.status != OrderStatus.NEW)
                .map(o -> new WorkingOrderRow(o.runId, o.order(), o.filledLots, o.role(),
                        o.parentOrderId == null ? null : db.ordersById.get(o.parentOrderId).clientOrderId))
                .toList();
    }

    /** The orders of one index of these runs that this broker holds, lowest id first. */
    private static List<OrderRow> ofBroker(Iterable<RunState> of, Function<RunState, Map<Long, OrderRow>> index,
                                           String broker) {
        List<OrderRow> found = new ArrayList<>();
        for (RunState run : of) {
            for (OrderRow o : index.apply(run).values()) {
                if (o.broker.equals(broker)) {
                    found.add(o);
                }
            }
        }
        found.sort(Comparator.comparingLong(o -> o.id));
        return found;
    }

    /** One transaction: the changes in order (see {@link BrokerChanges}), all undone when one of them throws. */
    @Override
    public void apply(String runId, List<BrokerChange> changes) {
        Objects.requireNonNull(runId, "runId");
        Objects.requireNonNull(changes, "changes");
        if (changes.isEmpty()) {
            return;
        }
        synchronized (this) {
            Undo undo = new Undo(now());
            boolean applied = false;
            try {
                brokerChanges.apply(undo, runId, changes);
                applied = true;
            } finally {
                if (!applied) {
                    undo.rollback();
                }
            }
        }
    }

    @Override
    public synchronized List<Order> recentOrders(String runId, int limit) {
        RunState run = db.runs.get(runId);
        if (limit <= 0 || run == null) {
            return List.of();
        }
        List<Order> found = new ArrayList<>();
        for (int i = run.orders.size() - 1; i >= 0 && found.size() < limit; i--) {
            found.add(run.orders.get(i).order());
        }
        return found;
    }

    /** Open first, then flat; by strategy, symbol (Java's String order standing in for the collation) and row id. */
    @Override
    public synchronized List<PositionRow> positions(String runId) {
        RunState run = db.runs.get(runId);
        if (run == null) {
            return List.of();
        }
        return run.positions.values().stream()
                .sorted(Comparator.comparing((Holding h) -> h.quantity() == 0)
                        .thenComparing(h -> db.universe.get(h.strategyUniverseId()).strategy())
                        .thenComparing(Holding::symbol).thenComparingLong(Holding::strategyUniverseId))
                .map(h -> new PositionRow(h.strategyUniverseId(), db.universe.get(h.strategyUniverseId()).strategy(),
                        h.symbol(), h.quantity(), h.lots(), h.averagePrice(), h.realizedPnl(), h.commission(),
                        h.openedAt(), h.updatedAt()))
                .toList();
    }

    // ---- TradingControlRepository ----

    @Override
    public TradingControl current() {
        return control;
    }

    @Override
    public TradingControl setStopTrading(boolean on, String reason, String who) {
        throw new UnsupportedOperationException("memory store: the trading controls stay off");
    }

    @Override
    public TradingControl acknowledge(long errorId, String note, String who) {
        throw new UnsupportedOperationException("memory store: there are no errors to acknowledge");
    }

    @Override
    public TradingControl setSafeMode(boolean on, String reason, String who) {
        throw new UnsupportedOperationException("memory store: the trading controls stay off");
    }

    // ---- helpers ----

    private Instant now() {
        return micros(clock.instant());
    }

    private static void requireLimit(int limit) {
        if (limit < 0) {
            throw new IllegalArgumentException("LIMIT must not be negative: limit=" + limit);
        }
    }
}
