package dev.strela.persistence.internal;

import java.time.Instant;
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

    private final ConnectedDatabase db;

    @Activate
    public JdbiErrorRepository(@Reference ConnectedDatabase db) {
        this.db = db;
    }

    @Override
    public List<ErrorRow> recent(String source, String severity, String code, Instant since, int limit) {
        if (source != null && java.util.Arrays.stream(ErrorSource.values()).noneMatch(s -> s.code().equals(source))) {
            throw new IllegalArgumentException("source: one of " + java.util.Arrays.stream(ErrorSource.values())
                    .map(ErrorSource::code).toList() + ", was '" + source + "'");
        }
        if (severity != null && !SEVERITIES.contains(severity)) {
            throw new IllegalArgumentException("severity: one of " + SEVERITIES + ", was '" + severity + "'");
        }
        List<String> shown = severity == null ? SEVERITIES : SEVERITIES.subList(SEVERITIES.indexOf(severity), SEVERITIES.size());
        return db.withHandle(h -> {
            Query q = h.createQuery("SELECT id, last_seen, source, severity, code, strategy_universe_id, symbol, timeframe,"
                            + " run_id, occurrences, message FROM live_errors WHERE severity = ANY(:severities)"
                            + (source == null ? "" : " AND source = :source")
                            + (code == null ? "" : " AND code = :code")
                            + (since == null ? "" : " AND last_seen >= :since")
                            + " ORDER BY last_seen DESC, id DESC LIMIT :n")
                    .bindArray("severities", String.class, shown.toArray(Object[]::new)).bind("n", Math.max(0, limit));
            if (source != null) {
                q.bind("source", source);
            }
            if (code != null) {
                q.bind("code", code);
            }
            if (since != null) {
                q.bind("since", since);
            }
            return q.map((rs, ctx) -> new ErrorRow(rs.getLong("id"), rs.getTimestamp("last_seen").toInstant(),
                    rs.getString("source"), rs.getString("severity"), rs.getString("code"),
                    rs.getObject("strategy_universe_id", Long.class), rs.getString("symbol"), rs.getString("timeframe"),
                    rs.getString("run_id"), rs.getInt("occurrences"), rs.getString("message"))).list();
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
}
