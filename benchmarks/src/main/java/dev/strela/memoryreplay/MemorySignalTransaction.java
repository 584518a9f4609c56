package dev.strela.memoryreplay;

import static dev.strela.memoryreplay.PgValues.LOWER_SNAKE;
import static dev.strela.memoryreplay.PgValues.numeric;
import static dev.strela.memoryreplay.PgValues.violation;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;

import dev.strela.api.model.Instrument;
import dev.strela.api.model.Order;
import dev.strela.api.model.OrderSide;
import dev.strela.api.model.RunIds;
import dev.strela.api.model.Timeframe;
import dev.strela.memoryreplay.MemoryRows.OrderRow;
import dev.strela.memoryreplay.MemoryRows.PositionKey;
import dev.strela.memoryreplay.MemoryRows.RunState;
import dev.strela.memoryreplay.MemoryRows.SignalRow;
import dev.strela.memoryreplay.MemoryTradingStore.Holding;
import dev.strela.persistence.AccountSnapshot;
import dev.strela.persistence.DecisionRecord;
import dev.strela.persistence.NewDecision;
import dev.strela.persistence.NewOrder;
import dev.strela.persistence.OpenPositions;
import dev.strela.persistence.SignalTransaction;
import dev.strela.persistence.StoredSignal;
import dev.strela.persistence.TradingControl;
import dev.strela.persistence.UniverseRow;

/**
 * A {@link SignalTransaction} inside {@link MemoryTradingStore#processSignal}, on the thread that holds the store's
 * lock; its writes go to the tables at once and into the {@link Undo} that {@code processSignal} rolls back. As in
 * PostgreSQL, a statement that failed aborts the transaction: what follows fails, and it never commits.
 */
final class MemorySignalTransaction implements SignalTransaction {

    private static final Instant NO_LIMIT = Instant.parse("9999-12-31T00:00:00Z");
    private static final Set<String> DECISIONS = Set.of("order", "refused", "not_sent");

    private final Object lock;
    private final MemoryTables db;
    private final MarketView market;
    private final TradingControl control;
    private final SignalRow row;
    private final StoredSignal signal;
    private final RunState run;
    private final Undo undo;
    private boolean open = true;
    private boolean decided;
    private RuntimeException failure;

    /** {@code lock} is the store, whose monitor every statement requires its thread to hold. */
    MemorySignalTransaction(Object lock, MemoryTables db, MarketView market, TradingControl control, SignalRow row,
                            StoredSignal signal, Undo undo) {
        this.lock = lock;
        this.db = db;
        this.market = market;
        this.control = control;
        this.row = row;
        this.signal = signal;
        this.run = db.runs.get(row.runId);
        this.undo = undo;
    }

    @Override
    public StoredSignal signal() {
        requireOpen();
        return signal;
    }

    @Override
    public UniverseRow universeRow() {
        return statement(() -> db.universe.get(signal.strategyUniverseId()));
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
        return statement(() -> run.account == null ? Optional.empty() : Optional.of(accountSnapshot(asOf())));
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
            long id = db.nextDecisionId();
            checkDecision(d, facts);
            db.decisionsBySignal.put(signal.id(), new DecisionRecord(signal.id(), signal.runId(), d.decision(),
                    d.refusalCode(), d.ruleSetVersion(), d.rulesFired(), facts, d.lots(), undo.now));
            run.decisions++;
            row.processed = true;
            db.unprocessedStanding.remove(signal.id());
            undo.add(() -> {
                db.decisionsBySignal.remove(signal.id());
                run.decisions--;
                row.processed = false;
                if (!RunIds.isReplay(row.runId)) {
                    db.unprocessedStanding.add(signal.id());
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
            long id = db.nextOrderId();
            db.checkNewOrder(o.clientOrderId(), o.orderType(), o.lots(), o.price(), o.stopLoss(), o.takeProfit(),
                    o.broker());
            OrderRow parent = o.parentOrderId() == null ? null : db.ordersById.get(o.parentOrderId());
            if (o.parentOrderId() != null && (parent == null || !parent.runId.equals(signal.runId()))) {
                throw violation("live_orders_parent_fk", "parent_order_id=" + o.parentOrderId()
                        + ", run_id=" + signal.runId());
            }
            OrderRow stored = new OrderRow(id, signal.runId(), o.clientOrderId(), signal.id(), o.parentOrderId(),
                    signal.strategyUniverseId(), signal.symbol(), o.side(), o.orderType(), o.lots(), numeric(o.price()),
                    numeric(o.stopLoss()), numeric(o.takeProfit()), o.broker(), undo.now);
            db.addOrder(undo, stored);
            return stored.order();
        });
    }

    /** Whether the work recorded its decision. */
    boolean decided() {
        return decided;
    }

    /** The statement that aborted the transaction, or null. */
    RuntimeException failure() {
        return failure;
    }

    /** Called when the work returns or throws: no statement runs after it. */
    void close() {
        open = false;
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
        if (!Thread.holdsLock(lock)) {
            throw new IllegalStateException("signal_transaction_other_thread: signal_id=" + signal.id());
        }
    }

    // ---- the account and the positions as the transaction sees them ----

    /** JdbiSignalTransaction.ACCOUNT, term by term in the same numeric arithmetic. */
    private AccountSnapshot accountSnapshot(Instant asOf) {
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
}
