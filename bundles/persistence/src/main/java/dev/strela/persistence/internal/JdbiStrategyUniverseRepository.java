package dev.strela.persistence.internal;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.Optional;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

import dev.strela.api.model.Timeframe;
import dev.strela.api.model.TradingMode;
import dev.strela.persistence.StrategyUniverseRepository;
import dev.strela.persistence.UniverseRow;

/** {@code strategy_universe} through JDBI. */
@Component
public final class JdbiStrategyUniverseRepository implements StrategyUniverseRepository {

    static final String COLUMNS = "id, strategy, symbol, timeframe, enabled, mode, priority, params_json::text AS params, "
            + "risk_per_trade, max_stop_loss_fraction, max_positions_per_strategy, consecutive_failures, disabled_reason";
    private final ConnectedDatabase db;

    @Activate
    public JdbiStrategyUniverseRepository(@Reference ConnectedDatabase db) {
        this.db = db;
    }

    @Override
    public List<UniverseRow> active(String symbol, Timeframe timeframe) {
        return db.withHandle(h -> h.createQuery("SELECT " + COLUMNS + " FROM strategy_universe"
                        + " WHERE symbol = :s AND timeframe = :tf AND enabled AND mode IN ('paper', 'live')"
                        + " ORDER BY priority DESC, id")
                .bind("s", symbol).bind("tf", timeframe.code()).map((rs, ctx) -> row(rs)).list());
    }

    @Override
    public List<UniverseRow> all() {
        return db.withHandle(h -> h.createQuery("SELECT " + COLUMNS + " FROM strategy_universe ORDER BY id")
                .map((rs, ctx) -> row(rs)).list());
    }

    @Override
    public Optional<UniverseRow> find(long id) {
        return db.withHandle(h -> h.createQuery("SELECT " + COLUMNS + " FROM strategy_universe WHERE id = :id")
                .bind("id", id).map((rs, ctx) -> row(rs)).findOne());
    }

    @Override
    public long add(String strategy, String symbol, Timeframe timeframe, TradingMode mode, String paramsJson, boolean enabled) {
        return db.withHandle(h -> h.createQuery("INSERT INTO strategy_universe (strategy, symbol, timeframe, mode,"
                        + " params_json, enabled) VALUES (:st, :s, :tf, :m, CAST(:p AS jsonb), :e) RETURNING id")
                .bind("st", strategy).bind("s", symbol).bind("tf", timeframe.code()).bind("m", mode.code())
                .bind("p", paramsJson == null || paramsJson.isBlank() ? "{}" : paramsJson).bind("e", enabled)
                .mapTo(Long.class).one());
    }

    @Override
    public boolean setEnabled(long id, boolean enabled, String reason) {
        return db.withHandle(h -> h.createUpdate("UPDATE strategy_universe SET enabled = :e, disabled_reason = :r,"
                        + " consecutive_failures = CASE WHEN :e THEN 0 ELSE consecutive_failures END WHERE id = :id")
                .bind("e", enabled).bind("r", enabled ? null : reason).bind("id", id).execute()) == 1;
    }

    @Override
    public boolean setParam(long id, String key, String jsonValue) {
        return db.withHandle(h -> h.createUpdate("UPDATE strategy_universe"
                        + " SET params_json = jsonb_set(params_json, ARRAY[:k], CAST(:v AS jsonb), true) WHERE id = :id")
                .bind("k", key).bind("v", jsonValue).bind("id", id).execute()) == 1;
    }

    @Override
    public int recordFailure(long id) {
        return db.withHandle(h -> h.createQuery("UPDATE strategy_universe SET consecutive_failures ="
                        + " consecutive_failures + 1 WHERE id = :id RETURNING consecutive_failures")
                .bind("id", id).mapTo(Integer.class).findOne().orElse(0));
    }

    @Override
    public void resetFailures(long id) {
        db.useHandle(h -> h.createUpdate("UPDATE strategy_universe SET consecutive_failures = 0"
                + " WHERE id = :id AND consecutive_failures <> 0").bind("id", id).execute());
    }

    static UniverseRow row(ResultSet rs) throws SQLException {
        return new UniverseRow(rs.getLong("id"), rs.getString("strategy"), rs.getString("symbol"),
                Timeframe.fromCode(rs.getString("timeframe")), rs.getBoolean("enabled"), TradingMode.fromCode(rs.getString("mode")),
                rs.getInt("priority"), rs.getString("params"), rs.getBigDecimal("risk_per_trade"),
                rs.getBigDecimal("max_stop_loss_fraction"), rs.getInt("max_positions_per_strategy"),
                rs.getInt("consecutive_failures"), rs.getString("disabled_reason"));
    }
}
