package dev.strela.persistence.internal;

import java.math.BigDecimal;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

import org.jdbi.v3.core.Handle;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

import dev.strela.api.model.Fill;
import dev.strela.api.model.Order;
import dev.strela.api.model.OrderStatus;
import dev.strela.persistence.BrokerChange;
import dev.strela.persistence.BrokerChange.ProtectiveOrder;
import dev.strela.persistence.BrokerChange.StatusChange;
import dev.strela.persistence.BrokerChange.Trade;
import dev.strela.persistence.BrokerStore;
import dev.strela.persistence.PositionRow;
import dev.strela.persistence.WorkingOrderRow;

/**
 * The broker adapters' store through JDBI: each {@link #apply} is one transaction; status changes lock the order's
 * row, a repeated fill is recognized by {@code live_trades}' unique key and skipped with its position and cash.
 */
@Component
public final class JdbiBrokerStore implements BrokerStore {

    private static final String WORKING = "SELECT o.*, p.client_order_id AS parent_client_order_id FROM live_orders o"
            + " LEFT JOIN live_orders p ON p.id = o.parent_order_id"
            + " WHERE o.broker = :broker AND o.status IN " + OrderRows.WORKING_STATUSES + " ORDER BY o.id";
    private static final String POSITIONS = "SELECT p.*, su.strategy FROM live_positions p"
            + " JOIN strategy_universe su ON su.id = p.strategy_universe_id WHERE p.run_id = :run"
            + " ORDER BY p.quantity = 0, su.strategy, p.symbol, p.strategy_universe_id";
    private static final String INSERT_TRADE = "INSERT INTO live_trades (run_id, order_id, broker_trade_id, symbol,"
            + " side, lots, quantity, price, commission, executed_at)"
            + " VALUES (:run, :order, :trade, :symbol, :side, :lots, :quantity, :price, :commission, :time)"
            + " ON CONFLICT (order_id, broker_trade_id) DO NOTHING RETURNING id";
    /** A new position on a side (from flat or from the other side) takes the fill's time; one that stays keeps its. */
    private static final String UPSERT_POSITION = "INSERT INTO live_positions AS p (run_id, strategy_universe_id, symbol,"
            + " quantity, lots, average_price, realized_pnl, commission, opened_at)"
            + " VALUES (:run, :row, :symbol, :quantity, :lots, :avg, :pnl, :commission, :opened)"
            + " ON CONFLICT (run_id, strategy_universe_id, symbol) DO UPDATE SET quantity = EXCLUDED.quantity,"
            + " lots = EXCLUDED.lots, average_price = EXCLUDED.average_price, realized_pnl = EXCLUDED.realized_pnl,"
            + " commission = EXCLUDED.commission,"
            + " opened_at = CASE WHEN EXCLUDED.quantity = 0 THEN NULL"
            + "   WHEN sign(p.quantity) = sign(EXCLUDED.quantity) THEN coalesce(p.opened_at, EXCLUDED.opened_at)"
            + "   ELSE EXCLUDED.opened_at END";
    private static final String SET_CASH = "UPDATE accounts SET cash = :cash"
            + " WHERE id = (SELECT id FROM accounts WHERE run_id = :run ORDER BY id LIMIT 1)";

    private final ConnectedDatabase db;

    @Activate
    public JdbiBrokerStore(@Reference ConnectedDatabase db) {
        this.db = db;
    }

    @Override
    public List<Order> newOrders(String broker) {
        return db.withHandle(h -> h.createQuery("SELECT * FROM live_orders WHERE broker = :broker"
                        + " AND status = 'NEW' ORDER BY id")
                .bind("broker", broker).map((rs, ctx) -> OrderRows.order(rs)).list());
    }

    @Override
    public List<Order> newOrders(String broker, String runId) {
        return db.withHandle(h -> h.createQuery("SELECT * FROM live_orders WHERE broker = :broker AND run_id = :run"
                        + " AND status = 'NEW' ORDER BY id")
                .bind("broker", broker).bind("run", runId).map((rs, ctx) -> OrderRows.order(rs)).list());
    }

    @Override
    public List<WorkingOrderRow> workingOrders(String broker) {
        return db.withHandle(h -> h.createQuery(WORKING).bind("broker", broker)
                .map((rs, ctx) -> new WorkingOrderRow(rs.getString("run_id"), OrderRows.order(rs), rs.getLong("filled_lots"),
                        OrderRows.role(rs.getString("order_type")), rs.getString("parent_client_order_id")))
                .list());
    }

    @Override
    public void apply(String runId, List<BrokerChange> changes) {
        Objects.requireNonNull(runId, "runId");
        Objects.requireNonNull(changes, "changes");
        if (changes.isEmpty()) {
            return;
        }
        db.useTransaction(h -> {
            for (BrokerChange change : changes) {
                Objects.requireNonNull(change, "change");
                if (change instanceof StatusChange status) {
                    status(h, status);
                } else if (change instanceof ProtectiveOrder protective) {
                    protective(h, protective);
                } else {
                    trade(h, runId, (Trade) change);
                }
            }
        });
    }

    @Override
    public Optional<BigDecimal> cash(String runId) {
        return db.withHandle(h -> h.createQuery("SELECT cash FROM accounts WHERE run_id = :run ORDER BY id LIMIT 1")
                .bind("run", runId).mapTo(BigDecimal.class).findOne());
    }

    @Override
    public List<Order> recentOrders(String runId, int limit) {
        if (limit <= 0) {
            return List.of();
        }
        return db.withHandle(h -> h.createQuery("SELECT * FROM live_orders WHERE run_id = :run ORDER BY id DESC LIMIT :n")
                .bind("run", runId).bind("n", limit).map((rs, ctx) -> OrderRows.order(rs)).list());
    }

    @Override
    public List<PositionRow> positions(String runId) {
        return db.withHandle(h -> h.createQuery(POSITIONS).bind("run", runId)
                .map((rs, ctx) -> position(rs)).list());
    }

    private static void status(Handle h, StatusChange c) {
        StoredOrder stored = h.createQuery("SELECT id, run_id, symbol, status, filled_lots FROM live_orders"
                        + " WHERE client_order_id = :client FOR UPDATE")
                .bind("client", c.clientOrderId()).map((rs, ctx) -> storedOrder(rs)).findOne()
                .orElseThrow(() -> notFound("order_not_found", c.clientOrderId()));
        if (!stored.status().canTransitionTo(c.to())) {
            throw new IllegalStateException("order_transition_refused: client_order_id=" + c.clientOrderId()
                    + ", from=" + stored.status() + ", to=" + c.to());
        }
        if (c.filledLots() < stored.filledLots()) {
            throw new IllegalStateException("order_filled_lots_decrease: client_order_id=" + c.clientOrderId()
                    + ", from=" + stored.filledLots() + ", to=" + c.filledLots());
        }
        h.createUpdate("UPDATE live_orders SET status = :status, filled_lots = :filled,"
                        + " broker_order_id = coalesce(:brokerId, broker_order_id),"
                        + " reject_reason = CASE WHEN :rejected THEN :reason ELSE reject_reason END WHERE id = :id")
                .bind("status", c.to().name()).bind("filled", c.filledLots()).bind("brokerId", c.brokerOrderId())
                .bind("rejected", c.to() == OrderStatus.REJECTED).bind("reason", c.reason()).bind("id", stored.id())
                .execute();
    }

    private static void protective(Handle h, ProtectiveOrder c) {
        int inserted = h.createUpdate("INSERT INTO live_orders (run_id, client_order_id, signal_id, parent_order_id,"
                        + " strategy_universe_id, symbol, side, order_type, lots, price, status, broker)"
                        + " SELECT p.run_id, :client, NULL, p.id, p.strategy_universe_id, p.symbol, :side, :type, :lots,"
                        + " :price, 'NEW', :broker FROM live_orders p WHERE p.client_order_id = :parent")
                .bind("client", c.clientOrderId()).bind("side", c.side().name()).bind("type", c.orderType())
                .bind("lots", c.lots()).bind("price", c.price()).bind("broker", c.broker())
                .bind("parent", c.parentClientOrderId()).execute();
        if (inserted == 0) {
            throw notFound("parent_order_not_found", c.parentClientOrderId());
        }
    }

    private static void trade(Handle h, String runId, Trade c) {
        Fill fill = c.fill();
        StoredOrder order = h.createQuery("SELECT id, run_id, symbol, status, filled_lots FROM live_orders"
                        + " WHERE client_order_id = :client")
                .bind("client", c.clientOrderId()).map((rs, ctx) -> storedOrder(rs)).findOne()
                .orElseThrow(() -> notFound("order_not_found", c.clientOrderId()));
        if (!order.runId().equals(runId)) {
            throw new IllegalArgumentException("order_of_other_run: client_order_id=" + c.clientOrderId()
                    + ", order_run_id=" + order.runId() + ", run_id=" + runId);
        }
        if (!order.symbol().equals(fill.instrumentId())
                || (fill.clientOrderId() != null && !fill.clientOrderId().equals(c.clientOrderId()))) {
            throw new IllegalArgumentException("fill_not_of_order: client_order_id=" + c.clientOrderId()
                    + ", symbol=" + order.symbol() + ", fill_client_order_id=" + fill.clientOrderId()
                    + ", fill_instrument_id=" + fill.instrumentId());
        }
        boolean inserted = h.createQuery(INSERT_TRADE)
                .bind("run", runId).bind("order", order.id()).bind("trade", fill.tradeId()).bind("symbol", order.symbol())
                .bind("side", fill.side().name()).bind("lots", fill.lots()).bind("quantity", fill.quantity())
                .bind("price", fill.price()).bind("commission", fill.commission()).bind("time", fill.time())
                .mapTo(Long.class).findOne().isPresent();
        if (!inserted) {
            return;
        }
        boolean flat = c.positionQuantity() == 0;
        h.createUpdate(UPSERT_POSITION)
                .bind("run", runId).bind("row", c.strategyUniverseId()).bind("symbol", order.symbol())
                .bind("quantity", c.positionQuantity()).bind("lots", c.positionLots())
                .bind("avg", flat ? null : c.averagePrice()).bind("pnl", c.realizedPnl())
                .bind("commission", c.positionCommission()).bind("opened", flat ? null : Timestamp.from(fill.time()))
                .execute();
        if (c.cashAfter() != null
                && h.createUpdate(SET_CASH).bind("run", runId).bind("cash", c.cashAfter()).execute() == 0) {
            throw new IllegalStateException("account_not_found: run_id=" + runId);
        }
    }

    private static IllegalArgumentException notFound(String code, String clientOrderId) {
        return new IllegalArgumentException(code + ": client_order_id=" + clientOrderId);
    }

    private static StoredOrder storedOrder(ResultSet rs) throws SQLException {
        return new StoredOrder(rs.getLong("id"), rs.getString("run_id"), rs.getString("symbol"),
                OrderStatus.valueOf(rs.getString("status")), rs.getLong("filled_lots"));
    }

    static PositionRow position(ResultSet rs) throws SQLException {
        Timestamp opened = rs.getTimestamp("opened_at");
        return new PositionRow(rs.getLong("strategy_universe_id"), rs.getString("strategy"), rs.getString("symbol"),
                rs.getLong("quantity"), rs.getLong("lots"), rs.getBigDecimal("average_price"),
                rs.getBigDecimal("realized_pnl"), rs.getBigDecimal("commission"),
                opened == null ? null : opened.toInstant(), rs.getTimestamp("updated_at").toInstant());
    }

    /** What a change needs of a stored order. */
    private record StoredOrder(long id, String runId, String symbol, OrderStatus status, long filledLots) {
    }
}
