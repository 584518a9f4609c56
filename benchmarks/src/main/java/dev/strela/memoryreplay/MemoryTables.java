package dev.strela.memoryreplay;

import static dev.strela.memoryreplay.PgValues.LOWER_SNAKE;
import static dev.strela.memoryreplay.PgValues.violation;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.NavigableSet;
import java.util.Set;
import java.util.TreeSet;

import dev.strela.api.model.Order;
import dev.strela.api.model.RunIds;
import dev.strela.memoryreplay.MemoryRows.OrderRow;
import dev.strela.memoryreplay.MemoryRows.RunState;
import dev.strela.memoryreplay.MemoryRows.SignalKey;
import dev.strela.memoryreplay.MemoryRows.SignalRow;
import dev.strela.memoryreplay.MemoryRows.TradeKey;
import dev.strela.persistence.DecisionRecord;
import dev.strela.persistence.StoredSignal;
import dev.strela.persistence.UniverseRow;

/**
 * The tables of a {@link MemoryTradingStore}: the strategy universe, runs and their state, accounts, signals,
 * decisions, orders and trade keys, one id sequence per table, and the INSERT into live_orders that a signal's
 * transaction and a broker call both make. Not thread-safe: every caller holds the store's lock.
 */
final class MemoryTables {

    private static final Set<String> ORDER_TYPES = Set.of("MARKET", "LIMIT", "STOP", "STOP_LOSS", "TAKE_PROFIT");

    final Map<Long, UniverseRow> universe = new HashMap<>();
    final Map<String, RunState> runs = new HashMap<>();
    final Set<String> accountIds = new HashSet<>();
    final Map<Long, SignalRow> signalsById = new HashMap<>();
    final List<SignalRow> signalsInOrder = new ArrayList<>();
    final Map<Long, SignalRow> lastSignalOfRow = new HashMap<>();
    final NavigableSet<Long> unprocessedStanding = new TreeSet<>();
    final Map<Long, DecisionRecord> decisionsBySignal = new HashMap<>();
    final Map<Long, OrderRow> ordersById = new HashMap<>();
    final Map<String, OrderRow> ordersByClientId = new HashMap<>();
    final Map<Long, List<OrderRow>> ordersBySignal = new HashMap<>();
    final Map<String, OrderRow> ordersByBrokerId = new HashMap<>();
    final Set<TradeKey> tradeKeys = new HashSet<>();
    private long signalSequence;
    private long decisionSequence;
    private long orderSequence;
    private long tradeSequence;

    /** The universe's rows, and the runs {@code live} and {@code paper} the migration seeds. */
    MemoryTables(List<UniverseRow> rows) {
        for (UniverseRow row : rows) {
            if (universe.putIfAbsent(row.id(), row) != null) {
                throw new IllegalArgumentException("rows: id " + row.id() + " appears twice");
            }
        }
        runs.put("live", new RunState("live"));
        runs.put("paper", new RunState("paper"));
    }

    long nextSignalId() {
        return ++signalSequence;
    }

    long nextDecisionId() {
        return ++decisionSequence;
    }

    long nextOrderId() {
        return ++orderSequence;
    }

    long nextTradeId() {
        return ++tradeSequence;
    }

    /** The signal as JdbiSignalRepository selects it, joined with its universe row's strategy. */
    StoredSignal stored(SignalRow s) {
        return new StoredSignal(s.id, s.runId, s.rowId, universe.get(s.rowId).strategy(), s.symbol, s.timeframe,
                s.barTime, s.createdAt, s.json, s.processed);
    }

    /** Adds a checked signal to the tables and its run (signals are written outside any transaction: no undo). */
    void addSignal(RunState run, SignalKey key, SignalRow row) {
        run.signalKeys.add(key);
        run.signals++;
        signalsById.put(row.id, row);
        signalsInOrder.add(row);
        lastSignalOfRow.put(row.rowId, row);
        if (!RunIds.isReplay(row.runId)) {
            unprocessedStanding.add(row.id);
        }
    }

    /** The column types and CHECK constraints of a new live_orders row, then its unique client order id. */
    void checkNewOrder(String clientOrderId, String type, long lots, BigDecimal price, BigDecimal stopLoss,
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

    /** Adds a checked order to the tables and its run's indexes; the undo takes it out again. */
    void addOrder(Undo undo, OrderRow o) {
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
}
