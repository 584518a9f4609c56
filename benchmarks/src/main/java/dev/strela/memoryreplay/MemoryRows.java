package dev.strela.memoryreplay;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

import dev.strela.api.model.Order;
import dev.strela.api.model.OrderSide;
import dev.strela.api.model.OrderStatus;
import dev.strela.api.model.OrderType;
import dev.strela.memoryreplay.MemoryTradingStore.Holding;
import dev.strela.memoryreplay.MemoryTradingStore.Trade;
import dev.strela.persistence.WorkingOrderRow;

/**
 * The rows {@link MemoryTables} holds and the keys of their unique constraints. Mutable, and only ever touched by a
 * thread that holds the {@link MemoryTradingStore}'s lock.
 */
final class MemoryRows {

    private MemoryRows() {
    }

    /** What one run holds, indexed for the calls a replay makes on every bar. */
    static final class RunState {
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
    static final class Account {
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
    static final class SignalRow {
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
    static final class OrderRow {
        private static final Set<String> ENTRY_TYPES = Set.of("MARKET", "LIMIT", "STOP");

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

        /** As OrderRows.role names the stored type: STOP_LOSS, TAKE_PROFIT, else REGULAR. */
        String role() {
            return switch (storedType) {
                case "STOP_LOSS" -> WorkingOrderRow.STOP_LOSS;
                case "TAKE_PROFIT" -> WorkingOrderRow.TAKE_PROFIT;
                default -> WorkingOrderRow.REGULAR;
            };
        }
    }

    /** The life-cycle columns of an order, to set and to restore. */
    record OrderState(OrderStatus status, long filledLots, String brokerOrderId, String rejectReason,
                      Instant updatedAt) {
    }

    /** The primary key of live_positions within a run. */
    record PositionKey(long rowId, String symbol) {
    }

    /** live_signals_one_per_bar within a run. */
    record SignalKey(long rowId, Instant barTime) {
    }

    /** live_trades_one_per_report. */
    record TradeKey(long orderId, String brokerTradeId) {
    }
}
