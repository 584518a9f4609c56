package dev.strela.persistence.internal;


import java.math.BigDecimal;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

import dev.strela.api.error.ErrorCode;
import dev.strela.api.model.RunIds;
import dev.strela.persistence.RunRepository;

/** {@link RunRepository} through JDBI. */
@Component
public final class JdbiRunRepository implements RunRepository {

    private static final String RUN_COLUMNS = "id, kind, status, params::text AS params, started_at, finished_at";
    /** {@link TradeRow}'s columns, for a query that adds its WHERE and ORDER BY ({@code t} is {@code live_trades}). */
    static final String TRADE_SELECT = "SELECT t.id, t.order_id, o.client_order_id, o.strategy_universe_id, su.strategy,"
            + " t.symbol, t.side, o.order_type, t.lots, t.quantity, t.price, t.commission, t.executed_at,"
            + " coalesce(s.bar_timestamp, ps.bar_timestamp) AS signal_bar"
            + " FROM live_trades t JOIN live_orders o ON o.id = t.order_id"
            + " JOIN strategy_universe su ON su.id = o.strategy_universe_id"
            + " LEFT JOIN live_signals s ON s.id = o.signal_id"
            + " LEFT JOIN live_orders po ON po.id = o.parent_order_id"
            + " LEFT JOIN live_signals ps ON ps.id = po.signal_id";
    private static final String TRADES = TRADE_SELECT + " WHERE t.run_id = :run ORDER BY t.executed_at, t.id";

    private final ConnectedDatabase db;

    @Activate
    public JdbiRunRepository(@Reference ConnectedDatabase db) {
        this.db = db;
    }

    @Override
    public void createReplay(String runId, String paramsJson, String broker, BigDecimal initialCash) {
        Objects.requireNonNull(paramsJson, "paramsJson");
        Objects.requireNonNull(broker, "broker");
        Objects.requireNonNull(initialCash, "initialCash");
        if (!RunIds.isReplay(runId)) {
            throw new IllegalArgumentException("runId: a replay's id starts with 'replay-', was " + runId);
        }
        db.useTransaction(h -> {
            int added = h.createUpdate("INSERT INTO runs (id, kind, status, params) VALUES (:id, 'replay', 'running',"
                            + " CAST(:params AS jsonb)) ON CONFLICT (id) DO NOTHING")
                    .bind("id", runId).bind("params", paramsJson).execute();
            if (added == 0) {
                throw new IllegalArgumentException("run_exists: run_id=" + runId);
            }
            h.createUpdate("INSERT INTO accounts (id, run_id, broker, initial_cash, cash) VALUES (:id, :id, :broker, :cash, :cash)")
                    .bind("id", runId).bind("broker", broker).bind("cash", initialCash).execute();
        });
    }

    @Override
    public boolean finish(String runId, String status, String resultJson) {
        return db.withHandle(h -> h.createUpdate("UPDATE runs SET status = :status, finished_at = now(),"
                        + " params = params || CAST(:result AS jsonb) WHERE id = :id AND kind = 'replay' AND status = 'running'")
                .bind("id", runId).bind("status", status).bind("result", resultJson == null ? "{}" : resultJson)
                .execute()) == 1;
    }

    @Override
    public int failInterrupted(String reason) {
        return db.inTransaction(h -> {
            List<String> interrupted = h.createQuery("SELECT id FROM runs WHERE kind = 'replay' AND status = 'running'"
                    + " ORDER BY id FOR UPDATE").mapTo(String.class).list();
            if (interrupted.isEmpty()) {
                return 0;
            }
            String[] ids = interrupted.toArray(String[]::new);
            // Every signal keeps exactly one decision: the ones the replay wrote but never decided are not sent.
            h.createUpdate("INSERT INTO decisions (run_id, signal_id, decision, refusal_code, facts_json)"
                            + " SELECT s.run_id, s.id, 'not_sent', :code, jsonb_build_object('reason', CAST(:reason AS text))"
                            + " FROM live_signals s WHERE s.run_id = ANY(:runs)"
                            + " AND NOT EXISTS (SELECT 1 FROM decisions d WHERE d.signal_id = s.id)")
                    .bind("code", ErrorCode.REPLAY_INTERRUPTED.code()).bind("reason", reason).bind("runs", ids).execute();
            h.createUpdate("UPDATE live_signals SET processed = true, processed_at = now()"
                    + " WHERE run_id = ANY(:runs) AND NOT processed").bind("runs", ids).execute();
            // Its simulated exchange died with it: nothing it held is working any more (fills made are kept).
            h.createUpdate("UPDATE live_orders SET status = 'CANCELLED' WHERE run_id = ANY(:runs)"
                    + " AND status IN ('NEW', 'SUBMITTED', 'PARTIALLY_FILLED')").bind("runs", ids).execute();
            return h.createUpdate("UPDATE runs SET status = 'failed', finished_at = now(),"
                            + " params = params || jsonb_build_object('error', CAST(:reason AS text))"
                            + " WHERE id = ANY(:runs)")
                    .bind("reason", reason).bind("runs", ids).execute();
        });
    }

    @Override
    public Optional<RunRow> find(String runId) {
        return db.withHandle(h -> h.createQuery("SELECT " + RUN_COLUMNS + " FROM runs WHERE id = :id")
                .bind("id", runId).map((rs, ctx) -> run(rs)).findOne());
    }

    @Override
    public List<RunRow> recent(int limit) {
        return db.withHandle(h -> h.createQuery("SELECT " + RUN_COLUMNS + " FROM runs ORDER BY started_at DESC, id LIMIT :n")
                .bind("n", Math.max(0, limit)).map((rs, ctx) -> run(rs)).list());
    }

    @Override
    public Optional<AccountRow> account(String runId) {
        return db.withHandle(h -> h.createQuery("SELECT id, broker, initial_cash, cash FROM accounts WHERE run_id = :run"
                        + " ORDER BY id LIMIT 1")
                .bind("run", runId)
                .map((rs, ctx) -> new AccountRow(rs.getString(1), rs.getString(2), rs.getBigDecimal(3), rs.getBigDecimal(4)))
                .findOne());
    }

    @Override
    public List<TradeRow> trades(String runId) {
        return db.withHandle(h -> h.createQuery(TRADES).bind("run", runId).map((rs, ctx) -> trade(rs)).list());
    }

    /** Maps a row of {@link #TRADE_SELECT}. */
    static TradeRow trade(ResultSet rs) throws SQLException {
        return new TradeRow(rs.getLong("id"), rs.getLong("order_id"), rs.getString("client_order_id"),
                rs.getLong("strategy_universe_id"), rs.getString("strategy"), rs.getString("symbol"), rs.getString("side"),
                rs.getString("order_type"), rs.getLong("lots"), rs.getLong("quantity"), rs.getBigDecimal("price"),
                rs.getBigDecimal("commission"), rs.getTimestamp("executed_at").toInstant(),
                instant(rs.getTimestamp("signal_bar")));
    }

    @Override
    public Map<String, Long> refusals(String runId) {
        return counts("SELECT refusal_code, count(*) FROM decisions WHERE run_id = :run AND refusal_code IS NOT NULL"
                + " GROUP BY refusal_code ORDER BY count(*) DESC, refusal_code", runId);
    }

    @Override
    public Map<String, Long> errors(String runId) {
        return counts("SELECT code, sum(occurrences) FROM live_errors WHERE run_id = :run GROUP BY code ORDER BY sum(occurrences) DESC, code",
                runId);
    }

    @Override
    public long[] signalsAndDecisions(String runId) {
        return db.withHandle(h -> h.createQuery("SELECT (SELECT count(*) FROM live_signals WHERE run_id = :run),"
                        + " (SELECT count(*) FROM decisions WHERE run_id = :run)")
                .bind("run", runId).map((rs, ctx) -> new long[] {rs.getLong(1), rs.getLong(2)}).one());
    }

    private Map<String, Long> counts(String sql, String runId) {
        Map<String, Long> out = new LinkedHashMap<>();
        db.useHandle(h -> h.createQuery(sql).bind("run", runId)
                .map((rs, ctx) -> Map.entry(rs.getString(1), rs.getLong(2))).forEach(e -> out.put(e.getKey(), e.getValue())));
        return out;
    }

    private static RunRow run(ResultSet rs) throws SQLException {
        return new RunRow(rs.getString("id"), rs.getString("kind"), rs.getString("status"), rs.getString("params"),
                rs.getTimestamp("started_at").toInstant(), instant(rs.getTimestamp("finished_at")));
    }

    private static Instant instant(Timestamp t) {
        return t == null ? null : t.toInstant();
    }
}
