package dev.strela.persistence.internal;

import java.math.BigDecimal;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

import dev.strela.api.model.Direction;
import dev.strela.api.model.Order;
import dev.strela.api.model.Position;
import dev.strela.persistence.TradingSnapshot;
import dev.strela.persistence.TradingStateRepository;

/** Positions, working orders and account cash through JDBI. */
@Component
public final class JdbiTradingStateRepository implements TradingStateRepository {

    private final ConnectedDatabase db;

    @Activate
    public JdbiTradingStateRepository(@Reference ConnectedDatabase db) {
        this.db = db;
    }

    @Override
    public Optional<Position> position(String runId, long strategyUniverseId, String symbol) {
        return db.withHandle(h -> h.createQuery("SELECT lots, average_price, realized_pnl, updated_at FROM live_positions"
                        + " WHERE run_id = :run AND strategy_universe_id = :row AND symbol = :s")
                .bind("run", runId).bind("row", strategyUniverseId).bind("s", symbol)
                .map((rs, ctx) -> position(rs, strategyUniverseId, symbol, "")).findOne());
    }

    @Override
    public List<Order> activeOrders(String runId, long strategyUniverseId) {
        return db.withHandle(h -> h.createQuery("SELECT * FROM live_orders WHERE run_id = :run"
                        + " AND strategy_universe_id = :row AND status IN " + OrderRows.ACTIVE_STATUSES + " ORDER BY id")
                .bind("run", runId).bind("row", strategyUniverseId).map((rs, ctx) -> OrderRows.order(rs)).list());
    }

    @Override
    public Optional<BigDecimal> cash(String runId) {
        return db.withHandle(h -> h.createQuery("SELECT cash FROM accounts WHERE run_id = :run ORDER BY id LIMIT 1")
                .bind("run", runId).mapTo(BigDecimal.class).findOne());
    }

    @Override
    public TradingSnapshot snapshot(String runId, long strategyUniverseId, String symbol) {
        return snapshots(runId, Map.of(strategyUniverseId, symbol)).get(strategyUniverseId);
    }

    /**
     * One query for all the rows: the account's cash, and each row's position joined with its working orders, if any.
     */
    @Override
    public Map<Long, TradingSnapshot> snapshots(String runId, Map<Long, String> symbolByRow) {
        if (symbolByRow.isEmpty()) {
            return Map.of();
        }
        List<Long> rows = new ArrayList<>(symbolByRow.keySet());
        List<String> symbols = rows.stream().map(symbolByRow::get).toList();
        return db.withHandle(h -> h.createQuery("SELECT r.row_id AS r_row_id,"
                        + " (SELECT cash FROM accounts WHERE run_id = :run ORDER BY id LIMIT 1) AS account_cash,"
                        + " p.lots AS p_lots, p.average_price AS p_average_price, p.realized_pnl AS p_realized_pnl,"
                        + " p.updated_at AS p_updated_at, o.*"
                        + " FROM unnest(:rows, :symbols) AS r (row_id, symbol)"
                        + " LEFT JOIN live_positions p ON p.run_id = :run AND p.strategy_universe_id = r.row_id"
                        + " AND p.symbol = r.symbol"
                        + " LEFT JOIN live_orders o ON o.run_id = :run AND o.strategy_universe_id = r.row_id"
                        + " AND o.status IN " + OrderRows.ACTIVE_STATUSES + " ORDER BY r.row_id, o.id")
                .bind("run", runId).bindArray("rows", Long.class, rows).bindArray("symbols", String.class, symbols)
                .scanResultSet((results, ctx) -> {
                    ResultSet rs = results.get();
                    Map<Long, Optional<Position>> positions = new HashMap<>();
                    Map<Long, List<Order>> orders = new HashMap<>();
                    Optional<BigDecimal> cash = Optional.empty();
                    while (rs.next()) {
                        long row = rs.getLong("r_row_id");
                        cash = Optional.ofNullable(rs.getBigDecimal("account_cash"));
                        if (!positions.containsKey(row)) {
                            positions.put(row, rs.getTimestamp("p_updated_at") == null ? Optional.empty()
                                    : Optional.of(position(rs, row, symbolByRow.get(row), "p_")));
                        }
                        List<Order> rowOrders = orders.computeIfAbsent(row, r -> new ArrayList<>());
                        if (rs.getObject("id") != null) {
                            rowOrders.add(OrderRows.order(rs));
                        }
                    }
                    Map<Long, TradingSnapshot> snapshots = new HashMap<>();
                    for (long row : rows) {
                        snapshots.put(row, new TradingSnapshot(cash, positions.getOrDefault(row, Optional.empty()),
                                orders.getOrDefault(row, List.of())));
                    }
                    return snapshots;
                }));
    }

    /** A position row's columns, named with {@code prefix}; a closed position (no average price) is flat at 0. */
    private static Position position(ResultSet rs, long strategyUniverseId, String symbol, String prefix) throws SQLException {
        long lots = rs.getLong(prefix + "lots");
        Direction direction = lots > 0 ? Direction.LONG : lots < 0 ? Direction.SHORT : Direction.FLAT;
        BigDecimal average = rs.getBigDecimal(prefix + "average_price");
        return new Position(strategyUniverseId, symbol, direction, Math.abs(lots),
                average == null ? BigDecimal.ZERO : average, rs.getBigDecimal(prefix + "realized_pnl"),
                rs.getTimestamp(prefix + "updated_at").toInstant());
    }
}
