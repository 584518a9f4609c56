package dev.strela.persistence.internal;

import java.math.BigDecimal;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
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

    /** One query: the account's cash and the position on every row, joined with the row's working orders, if any. */
    @Override
    public TradingSnapshot snapshot(String runId, long strategyUniverseId, String symbol) {
        return db.withHandle(h -> h.createQuery("SELECT (SELECT cash FROM accounts WHERE run_id = :run ORDER BY id LIMIT 1)"
                        + " AS account_cash, p.lots AS p_lots, p.average_price AS p_average_price,"
                        + " p.realized_pnl AS p_realized_pnl, p.updated_at AS p_updated_at, o.*"
                        + " FROM (SELECT 1) AS one"
                        + " LEFT JOIN live_positions p ON p.run_id = :run AND p.strategy_universe_id = :row AND p.symbol = :s"
                        + " LEFT JOIN live_orders o ON o.run_id = :run AND o.strategy_universe_id = :row"
                        + " AND o.status IN " + OrderRows.ACTIVE_STATUSES + " ORDER BY o.id")
                .bind("run", runId).bind("row", strategyUniverseId).bind("s", symbol)
                .scanResultSet((results, ctx) -> {
                    ResultSet rs = results.get();
                    Optional<BigDecimal> cash = Optional.empty();
                    Optional<Position> position = Optional.empty();
                    List<Order> orders = new ArrayList<>();
                    boolean first = true;
                    while (rs.next()) {
                        if (first) {
                            cash = Optional.ofNullable(rs.getBigDecimal("account_cash"));
                            position = rs.getTimestamp("p_updated_at") == null ? Optional.empty()
                                    : Optional.of(position(rs, strategyUniverseId, symbol, "p_"));
                            first = false;
                        }
                        if (rs.getObject("id") != null) {
                            orders.add(OrderRows.order(rs));
                        }
                    }
                    return new TradingSnapshot(cash, position, orders);
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
