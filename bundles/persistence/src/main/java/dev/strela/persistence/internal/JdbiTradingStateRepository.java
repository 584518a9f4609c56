package dev.strela.persistence.internal;

import java.math.BigDecimal;
import java.util.List;
import java.util.Optional;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

import dev.strela.api.model.Direction;
import dev.strela.api.model.Order;
import dev.strela.api.model.Position;
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
                .map((rs, ctx) -> {
                    long lots = rs.getLong(1);
                    Direction direction = lots > 0 ? Direction.LONG : lots < 0 ? Direction.SHORT : Direction.FLAT;
                    // a closed position keeps its row (and realized PnL) with no average price: flat at 0
                    BigDecimal average = rs.getBigDecimal(2);
                    return new Position(strategyUniverseId, symbol, direction, Math.abs(lots),
                            average == null ? BigDecimal.ZERO : average, rs.getBigDecimal(3), rs.getTimestamp(4).toInstant());
                }).findOne());
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
}
