package dev.strela.memoryreplay;

import java.io.IOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.NavigableSet;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Function;
import java.util.function.Supplier;
import java.util.regex.Pattern;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;

import dev.strela.api.model.Direction;
import dev.strela.api.model.Fill;
import dev.strela.api.model.Instrument;
import dev.strela.api.model.Order;
import dev.strela.api.model.OrderSide;
import dev.strela.api.model.OrderStatus;
import dev.strela.api.model.OrderType;
import dev.strela.api.model.Position;
import dev.strela.api.model.RunIds;
import dev.strela.api.model.Timeframe;
import dev.strela.persistence.AccountSnapshot;
import dev.strela.persistence.BrokerChange;
import dev.strela.persistence.BrokerChange.ProtectiveOrder;
import dev.strela.persistence.BrokerChange.StatusChange;
import dev.strela.persistence.BrokerStore;
import dev.strela.persistence.DecisionRecord;
import dev.strela.persistence.ExecutionStore;
import dev.strela.persistence.NewDecision;
import dev.strela.persistence.NewOrder;
import dev.strela.persistence.OpenPositions;
import dev.strela.persistence.PositionRow;
import dev.strela.persistence.SignalRepository;
import dev.strela.persistence.SignalTransaction;
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
 * <li>One coarse lock. {@link #processSignal} holds it while its work runs, so the work sees its own writes and no
 * one else's half-done ones; writes apply at once and are undone (in reverse) when the transaction fails, as
 * {@link #apply} does for a broker call.</li>
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

    private static final Instant NO_LIMIT = Instant.parse("9999-12-31T00:00:00Z");
    private static final Set<String> ENTRY_TYPES = Set.of("MARKET", "LIMIT", "STOP");
    private static final Set<String> ORDER_TYPES = Set.of("MARKET", "LIMIT", "STOP", "STOP_LOSS", "TAKE_PROFIT");
    private static final Set<String> DECISIONS = Set.of("order", "refused", "not_sent");
    private static final Pattern LOWER_SNAKE = Pattern.compile("[a-z][a-z0-9_]*");
    private static final Pattern RUN_ID = Pattern.compile("[a-z][a-z0-9-]*");

    private final MarketView market;
    private final Clock clock;
    private final TradingControl control;
    private final Map<Long, UniverseRow> universe = new HashMap<>();
    private final Map<String, RunState> runs = new HashMap<>();
    private final Set<String> accountIds = new HashSet<>();
    private final Map<Long, SignalRow> signalsById = new HashMap<>();
    private final List<SignalRow> signalsInOrder = new ArrayList<>();
    private final Map<Long, SignalRow> lastSignalOfRow = new HashMap<>();
    private final NavigableSet<Long> unprocessedStanding = new TreeSet<>();
    private final Set<Long> lockedSignals = new HashSet<>();
    private final Map<Long, DecisionRecord> decisionsBySignal = new HashMap<>();
    private final Map<Long, OrderRow> ordersById = new HashMap<>();
    private final Map<String, OrderRow> ordersByClientId = new HashMap<>();
    private final Map<Long, List<OrderRow>> ordersBySignal = new HashMap<>();
    private final Map<String, OrderRow> ordersByBrokerId = new HashMap<>();
    private final Set<TradeKey> tradeKeys = new HashSet<>();
    private long signalSequence;
    private long decisionSequence;
    private long orderSequence;
    private long tradeSequence;

    public MemoryTradingStore(MarketView market, List<UniverseRow> rows, Clock clock) {
        this.market = Objects.requireNonNull(market, "market");
        this.clock = Objects.requireNonNull(clock, "clock");
        for (UniverseRow row : rows) {
            if (universe.putIfAbsent(row.id(), row) != null) {
                throw new IllegalArgumentException("rows: id " + row.id() + " appears twice");
            }
        }
        runs.put("live", new RunState("live"));
        runs.put("paper", new RunState("paper"));
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
        if (runs.containsKey(runId)) {
            throw new IllegalArgumentException("run_exists: run_id=" + runId);
        }
        runs.put(runId, new RunState(runId));
    }

    // ---- read-only copies for tests and the benchmark ----

    /** The run's live_trades rows in insert order. */
    public synchronized List<Trade> trades(String runId) {
        RunState run = runs.get(runId);
        return run == null ? List.of() : List.copyOf(run.trades);
    }

    /** The run's orders, lowest id first. */
    public synchronized List<Order> orders(String runId) {
        RunState run = runs.get(runId);
        return run == null ? List.of() : run.orders.stream().map(OrderRow::order).toList();
    }

    /** The run's live_positions rows (flat ones too), in the order they were first written. */
    public synchronized List<Holding> holdings(String runId) {
        RunState run = runs.get(runId);
        return run == null ? List.of() : List.copyOf(run.positions.values());
    }

    /** How many decisions the run has. */
    public synchronized long decisions(String runId) {
        RunState run = runs.get(runId);
        return run == null ? 0 : run.decisions;
    }

    /** How many signals the run has. */
    public synchronized long signals(String runId) {
        RunState run = runs.get(runId);
        return run == null ? 0 : run.signals;
    }

    // ---- SignalRepository ----

    @Override
    public Optional<Long> insert(String runId, long strategyUniverseId, String symbol, Timeframe timeframe,
                                 Instant signalTime, Instant barTime, String signalJson) {
        String tf = timeframe.code();
        String json = signalJson == null ? null : Jsonb.canonical(signalJson, "signal_json");
        synchronized (this) {
            long id = ++signalSequence;
            requireSignalColumns(runId, symbol, signalTime, barTime, json);
            if (!json.startsWith("{")) {
                throw violation("live_signals_json_object", "signal_id=" + id);
            }
            Instant bar = micros(barTime);
            RunState run = runs.get(runId);
            SignalKey key = new SignalKey(strategyUniverseId, bar);
            if (run != null && run.signalKeys.contains(key)) {
                return Optional.empty();   // ON CONFLICT ON CONSTRAINT live_signals_one_per_bar DO NOTHING
            }
            requireReferences(run, runId, strategyUniverseId, symbol);
            SignalRow row = new SignalRow(id, runId, strategyUniverseId, symbol, tf, bar, json, now());
            run.signalKeys.add(key);
            run.signals++;
            signalsById.put(id, row);
            signalsInOrder.add(row);
            lastSignalOfRow.put(strategyUniverseId, row);
            if (!RunIds.isReplay(runId)) {
                unprocessedStanding.add(id);
            }
            return Optional.of(id);
        }
    }

    @Override
    public synchronized Optional<StoredSignal> last(long strategyUniverseId) {
        return Optional.ofNullable(lastSignalOfRow.get(strategyUniverseId)).map(this::stored);
    }

    @Override
    public synchronized List<StoredSignal> recent(int limit, String strategy) {
        requireLimit(limit);
        List<StoredSignal> found = new ArrayList<>();
        for (int i = signalsInOrder.size() - 1; i >= 0 && found.size() < limit; i--) {
            StoredSignal s = stored(signalsInOrder.get(i));
            if (strategy == null || strategy.equals(s.strategy())) {
                found.add(s);
            }
        }
        return found;
    }

    private StoredSignal stored(SignalRow s) {
        return new StoredSignal(s.id, s.runId, s.rowId, universe.get(s.rowId).strategy(), s.symbol, s.timeframe,
                s.barTime, s.createdAt, s.json, s.processed);
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
        if (!universe.containsKey(strategyUniverseId)) {
            throw violation("live_signals_strategy_universe_id_fkey", "strategy_universe_id=" + strategyUniverseId);
        }
        if (market.instrument(symbol).isEmpty()) {
            throw violation("live_signals_symbol_fkey", "symbol=" + symbol);
        }
    }

    // ---- TradingStateRepository (cash(runId) also serves BrokerStore) ----

    @Override
    public synchronized Optional<Position> position(String runId, long strategyUniverseId, String symbol) {
        return positionOf(runs.get(runId), strategyUniverseId, symbol);
    }

    @Override
    public synchronized List<Order> activeOrders(String runId, long strategyUniverseId) {
        return activeOrdersOf(runs.get(runId), strategyUniverseId);
    }

    @Override
    public synchronized Optional<BigDecimal> cash(String runId) {
        return cashOf(runs.get(runId));
    }

    @Override
    public synchronized TradingSnapshot snapshot(String runId, long strategyUniverseId, String symbol) {
        RunState run = runs.get(runId);
        return new TradingSnapshot(cashOf(run), positionOf(run, strategyUniverseId, symbol),
                activeOrdersOf(run, strategyUniverseId));
    }

    @Override
    public synchronized Map<Long, TradingSnapshot> snapshots(String runId, Map<Long, String> symbolByRow) {
        if (symbolByRow.isEmpty()) {
            return Map.of();
        }
        RunState run = runs.get(runId);
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
        return unprocessedStanding.stream().limit(limit).toList();
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
            SignalRow row = signalsById.get(signalId);
            if (row == null || row.processed || !lockedSignals.add(signalId)) {
                return Optional.empty();
            }
            Transaction tx = new Transaction(row, stored(row), new Undo(now()));
            boolean committed = false;
            try {
                T result;
                try {
                    result = work.apply(tx);
                } finally {
                    tx.open = false;
                }
                if (!tx.decided) {
                    throw new IllegalStateException("signal_without_decision: signal_id=" + signalId);
                }
                Objects.requireNonNull(result, () -> "work returned null: signal_id=" + signalId);
                if (tx.failure != null) {
                    throw new IllegalStateException("transaction_aborted: signal_id=" + signalId
                            + ", cause=" + tx.failure.getMessage(), tx.failure);
                }
                committed = true;
                return Optional.of(result);
            } finally {
                lockedSignals.remove(signalId);
                if (!committed) {
                    tx.undo.rollback();
                }
            }
        }
    }

    @Override
    public synchronized Optional<DecisionRecord> decision(long signalId) {
        return Optional.ofNullable(decisionsBySignal.get(signalId));
    }

    @Override
    public synchronized List<Order> ordersOfSignal(long signalId) {
        return ordersBySignal.getOrDefault(signalId, List.of()).stream().map(OrderRow::order).toList();
    }

    @Override
    public synchronized void ensureAccount(String runId, String accountId, String broker, BigDecimal initialCash) {
        Objects.requireNonNull(runId, "runId");
        Objects.requireNonNull(accountId, "accountId");
        Objects.requireNonNull(broker, "broker");
        Objects.requireNonNull(initialCash, "initialCash");
        RunState run = runs.get(runId);
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
        if (!accountIds.add(accountId)) {
            throw violation("accounts_pkey", "id=" + accountId);
        }
        run.account = new Account(accountId, numeric(initialCash), now());
    }

    // ---- BrokerStore ----

    @Override
    public synchronized List<Order> newOrders(String broker) {
        return ofBroker(runs.values(), run -> run.fresh, broker).stream().map(OrderRow::order).toList();
    }

    @Override
    public synchronized List<Order> newOrders(String broker, String runId) {
        RunState run = runs.get(runId);
        return run == null ? List.of() : ofBroker(List.of(run), r -> r.fresh, broker).stream().map(OrderRow::order).toList();
    }

    @Override
    public synchronized List<WorkingOrderRow> workingOrders(String broker) {
        return ofBroker(runs.values(), run -> run.active, broker).stream()
                .filter(o -> o.status != OrderStatus.NEW)
                .map(o -> new WorkingOrderRow(o.runId, o.order(), o.filledLots, role(o.storedType),
                        o.parentOrderId == null ? null : ordersById.get(o.parentOrderId).clientOrderId))
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
                for (BrokerChange change : changes) {
                    Objects.requireNonNull(change, "change");
                    if (change instanceof StatusChange status) {
                        status(undo, status);
                    } else if (change instanceof ProtectiveOrder protective) {
                        protective(undo, protective);
                    } else {
                        trade(undo, runId, (BrokerChange.Trade) change);
                    }
                }
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
        RunState run = runs.get(runId);
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
        RunState run = runs.get(runId);
        if (run == null) {
            return List.of();
        }
        return run.positions.values().stream()
                .sorted(Comparator.comparing((Holding h) -> h.quantity() == 0)
                        .thenComparing(h -> universe.get(h.strategyUniverseId()).strategy())
                        .thenComparing(Holding::symbol).thenComparingLong(Holding::strategyUniverseId))
                .map(h -> new PositionRow(h.strategyUniverseId(), universe.get(h.strategyUniverseId()).strategy(),
                        h.symbol(), h.quantity(), h.lots(), h.averagePrice(), h.realizedPnl(), h.commission(),
                        h.openedAt(), h.updatedAt()))
                .toList();
    }

    private void status(Undo undo, StatusChange c) {
        OrderRow o = orderOrThrow(c.clientOrderId());
        if (!o.status.canTransitionTo(c.to())) {
            throw new IllegalStateException("order_transition_refused: client_order_id=" + c.clientOrderId()
                    + ", from=" + o.status + ", to=" + c.to());
        }
        if (c.filledLots() < o.filledLots) {
            throw new IllegalStateException("order_filled_lots_decrease: client_order_id=" + c.clientOrderId()
                    + ", from=" + o.filledLots + ", to=" + c.filledLots());
        }
        String brokerId = c.brokerOrderId() != null ? c.brokerOrderId() : o.brokerOrderId;
        String reason = c.to() == OrderStatus.REJECTED ? c.reason() : o.rejectReason;
        checkOrderState(o, c.to(), c.filledLots(), brokerId);
        OrderState before = new OrderState(o.status, o.filledLots, o.brokerOrderId, o.rejectReason, o.updatedAt);
        setState(o, new OrderState(c.to(), c.filledLots(), brokerId, reason, undo.now));
        undo.add(() -> setState(o, before));
    }

    /** The CHECK constraints and the unique broker order id an UPDATE of live_orders must pass. */
    private void checkOrderState(OrderRow o, OrderStatus to, long filled, String brokerId) {
        String row = "client_order_id=" + o.clientOrderId + ", status=" + to + ", filled_lots=" + filled;
        if (filled < 0 || filled > o.lots) {
            throw violation("live_orders_filled_range", row);
        }
        if (to == OrderStatus.FILLED && filled != o.lots) {
            throw violation("live_orders_filled_when_filled", row);
        }
        if (to == OrderStatus.PARTIALLY_FILLED && (filled <= 0 || filled >= o.lots)) {
            throw violation("live_orders_partial_when_partial", row);
        }
        if (to == OrderStatus.REJECTED && filled != 0) {
            throw violation("live_orders_rejected_unfilled", row);
        }
        OrderRow holder = brokerId == null ? null : ordersByBrokerId.get(brokerKey(o, brokerId));
        if (holder != null && holder != o) {
            throw violation("live_orders_broker_order_key", "run_id=" + o.runId + ", broker=" + o.broker
                    + ", broker_order_id=" + brokerId);
        }
    }

    /** Sets an order's changing columns, keeping the active and broker id indexes in step. */
    private void setState(OrderRow o, OrderState state) {
        RunState run = runs.get(o.runId);
        if (o.brokerOrderId != null) {
            ordersByBrokerId.remove(brokerKey(o, o.brokerOrderId));
        }
        run.unindex(o);
        o.status = state.status();
        o.filledLots = state.filledLots();
        o.brokerOrderId = state.brokerOrderId();
        o.rejectReason = state.rejectReason();
        o.updatedAt = state.updatedAt();
        run.index(o);
        if (o.brokerOrderId != null) {
            ordersByBrokerId.put(brokerKey(o, o.brokerOrderId), o);
        }
    }

    private static String brokerKey(OrderRow o, String brokerOrderId) {
        return o.runId + '\u0000' + o.broker + '\u0000' + brokerOrderId;
    }

    /** INSERT ... SELECT from the parent: no parent, no row (and no id taken). */
    private void protective(Undo undo, ProtectiveOrder c) {
        OrderRow parent = ordersByClientId.get(c.parentClientOrderId());
        if (parent == null) {
            throw new IllegalArgumentException("parent_order_not_found: client_order_id=" + c.parentClientOrderId());
        }
        long id = ++orderSequence;
        checkNewOrder(c.clientOrderId(), c.orderType(), c.lots(), c.price(), null, null, c.broker());
        addOrder(undo, new OrderRow(id, parent.runId, c.clientOrderId(), null, parent.id, parent.rowId, parent.symbol,
                c.side(), c.orderType(), c.lots(), numeric(c.price()), null, null, c.broker(), undo.now));
    }

    private void trade(Undo undo, String runId, BrokerChange.Trade c) {
        Fill fill = c.fill();
        OrderRow order = orderOrThrow(c.clientOrderId());
        if (!order.runId.equals(runId)) {
            throw new IllegalArgumentException("order_of_other_run: client_order_id=" + c.clientOrderId()
                    + ", order_run_id=" + order.runId + ", run_id=" + runId);
        }
        if (!order.symbol.equals(fill.instrumentId())
                || (fill.clientOrderId() != null && !fill.clientOrderId().equals(c.clientOrderId()))) {
            throw new IllegalArgumentException("fill_not_of_order: client_order_id=" + c.clientOrderId()
                    + ", symbol=" + order.symbol + ", fill_client_order_id=" + fill.clientOrderId()
                    + ", fill_instrument_id=" + fill.instrumentId());
        }
        long id = ++tradeSequence;
        if (fill.quantity() < fill.lots()) {
            throw violation("live_trades_quantity_covers_lots", "quantity=" + fill.quantity() + ", lots=" + fill.lots());
        }
        TradeKey key = new TradeKey(order.id, fill.tradeId());
        if (tradeKeys.contains(key)) {
            return;   // ON CONFLICT (order_id, broker_trade_id) DO NOTHING: nor position, nor cash
        }
        RunState run = runs.get(runId);
        run.trades.add(new Trade(id, runId, order.id, order.clientOrderId, order.rowId, order.symbol, fill.side(),
                order.storedType, fill.lots(), fill.quantity(), numeric(fill.price()), numeric(fill.commission()),
                micros(fill.time()), fill.tradeId()));
        tradeKeys.add(key);
        undo.add(() -> {
            run.trades.remove(run.trades.size() - 1);
            tradeKeys.remove(key);
        });
        upsertPosition(undo, run, order.symbol, c, micros(fill.time()));
        if (c.cashAfter() != null) {
            setCash(undo, run, c.cashAfter());
        }
    }

    /** UPSERT_POSITION: opened_at is the fill's when a side opens, kept while it stays open, NULL when flat. */
    private void upsertPosition(Undo undo, RunState run, String symbol, BrokerChange.Trade c, Instant fillTime) {
        boolean flat = c.positionQuantity() == 0;
        BigDecimal average = flat ? null : numeric(c.averagePrice());
        PositionKey key = new PositionKey(c.strategyUniverseId(), symbol);
        Holding old = run.positions.get(key);
        Instant opened = flat ? null : fillTime;
        if (old != null && !flat && Long.signum(old.quantity()) == Long.signum(c.positionQuantity())
                && old.openedAt() != null) {
            opened = old.openedAt();
        }
        Holding next = new Holding(run.id, c.strategyUniverseId(), symbol, c.positionQuantity(), c.positionLots(),
                average, numeric(c.realizedPnl()), numeric(c.positionCommission()), opened, undo.now);
        checkPosition(next);
        run.put(key, next);
        undo.add(() -> {
            if (old == null) {
                run.remove(key);
            } else {
                run.put(key, old);
            }
        });
    }

    private void checkPosition(Holding p) {
        String row = "strategy_universe_id=" + p.strategyUniverseId() + ", symbol=" + p.symbol() + ", quantity="
                + p.quantity() + ", lots=" + p.lots();
        if (Long.signum(p.quantity()) != Long.signum(p.lots())) {
            throw violation("live_positions_same_sign", row);
        }
        if (p.averagePrice() != null && p.averagePrice().signum() <= 0) {
            throw violation("live_positions_average_price_positive", row + ", average_price=" + p.averagePrice());
        }
        if (p.quantity() != 0 && (p.averagePrice() == null || p.openedAt() == null)) {
            throw violation("live_positions_open_has_price_and_time", row);
        }
        if (p.commission().signum() < 0) {
            throw violation("live_positions_commission_not_negative", row + ", commission=" + p.commission());
        }
        if (!universe.containsKey(p.strategyUniverseId())) {
            throw violation("live_positions_strategy_universe_id_fkey", row);
        }
    }

    private void setCash(Undo undo, RunState run, BigDecimal cash) {
        Account account = run.account;
        if (account == null) {
            throw new IllegalStateException("account_not_found: run_id=" + run.id);
        }
        BigDecimal before = account.cash;
        Instant touchedBefore = account.updatedAt;
        account.cash = numeric(cash);
        account.updatedAt = undo.now;
        undo.add(() -> {
            account.cash = before;
            account.updatedAt = touchedBefore;
        });
    }

    private OrderRow orderOrThrow(String clientOrderId) {
        OrderRow o = ordersByClientId.get(clientOrderId);
        if (o == null) {
            throw new IllegalArgumentException("order_not_found: client_order_id=" + clientOrderId);
        }
        return o;
    }

    // ---- orders: the checks of an INSERT and the indexes ----

    /** The column types and CHECK constraints of a new live_orders row, then its unique client order id. */
    private void checkNewOrder(String clientOrderId, String type, long lots, BigDecimal price, BigDecimal stopLoss,
                               BigDecimal takeProfit, String broker) {
        String row = "client_order_id=" + clientOrderId;
        if (clientOrderId.length() > Order.MAX_CLIENT_ORDER_ID_LENGTH) {
            throw violation("string_data_right_truncation", row + ", type=varchar(36)");
        }
        if (!ORDER_TYPES.contains(type)) {
            throw violation("live_orders_type_values", row + ", order_type=" + type);
        }
        if (clientOrderId.isEmpty()) {
            throw violation("live_orders_client_order_id_not_blank", row);
        }
        if (!LOWER_SNAKE.matcher(broker).matches()) {
            throw violation("live_orders_broker_format", row + ", broker=" + broker);
        }
        if (lots <= 0) {
            throw violation("live_orders_lots_positive", row + ", lots=" + lots);
        }
        for (BigDecimal p : Arrays.asList(price, stopLoss, takeProfit)) {
            if (p != null && p.signum() <= 0) {
                throw violation("live_orders_prices_positive", row + ", price=" + p.toPlainString());
            }
        }
        if (!type.equals("MARKET") && price == null) {
            throw violation("live_orders_priced_unless_market", row + ", order_type=" + type);
        }
        if (ordersByClientId.containsKey(clientOrderId)) {
            throw violation("live_orders_client_order_id_key", row);
        }
    }

    private void addOrder(Undo undo, OrderRow o) {
        RunState run = runs.get(o.runId);
        ordersById.put(o.id, o);
        ordersByClientId.put(o.clientOrderId, o);
        run.orders.add(o);
        run.index(o);
        if (o.signalId != null) {
            ordersBySignal.computeIfAbsent(o.signalId, s -> new ArrayList<>()).add(o);
        }
        undo.add(() -> {
            ordersById.remove(o.id);
            ordersByClientId.remove(o.clientOrderId);
            run.orders.remove(run.orders.size() - 1);
            run.unindex(o);
            if (o.signalId != null) {
                List<OrderRow> ofSignal = ordersBySignal.get(o.signalId);
                ofSignal.remove(ofSignal.size() - 1);
                if (ofSignal.isEmpty()) {
                    ordersBySignal.remove(o.signalId);
                }
            }
        });
    }

    private static String role(String storedType) {
        return switch (storedType) {
            case "STOP_LOSS" -> WorkingOrderRow.STOP_LOSS;
            case "TAKE_PROFIT" -> WorkingOrderRow.TAKE_PROFIT;
            default -> WorkingOrderRow.REGULAR;
        };
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

    // ---- the account as a signal's transaction sees it ----

    /** JdbiSignalTransaction.ACCOUNT, term by term in the same numeric arithmetic. */
    private AccountSnapshot accountSnapshot(RunState run, Instant asOf) {
        Map<String, Optional<BigDecimal>> closes = new HashMap<>(2 * (run.open.size() + run.activeEntries.size()) + 2);
        BigDecimal buys = null;
        for (OrderRow o : run.activeEntries.values()) {
            Optional<Instrument> instrument = o.side == OrderSide.BUY ? market.instrument(o.symbol) : Optional.empty();
            if (instrument.isPresent()) {
                BigDecimal price = o.price != null ? o.price : latestClose(closes, o.symbol, asOf).orElse(BigDecimal.ZERO);
                buys = plus(buys, BigDecimal.valueOf((o.lots - o.filledLots) * instrument.get().lot()).multiply(price));
            }
        }
        BigDecimal shorts = null;
        BigDecimal held = null;
        for (Holding p : run.open.values()) {
            BigDecimal price = latestClose(closes, p.symbol(), asOf).orElse(p.averagePrice());
            if (price != null) {
                BigDecimal value = BigDecimal.valueOf(p.quantity()).multiply(price);
                held = plus(held, value);
                if (p.quantity() < 0) {
                    shorts = plus(shorts, value.negate());   // -quantity * price, the same exact number
                }
            }
        }
        BigDecimal cash = run.account.cash;
        BigDecimal freeCash = cash.subtract(orZero(buys)).subtract(orZero(shorts));
        return new AccountSnapshot(run.account.id, cash, freeCash, cash.add(orZero(held)));
    }

    private Optional<BigDecimal> latestClose(Map<String, Optional<BigDecimal>> closes, String symbol, Instant asOf) {
        return closes.computeIfAbsent(symbol, s -> market.latestMinuteClose(s, asOf));
    }

    /** A sum over no rows is NULL, over rows their exact sum (scale: the largest). */
    private static BigDecimal plus(BigDecimal sum, BigDecimal term) {
        return sum == null ? term : sum.add(term);
    }

    private static BigDecimal orZero(BigDecimal sum) {
        return sum == null ? BigDecimal.ZERO : sum;
    }

    /** JdbiSignalTransaction.POSITIONS: slots of the run, of the row, the row's lots and its pending entry lots. */
    private static OpenPositions openPositions(RunState run, long rowId, String symbol) {
        Set<PositionKey> pendingSlots = new HashSet<>();
        long pending = 0;
        for (OrderRow o : run.activeEntries.values()) {
            PositionKey slot = new PositionKey(o.rowId, o.symbol);
            if (!run.open.containsKey(slot)) {
                pendingSlots.add(slot);
            }
            if (o.rowId == rowId && o.symbol.equals(symbol)) {
                pending += o.side == OrderSide.BUY ? o.lots - o.filledLots : o.filledLots - o.lots;
            }
        }
        int ofRow = run.openOfRow.getOrDefault(rowId, 0)
                + (int) pendingSlots.stream().filter(s -> s.rowId() == rowId).count();
        Holding own = run.positions.get(new PositionKey(rowId, symbol));
        return new OpenPositions(run.open.size() + pendingSlots.size(), ofRow, own == null ? 0 : own.lots(), pending);
    }

    // ---- helpers ----

    private Instant now() {
        return micros(clock.instant());
    }

    /** A time as timestamptz keeps it: rounded to the microsecond, half up, as the JDBC driver sends it. */
    private static Instant micros(Instant time) {
        if (time == null) {
            return null;
        }
        Instant truncated = time.truncatedTo(ChronoUnit.MICROS);
        return time.getNano() % 1000 >= 500 ? truncated.plusNanos(1000) : truncated;
    }

    /** An amount as numeric keeps it: its scale, but never a negative one (1E+2 is stored as 100). */
    private static BigDecimal numeric(BigDecimal value) {
        return value == null || value.scale() >= 0 ? value : value.setScale(0);
    }

    private static void requireLimit(int limit) {
        if (limit < 0) {
            throw new IllegalArgumentException("LIMIT must not be negative: limit=" + limit);
        }
    }

    /** A statement the schema refuses, named by its constraint. */
    private static IllegalArgumentException violation(String constraint, String details) {
        return new IllegalArgumentException("constraint_violation: constraint=" + constraint + ", " + details);
    }

    // ---- the signal's transaction ----

    /**
     * A {@link SignalTransaction} inside {@link #processSignal}, on the thread that holds the store's lock. As in
     * PostgreSQL, a statement that failed aborts the transaction: what follows fails, and it never commits.
     */
    private final class Transaction implements SignalTransaction {
        private final SignalRow row;
        private final StoredSignal signal;
        private final RunState run;
        private final Undo undo;
        private boolean open = true;
        private boolean decided;
        private RuntimeException failure;

        Transaction(SignalRow row, StoredSignal signal, Undo undo) {
            this.row = row;
            this.signal = signal;
            this.run = runs.get(row.runId);
            this.undo = undo;
        }

        @Override
        public StoredSignal signal() {
            requireOpen();
            return signal;
        }

        @Override
        public UniverseRow universeRow() {
            return statement(() -> universe.get(signal.strategyUniverseId()));
        }

        @Override
        public Optional<Instrument> instrument() {
            return statement(() -> market.instrument(signal.symbol()));
        }

        @Override
        public Optional<BigDecimal> barClose() {
            return statement(() -> market.close(signal.symbol(), Timeframe.fromCode(signal.timeframe()), signal.barTimestamp()));
        }

        @Override
        public Optional<AccountSnapshot> account() {
            return statement(() -> run.account == null ? Optional.empty() : Optional.of(accountSnapshot(run, asOf())));
        }

        /** For a replay the end of the signal's bar (its simulated now); for the standing runs no limit. */
        private Instant asOf() {
            return RunIds.isReplay(signal.runId())
                    ? signal.barTimestamp().plus(Timeframe.fromCode(signal.timeframe()).duration()) : NO_LIMIT;
        }

        @Override
        public OpenPositions positions() {
            return statement(() -> openPositions(run, signal.strategyUniverseId(), signal.symbol()));
        }

        @Override
        public TradingControl control() {
            return statement(() -> RunIds.isReplay(signal.runId()) ? new TradingControl(false, false, null, null, null) : control);
        }

        @Override
        public long recordDecision(NewDecision d) {
            requireOpen();
            if (decided) {
                throw new IllegalStateException("decision_already_recorded: signal_id=" + signal.id());
            }
            return statement(() -> {
                String facts = Jsonb.canonical(d.factsJson(), "facts_json");
                long id = ++decisionSequence;
                checkDecision(d, facts);
                decisionsBySignal.put(signal.id(), new DecisionRecord(signal.id(), signal.runId(), d.decision(),
                        d.refusalCode(), d.ruleSetVersion(), d.rulesFired(), facts, d.lots(), undo.now));
                run.decisions++;
                row.processed = true;
                unprocessedStanding.remove(signal.id());
                undo.add(() -> {
                    decisionsBySignal.remove(signal.id());
                    run.decisions--;
                    row.processed = false;
                    if (!RunIds.isReplay(row.runId)) {
                        unprocessedStanding.add(signal.id());
                    }
                });
                decided = true;
                return id;
            });
        }

        private void checkDecision(NewDecision d, String facts) {
            String row = "signal_id=" + signal.id() + ", decision=" + d.decision() + ", refusal_code=" + d.refusalCode()
                    + ", lots=" + d.lots();
            boolean order = d.decision().equals("order");
            if (!DECISIONS.contains(d.decision())) {
                throw violation("decisions_decision_values", row);
            }
            if (d.refusalCode() != null && !LOWER_SNAKE.matcher(d.refusalCode()).matches()) {
                throw violation("decisions_refusal_code_format", row);
            }
            if (order != (d.refusalCode() == null)) {
                throw violation("decisions_code_iff_not_order", row);
            }
            if (d.lots() != null && (d.lots() < 0 || (order && d.lots() == 0))) {
                throw violation(d.lots() < 0 ? "decisions_lots_not_negative" : "decisions_order_has_lots", row);
            }
            if (!facts.startsWith("{")) {
                throw violation("decisions_facts_object", row);
            }
        }

        @Override
        public Order insertOrder(NewOrder o) {
            return statement(() -> {
                long id = ++orderSequence;
                checkNewOrder(o.clientOrderId(), o.orderType(), o.lots(), o.price(), o.stopLoss(), o.takeProfit(),
                        o.broker());
                OrderRow parent = o.parentOrderId() == null ? null : ordersById.get(o.parentOrderId());
                if (o.parentOrderId() != null && (parent == null || !parent.runId.equals(signal.runId()))) {
                    throw violation("live_orders_parent_fk", "parent_order_id=" + o.parentOrderId()
                            + ", run_id=" + signal.runId());
                }
                OrderRow stored = new OrderRow(id, signal.runId(), o.clientOrderId(), signal.id(), o.parentOrderId(),
                        signal.strategyUniverseId(), signal.symbol(), o.side(), o.orderType(), o.lots(), numeric(o.price()),
                        numeric(o.stopLoss()), numeric(o.takeProfit()), o.broker(), undo.now);
                addOrder(undo, stored);
                return stored.order();
            });
        }

        /** One statement: on the lock's thread, in a transaction still usable; a failure aborts the transaction. */
        private <R> R statement(Supplier<R> statement) {
            requireOpen();
            if (failure != null) {
                throw new IllegalStateException("transaction_aborted: signal_id=" + signal.id() + ", cause="
                        + failure.getMessage(), failure);
            }
            try {
                return statement.get();
            } catch (RuntimeException e) {
                failure = e;
                throw e;
            }
        }

        private void requireOpen() {
            if (!open) {
                throw new IllegalStateException("signal_transaction_closed: signal_id=" + signal.id());
            }
            if (!Thread.holdsLock(MemoryTradingStore.this)) {
                throw new IllegalStateException("signal_transaction_other_thread: signal_id=" + signal.id());
            }
        }
    }

    // ---- rows ----

    /** What one run holds, indexed for the calls a replay makes on every bar. */
    private static final class RunState {
        final String id;
        Account account;
        long signals;
        long decisions;
        final Set<SignalKey> signalKeys = new HashSet<>();
        final List<OrderRow> orders = new ArrayList<>();
        final TreeMap<Long, OrderRow> active = new TreeMap<>();
        final TreeMap<Long, OrderRow> activeEntries = new TreeMap<>();
        final TreeMap<Long, OrderRow> fresh = new TreeMap<>();
        final Map<Long, TreeMap<Long, OrderRow>> activeByRow = new HashMap<>();
        final Map<PositionKey, Holding> positions = new LinkedHashMap<>();
        /** The positions with a non-zero quantity (and so non-zero lots), and how many each row has. */
        final Map<PositionKey, Holding> open = new HashMap<>();
        final Map<Long, Integer> openOfRow = new HashMap<>();
        final List<Trade> trades = new ArrayList<>();

        RunState(String id) {
            this.id = id;
        }

        void put(PositionKey key, Holding position) {
            positions.put(key, position);
            boolean wasOpen = position.quantity() != 0 ? open.put(key, position) != null : open.remove(key) != null;
            if (wasOpen != (position.quantity() != 0)) {
                openOfRow.merge(key.rowId(), wasOpen ? -1 : 1, Integer::sum);
            }
        }

        void remove(PositionKey key) {
            positions.remove(key);
            if (open.remove(key) != null) {
                openOfRow.merge(key.rowId(), -1, Integer::sum);
            }
        }

        /** Adds the order to the indexes its status puts it in: active, active entries, NEW. */
        void index(OrderRow o) {
            if (!o.status.isActive()) {
                return;
            }
            active.put(o.id, o);
            activeByRow.computeIfAbsent(o.rowId, r -> new TreeMap<>()).put(o.id, o);
            if (o.isEntry()) {
                activeEntries.put(o.id, o);
            }
            if (o.status == OrderStatus.NEW) {
                fresh.put(o.id, o);
            }
        }

        void unindex(OrderRow o) {
            active.remove(o.id);
            activeEntries.remove(o.id);
            fresh.remove(o.id);
            TreeMap<Long, OrderRow> ofRow = activeByRow.get(o.rowId);
            if (ofRow != null) {
                ofRow.remove(o.id);
                if (ofRow.isEmpty()) {
                    activeByRow.remove(o.rowId);
                }
            }
        }
    }

    /** The run's account: accounts.id, cash and when it was last written. */
    private static final class Account {
        final String id;
        BigDecimal cash;
        Instant updatedAt;

        Account(String id, BigDecimal initialCash, Instant createdAt) {
            this.id = id;
            this.cash = initialCash;
            this.updatedAt = createdAt;
        }
    }

    /** A live_signals row. */
    private static final class SignalRow {
        final long id;
        final String runId;
        final long rowId;
        final String symbol;
        final String timeframe;
        final Instant barTime;
        final String json;
        final Instant createdAt;
        boolean processed;

        SignalRow(long id, String runId, long rowId, String symbol, String timeframe, Instant barTime, String json,
                  Instant createdAt) {
            this.id = id;
            this.runId = runId;
            this.rowId = rowId;
            this.symbol = symbol;
            this.timeframe = timeframe;
            this.barTime = barTime;
            this.json = json;
            this.createdAt = createdAt;
        }
    }

    /** A live_orders row: what never changes, and the life-cycle columns a broker call sets. */
    private static final class OrderRow {
        final long id;
        final String runId;
        final String clientOrderId;
        final Long signalId;
        final Long parentOrderId;
        final long rowId;
        final String symbol;
        final OrderSide side;
        final String storedType;
        final long lots;
        final BigDecimal price;
        final BigDecimal stopLoss;
        final BigDecimal takeProfit;
        final String broker;
        final Instant createdAt;
        OrderStatus status = OrderStatus.NEW;
        long filledLots;
        String brokerOrderId;
        String rejectReason;
        Instant updatedAt;

        OrderRow(long id, String runId, String clientOrderId, Long signalId, Long parentOrderId, long rowId, String symbol,
                 OrderSide side, String storedType, long lots, BigDecimal price, BigDecimal stopLoss,
                 BigDecimal takeProfit, String broker, Instant createdAt) {
            this.id = id;
            this.runId = runId;
            this.clientOrderId = clientOrderId;
            this.signalId = signalId;
            this.parentOrderId = parentOrderId;
            this.rowId = rowId;
            this.symbol = symbol;
            this.side = side;
            this.storedType = storedType;
            this.lots = lots;
            this.price = price;
            this.stopLoss = stopLoss;
            this.takeProfit = takeProfit;
            this.broker = broker;
            this.createdAt = createdAt;
            this.updatedAt = createdAt;
        }

        /** Entry orders open or add to a position; STOP_LOSS and TAKE_PROFIT only protect one. */
        boolean isEntry() {
            return ENTRY_TYPES.contains(storedType);
        }

        /** As OrderRows.order maps the row: a protective order is a STOP or a LIMIT, no signal is signal 0. */
        Order order() {
            OrderType type = switch (storedType) {
                case "STOP_LOSS" -> OrderType.STOP;
                case "TAKE_PROFIT" -> OrderType.LIMIT;
                default -> OrderType.valueOf(storedType);
            };
            BigDecimal shown = price;
            if (shown == null && type != OrderType.MARKET) {
                shown = type == OrderType.STOP ? stopLoss : takeProfit;
            }
            return new Order(id, clientOrderId, rowId, signalId == null ? 0 : signalId, symbol, side, type, lots, shown,
                    stopLoss, takeProfit, status, brokerOrderId, createdAt);
        }
    }

    /** The life-cycle columns of an order, to set and to restore. */
    private record OrderState(OrderStatus status, long filledLots, String brokerOrderId, String rejectReason,
                              Instant updatedAt) {
    }

    private record PositionKey(long rowId, String symbol) {
    }

    /** live_signals_one_per_bar within a run. */
    private record SignalKey(long rowId, Instant barTime) {
    }

    /** live_trades_one_per_report. */
    private record TradeKey(long orderId, String brokerTradeId) {
    }

    /** One transaction's writes, undone in reverse when it fails; {@code now} is its {@code now()}. */
    private static final class Undo {
        final Instant now;
        private final Deque<Runnable> steps = new ArrayDeque<>();

        Undo(Instant now) {
            this.now = now;
        }

        void add(Runnable step) {
            steps.push(step);
        }

        void rollback() {
            while (!steps.isEmpty()) {
                steps.pop().run();
            }
        }
    }

    /**
     * JSON as PostgreSQL gives back a value cast to {@code jsonb}: keys sorted (shorter first, then by their UTF-8
     * bytes), a repeated key keeping its last value, {@code ", "} and {@code ": "} between items, numbers as
     * {@code numeric} prints them (no exponent), strings escaped as {@code escape_json} does. Text that is not JSON
     * is refused, as the cast refuses it.
     */
    static final class Jsonb {
        private static final JsonFactory FACTORY = new JsonFactory();
        private static final Comparator<String> KEY_ORDER = Jsonb::compareKeys;

        private Jsonb() {
        }

        /** jsonb's order of keys: by length in UTF-8 bytes, then byte by byte (unsigned). */
        private static int compareKeys(String a, String b) {
            if (isAscii(a) && isAscii(b)) {
                return a.length() != b.length() ? Integer.compare(a.length(), b.length()) : a.compareTo(b);
            }
            byte[] x = a.getBytes(StandardCharsets.UTF_8);
            byte[] y = b.getBytes(StandardCharsets.UTF_8);
            return x.length != y.length ? Integer.compare(x.length, y.length) : Arrays.compareUnsigned(x, y);
        }

        private static boolean isAscii(String s) {
            for (int i = 0; i < s.length(); i++) {
                if (s.charAt(i) >= 0x80) {
                    return false;
                }
            }
            return true;
        }

        static String canonical(String json, String column) {
            try (JsonParser p = FACTORY.createParser(json)) {
                JsonToken first = p.nextToken();
                if (first == null) {
                    throw new JsonParseException(p, "no value");
                }
                String value = value(p, first);
                if (p.nextToken() != null) {
                    throw new JsonParseException(p, "text after the value");
                }
                return value;
            } catch (JsonProcessingException e) {
                throw new IllegalArgumentException("invalid_json: column=" + column + ", error=" + e.getOriginalMessage(), e);
            } catch (IOException e) {
                throw new IllegalArgumentException("invalid_json: column=" + column + ", error=" + e.getMessage(), e);
            }
        }

        private static String value(JsonParser p, JsonToken token) throws IOException {
            return switch (token) {
                case START_OBJECT -> object(p);
                case START_ARRAY -> array(p);
                case VALUE_STRING -> quote(p, p.getText());
                case VALUE_NUMBER_INT, VALUE_NUMBER_FLOAT -> numeric(new BigDecimal(p.getText())).toPlainString();
                case VALUE_TRUE -> "true";
                case VALUE_FALSE -> "false";
                case VALUE_NULL -> "null";
                default -> throw new JsonParseException(p, "unexpected " + token);
            };
        }

        private static String object(JsonParser p) throws IOException {
            Map<String, String> members = new HashMap<>();
            for (JsonToken t = p.nextToken(); t != JsonToken.END_OBJECT; t = p.nextToken()) {
                String key = p.currentName();
                members.put(key, value(p, p.nextToken()));
            }
            List<String> keys = new ArrayList<>(members.keySet());
            keys.sort(KEY_ORDER);
            StringBuilder out = new StringBuilder("{");
            for (String key : keys) {
                out.append(out.length() > 1 ? ", " : "").append(quote(p, key)).append(": ").append(members.get(key));
            }
            return out.append('}').toString();
        }

        private static String array(JsonParser p) throws IOException {
            StringBuilder out = new StringBuilder("[");
            for (JsonToken t = p.nextToken(); t != JsonToken.END_ARRAY; t = p.nextToken()) {
                out.append(out.length() > 1 ? ", " : "").append(value(p, t));
            }
            return out.append(']').toString();
        }

        private static String quote(JsonParser p, String s) throws JsonParseException {
            StringBuilder out = new StringBuilder(s.length() + 2).append('"');
            for (int i = 0; i < s.length(); i++) {
                char c = s.charAt(i);
                switch (c) {
                    case '"' -> out.append("\\\"");
                    case '\\' -> out.append("\\\\");
                    case '\b' -> out.append("\\b");
                    case '\f' -> out.append("\\f");
                    case '\n' -> out.append("\\n");
                    case '\r' -> out.append("\\r");
                    case '\t' -> out.append("\\t");
                    case '\u0000' -> throw new JsonParseException(p, "unsupported Unicode escape sequence \\u0000");
                    default -> {
                        if (c < ' ') {
                            out.append(String.format("\\u%04x", (int) c));
                        } else {
                            out.append(c);
                        }
                    }
                }
            }
            return out.append('"').toString();
        }
    }
}
