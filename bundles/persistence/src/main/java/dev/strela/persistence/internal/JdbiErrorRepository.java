package dev.strela.persistence.internal;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import org.jdbi.v3.core.statement.Query;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

import dev.strela.api.error.ErrorSource;
import dev.strela.persistence.ErrorRepository;

/** {@link ErrorRepository} through JDBI. */
@Component
public final class JdbiErrorRepository implements ErrorRepository {

    private static final List<String> SEVERITIES = List.of("info", "warning", "error", "critical");
    private static final String COLUMNS = "SELECT id, last_seen, source, severity, code, strategy_universe_id, symbol,"
            + " timeframe, run_id, occurrences, message FROM live_errors";

    private final ConnectedDatabase db;

    @Activate
    public JdbiErrorRepository(@Reference ConnectedDatabase db) {
        this.db = db;
    }

    @Override
    public List<ErrorRow> recent(String source, String severity, String code, Instant since, int limit) {
        List<String> shown = shownSeverities(source, severity);
        return db.withHandle(h -> {
            Query q = h.createQuery(COLUMNS + " WHERE severity = ANY(:severities)"
                            + (source == null ? "" : " AND source = :source")
                            + (code == null ? "" : " AND code = :code")
                            + (since == null ? "" : " AND last_seen >= :since")
                            + " ORDER BY last_seen DESC, id DESC LIMIT :n")
                    .bindArray("severities", String.class, shown.toArray(Object[]::new)).bind("n", Math.max(0, limit));
            bindIfSet(q, "source", source);
            bindIfSet(q, "code", code);
            bindIfSet(q, "since", since);
            return q.map((rs, ctx) -> row(rs)).list();
        });
    }

    @Override
    public List<ErrorRow> page(ErrorFilter filter, Long beforeId, int limit) {
        List<String> shown = shownSeverities(filter.source(), filter.severity());
        if (filter.from() != null && filter.to() != null && !filter.from().isBefore(filter.to())) {
            throw new IllegalArgumentException("from: must be before to, was from=" + filter.from() + " to=" + filter.to());
        }
        // Without a severity filter no condition is written for it: the planner then walks the primary key backwards.
        String sql = COLUMNS + " WHERE true"
                + (filter.severity() == null ? "" : " AND severity = ANY(:severities)")
                + (filter.source() == null ? "" : " AND source = :source")
                + (filter.code() == null ? "" : " AND code = :code")
                + (filter.from() == null ? "" : " AND last_seen >= :from")
                + (filter.to() == null ? "" : " AND first_seen < :to")
                + (beforeId == null ? "" : " AND id < :before")
                + " ORDER BY id DESC LIMIT :n";
        return db.withHandle(h -> {
            Query q = h.createQuery(sql).bind("n", Math.max(0, limit));
            if (filter.severity() != null) {
                q.bindArray("severities", String.class, shown.toArray(Object[]::new));
            }
            bindIfSet(q, "source", filter.source());
            bindIfSet(q, "code", filter.code());
            bindIfSet(q, "from", filter.from());
            bindIfSet(q, "to", filter.to());
            bindIfSet(q, "before", beforeId);
            return q.map((rs, ctx) -> row(rs)).list();
        });
    }

    @Override
    public Map<String, Map<String, Long>> countsSince(Instant since) {
        Map<String, Map<String, Long>> out = new TreeMap<>();
        db.useHandle(h -> h.createQuery("SELECT source, severity, sum(occurrences) FROM live_errors"
                        + " WHERE last_seen >= :since GROUP BY source, severity")
                .bind("since", since)
                .map((rs, ctx) -> new Object[] {rs.getString(1), rs.getString(2), rs.getLong(3)})
                .forEach(r -> out.computeIfAbsent((String) r[0], k -> new LinkedHashMap<>()).put((String) r[1], (Long) r[2])));
        return out;
    }

    /** The severities at or above {@code severity} (all when null), after checking source and severity exist. */
    private static List<String> shownSeverities(String source, String severity) {
        if (source != null && Arrays.stream(ErrorSource.values()).noneMatch(s -> s.code().equals(source))) {
            throw new IllegalArgumentException("source: one of " + Arrays.stream(ErrorSource.values())
                    .map(ErrorSource::code).toList() + ", was '" + source + "'");
        }
        if (severity != null && !SEVERITIES.contains(severity)) {
            throw new IllegalArgumentException("severity: one of " + SEVERITIES + ", was '" + severity + "'");
        }
        return severity == null ? SEVERITIES : SEVERITIES.subList(SEVERITIES.indexOf(severity), SEVERITIES.size());
    }

    private static void bindIfSet(Query q, String name, Object value) {
        if (value != null) {
            q.bind(name, value);
        }
    }

    private static ErrorRow row(ResultSet rs) throws SQLException {
        return new ErrorRow(rs.getLong("id"), rs.getTimestamp("last_seen").toInstant(), rs.getString("source"),
                rs.getString("severity"), rs.getString("code"), rs.getObject("strategy_universe_id", Long.class),
                rs.getString("symbol"), rs.getString("timeframe"), rs.getString("run_id"), rs.getInt("occurrences"),
                rs.getString("message"));
    }
}
