package dev.strela.persistence.internal;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

import dev.strela.api.model.Timeframe;
import dev.strela.persistence.SignalRepository;
import dev.strela.persistence.StoredSignal;

/** {@code live_signals} through JDBI. */
@Component
public final class JdbiSignalRepository implements SignalRepository {

    static final String SELECT = """
            SELECT s.id, s.run_id, s.strategy_universe_id, u.strategy, s.symbol, s.timeframe, s.bar_timestamp,
                   s.created_at, s.signal_json::text, s.processed
            FROM live_signals s JOIN strategy_universe u ON u.id = s.strategy_universe_id
            """;
    private final ConnectedDatabase db;

    @Activate
    public JdbiSignalRepository(@Reference ConnectedDatabase db) {
        this.db = db;
    }

    @Override
    public Optional<Long> insert(String runId, long strategyUniverseId, String symbol, Timeframe timeframe, Instant signalTime,
                                 Instant barTime, String signalJson) {
        return db.withHandle(h -> h.createQuery("""
                        INSERT INTO live_signals (run_id, strategy_universe_id, symbol, timeframe, signal_timestamp, bar_timestamp, signal_json)
                        VALUES (:run, :row, :symbol, :tf, :st, :bt, CAST(:json AS jsonb))
                        ON CONFLICT ON CONSTRAINT live_signals_one_per_bar DO NOTHING
                        RETURNING id
                        """).bind("run", runId).bind("row", strategyUniverseId).bind("symbol", symbol).bind("tf", timeframe.code())
                .bind("st", signalTime).bind("bt", barTime).bind("json", signalJson).mapTo(Long.class).findOne());
    }

    @Override
    public Optional<StoredSignal> last(long strategyUniverseId) {
        return db.withHandle(h -> h.createQuery(SELECT + " WHERE s.strategy_universe_id = :row ORDER BY s.id DESC LIMIT 1")
                .bind("row", strategyUniverseId).map((rs, ctx) -> signal(rs)).findOne());
    }

    @Override
    public List<StoredSignal> recent(int limit, String strategy) {
        return db.withHandle(h -> h.createQuery(SELECT
                        + " WHERE CAST(:strategy AS text) IS NULL OR u.strategy = :strategy ORDER BY s.id DESC LIMIT :n")
                .bind("strategy", strategy).bind("n", limit).map((rs, ctx) -> signal(rs)).list());
    }

    static StoredSignal signal(java.sql.ResultSet rs) throws java.sql.SQLException {
        return new StoredSignal(rs.getLong(1), rs.getString(2), rs.getLong(3), rs.getString(4), rs.getString(5),
                rs.getString(6), rs.getTimestamp(7).toInstant(), rs.getTimestamp(8).toInstant(), rs.getString(9),
                rs.getBoolean(10));
    }
}
