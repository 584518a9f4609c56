package dev.strela.memoryreplay;

import static dev.strela.memoryreplay.PgValues.micros;
import static dev.strela.memoryreplay.PgValues.numeric;
import static dev.strela.memoryreplay.PgValues.violation;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.Objects;

import dev.strela.api.model.Fill;
import dev.strela.api.model.OrderStatus;
import dev.strela.memoryreplay.MemoryRows.Account;
import dev.strela.memoryreplay.MemoryRows.OrderRow;
import dev.strela.memoryreplay.MemoryRows.OrderState;
import dev.strela.memoryreplay.MemoryRows.PositionKey;
import dev.strela.memoryreplay.MemoryRows.RunState;
import dev.strela.memoryreplay.MemoryRows.TradeKey;
import dev.strela.memoryreplay.MemoryTradingStore.Holding;
import dev.strela.memoryreplay.MemoryTradingStore.Trade;
import dev.strela.persistence.BrokerChange;
import dev.strela.persistence.BrokerChange.ProtectiveOrder;
import dev.strela.persistence.BrokerChange.StatusChange;

/**
 * The statements of {@link MemoryTradingStore#apply}, as JdbiBrokerStore makes them: status changes, protective
 * orders, and trades with their position and cash, each with the checks the schema makes. Every write is recorded in
 * the call's {@link Undo}; the caller holds the store's lock and rolls the undo back when a change throws.
 */
final class BrokerChanges {

    private final MemoryTables db;

    BrokerChanges(MemoryTables db) {
        this.db = db;
    }

    /** Applies the changes in order, as one transaction whose writes {@code undo} records. */
    void apply(Undo undo, String runId, List<BrokerChange> changes) {
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
        OrderRow holder = brokerId == null ? null : db.ordersByBrokerId.get(brokerKey(o, brokerId));
        if (holder != null && holder != o) {
            throw violation("live_orders_broker_order_key", "run_id=" + o.runId + ", broker=" + o.broker
                    + ", broker_order_id=" + brokerId);
        }
    }

    /** Sets an order's changing columns, keeping the active and broker id indexes in step. */
    private void setState(OrderRow o, OrderState state) {
        RunState run = db.runs.get(o.runId);
        if (o.brokerOrderId != null) {
            db.ordersByBrokerId.remove(brokerKey(o, o.brokerOrderId));
        }
        run.unindex(o);
        o.status = state.status();
        o.filledLots = state.filledLots();
        o.brokerOrderId = state.brokerOrderId();
        o.rejectReason = state.rejectReason();
        o.updatedAt = state.updatedAt();
        run.index(o);
        if (o.brokerOrderId != null) {
            db.ordersByBrokerId.put(brokerKey(o, o.brokerOrderId), o);
        }
    }

    private static String brokerKey(OrderRow o, String brokerOrderId) {
        return o.runId + '\u0000' + o.broker + '\u0000' + brokerOrderId;
    }

    /** INSERT ... SELECT from the parent: no parent, no row (and no id taken). */
    private void protective(Undo undo, ProtectiveOrder c) {
        OrderRow parent = db.ordersByClientId.get(c.parentClientOrderId());
        if (parent == null) {
            throw new IllegalArgumentException("parent_order_not_found: client_order_id=" + c.parentClientOrderId());
        }
        long id = db.nextOrderId();
        db.checkNewOrder(c.clientOrderId(), c.orderType(), c.lots(), c.price(), null, null, c.broker());
        db.addOrder(undo, new OrderRow(id, parent.runId, c.clientOrderId(), null, parent.id, parent.rowId, parent.symbol,
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
        long id = db.nextTradeId();
        if (fill.quantity() < fill.lots()) {
            throw violation("live_trades_quantity_covers_lots", "quantity=" + fill.quantity() + ", lots=" + fill.lots());
        }
        TradeKey key = new TradeKey(order.id, fill.tradeId());
        if (db.tradeKeys.contains(key)) {
            return;   // ON CONFLICT (order_id, broker_trade_id) DO NOTHING: nor position, nor cash
        }
        RunState run = db.runs.get(runId);
        run.trades.add(new Trade(id, runId, order.id, order.clientOrderId, order.rowId, order.symbol, fill.side(),
                order.storedType, fill.lots(), fill.quantity(), numeric(fill.price()), numeric(fill.commission()),
                micros(fill.time()), fill.tradeId()));
        db.tradeKeys.add(key);
        undo.add(() -> {
            run.trades.remove(run.trades.size() - 1);
            db.tradeKeys.remove(key);
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
        if (!db.universe.containsKey(p.strategyUniverseId())) {
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
        OrderRow o = db.ordersByClientId.get(clientOrderId);
        if (o == null) {
            throw new IllegalArgumentException("order_not_found: client_order_id=" + clientOrderId);
        }
        return o;
    }
}
