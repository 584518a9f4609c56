package dev.strela.persistence.internal;

import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;

import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import dev.strela.api.error.ErrorEvent;
import dev.strela.api.error.ErrorLog;

/**
 * Writes {@code live_errors}. Never throws: while the database is away, events wait in a bounded spool
 * (the oldest are dropped past its size, and the number dropped is itself reported) and are written
 * when the database returns. Every event is also logged.
 */
@Component(service = ErrorLog.class)
public final class DatabaseErrorLog implements ErrorLog {

    static final int SPOOL_LIMIT = 10_000;
    private static final Logger LOG = LoggerFactory.getLogger(DatabaseErrorLog.class);
    private static final String INSERT = """
            INSERT INTO live_errors (source, severity, code, strategy_universe_id, symbol, timeframe, message, stack_trace, created_at, run_id)
            VALUES (:source, :severity, :code, :row, :symbol, :timeframe, :message, :stackTrace, :createdAt, :run)
            """;

    private final Deque<ErrorEvent> spool = new ArrayDeque<>();
    private volatile ConnectedDatabase db;
    private long dropped;

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC)
    void bindDatabase(ConnectedDatabase database) {
        this.db = database;
        flushSpool();
    }

    void unbindDatabase(ConnectedDatabase database) {
        if (this.db == database) {
            this.db = null;
        }
    }

    @Override
    public void record(ErrorEvent event) {
        if (event == null) {
            return;
        }
        logged(event);
        ConnectedDatabase current = db;
        if (current == null || !write(current, List.of(event))) {
            spool(event);
        }
    }

    private boolean write(ConnectedDatabase database, List<ErrorEvent> events) {
        try {
            database.jdbi().useTransaction(h -> {
                var batch = h.prepareBatch(INSERT);
                for (ErrorEvent e : events) {
                    batch.bind("source", e.source().code())
                            .bind("severity", e.severity().code())
                            .bind("code", e.code())
                            .bind("row", e.strategyUniverseId())
                            .bind("symbol", e.symbol())
                            .bind("timeframe", e.timeframe())
                            .bind("message", e.message())
                            .bind("stackTrace", e.stackTrace())
                            .bind("run", e.runId())
                            .bind("createdAt", e.createdAt() == null ? Instant.now() : e.createdAt())
                            .add();
                }
                batch.execute();
            });
            return true;
        } catch (RuntimeException ex) {
            LOG.warn("live_errors not written ({}); kept in the local spool until the database answers", ex.getMessage());
            return false;
        }
    }

    private synchronized void spool(ErrorEvent event) {
        if (spool.size() >= SPOOL_LIMIT) {
            spool.removeFirst();
            dropped++;
        }
        spool.addLast(event);
    }

    private void flushSpool() {
        List<ErrorEvent> pending;
        long lost;
        synchronized (this) {
            pending = new ArrayList<>(spool);
            spool.clear();
            lost = dropped;
            dropped = 0;
        }
        ConnectedDatabase current = db;
        if (pending.isEmpty() || current == null) {
            return;
        }
        if (!write(current, pending)) {
            pending.forEach(this::spool);
            return;
        }
        LOG.info("{} spooled error(s) written to live_errors{}", pending.size(),
                lost > 0 ? "; " + lost + " older one(s) were dropped because the spool was full" : "");
    }

    private static void logged(ErrorEvent e) {
        switch (e.severity()) {
            case CRITICAL -> LOG.error("[{}] {}", e.source().code(), e.message());
            case ERROR, WARNING -> LOG.warn("[{}] {}", e.source().code(), e.message());
            default -> LOG.info("[{}] {}", e.source().code(), e.message());
        }
    }
}
