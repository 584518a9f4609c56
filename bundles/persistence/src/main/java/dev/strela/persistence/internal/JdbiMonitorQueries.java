package dev.strela.persistence.internal;

import java.math.BigDecimal;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.jdbi.v3.core.statement.Query;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

import dev.strela.persistence.MonitorQueries;
import dev.strela.persistence.PositionRow;
import dev.strela.persistence.RunRepository.TradeRow;
import dev.strela.persistence.StoredSignal;

/** {@link MonitorQueries} through JDBI: every page is one indexed query with a keyset condition and a LIMIT. */
@Component
public final class JdbiMonitorQueries implements MonitorQueries {

    private static final String ORDERS = "SELECT o.*, p.client_order_id AS parent_client_order_id FROM live_orders o"
            + " LEFT JOIN live_orders p ON p.id = o.parent_order_id WHERE o.run_id = :run";
    private static final String POSITIONS = "SELECT p.*, su.strategy FROM live_positions p"
            + " JOIN strategy_universe su ON su.id = p.strategy_universe_id WHERE p.run_id = :run";
    /** One backward index scan of {@code candles_1m}'s primary key per instrument. */
    private static final String LAST_CLOSES = "SELECT i.id, c.close FROM unnest(CAST(:ids AS text[])) AS i(id)"
            + " CROSS JOIN LATERAL (SELECT close FROM candles_1m WHERE instrument_id = i.id"
            + " ORDER BY open_time DESC LIMIT 1) c";

    private final ConnectedDatabase db;

    @Activate
    public JdbiMonitorQueries(@Reference ConnectedDatabase db) {
        this.db = db;
    }

    @Override
    public List<OrderRow> orders(String runId, boolean activeOnly, Long beforeId, int limit) {
        String sql = ORDERS + (activeOnly ? " AND o.status IN " + OrderRows.ACTIVE_STATUSES : "")
                + (beforeId == null ? "" : " AND o.id < :before") + " ORDER BY o.id DESC LIMIT :n";
        return db.withHandle(h -> page(h.createQuery(sql), runId, beforeId, limit)
                .map((rs, ctx) -> new OrderRow(rs.getString("run_id"), OrderRows.order(rs), rs.getLong("filled_lots"),
                        OrderRows.role(rs.getString("order_type")), rs.getString("reject_reason"),
                        rs.getTimestamp("updated_at").toInstant()))
                .list());
    }

    @Override
    public List<PositionRow> positions(String runId, boolean openOnly, PositionKey after, int limit) {
        String sql = POSITIONS + (openOnly ? " AND p.quantity <> 0" : "")
                + (after == null ? "" : " AND (p.strategy_universe_id, p.symbol) > (:afterRow, :afterSymbol)")
                + " ORDER BY p.strategy_universe_id, p.symbol LIMIT :n";
        return db.withHandle(h -> {
            Query q = h.createQuery(sql).bind("run", runId).bind("n", Math.max(0, limit));
            if (after != null) {
                q.bind("afterRow", after.strategyUniverseId()).bind("afterSymbol", after.symbol());
            }
            return q.map((rs, ctx) -> JdbiBrokerStore.position(rs)).list();
        });
    }

    @Override
    public long countPositions(String runId, boolean openOnly) {
        return db.withHandle(h -> h.createQuery("SELECT count(*) FROM live_positions WHERE run_id = :run"
                        + (openOnly ? " AND quantity <> 0" : ""))
                .bind("run", runId).mapTo(Long.class).one());
    }

    @Override
    public List<TradeRow> trades(String runId, Long beforeId, int limit) {
        String sql = JdbiRunRepository.TRADE_SELECT + " WHERE t.run_id = :run"
                + (beforeId == null ? "" : " AND t.id < :before") + " ORDER BY t.id DESC LIMIT :n";
        return db.withHandle(h -> page(h.createQuery(sql), runId, beforeId, limit)
                .map((rs, ctx) -> JdbiRunRepository.trade(rs)).list());
    }

    @Override
    public List<StoredSignal> signals(String runId, Long beforeId, int limit) {
        String sql = JdbiSignalRepository.SELECT + " WHERE s.run_id = :run"
                + (beforeId == null ? "" : " AND s.id < :before") + " ORDER BY s.id DESC LIMIT :n";
        return db.withHandle(h -> page(h.createQuery(sql), runId, beforeId, limit)
                .map((rs, ctx) -> JdbiSignalRepository.signal(rs)).list());
    }

    @Override
    public Map<String, BigDecimal> lastCloses(Collection<String> instrumentIds) {
        Map<String, BigDecimal> out = new LinkedHashMap<>();
        if (instrumentIds.isEmpty()) {
            return out;
        }
        db.useHandle(h -> h.createQuery(LAST_CLOSES).bind("ids", instrumentIds.toArray(String[]::new))
                .map((rs, ctx) -> Map.entry(rs.getString(1), rs.getBigDecimal(2)))
                .forEach(e -> out.put(e.getKey(), e.getValue())));
        return out;
    }

    private static Query page(Query q, String runId, Long beforeId, int limit) {
        q.bind("run", runId).bind("n", Math.max(0, limit));
        return beforeId == null ? q : q.bind("before", beforeId);
    }
}
