package dev.strela.persistence.internal;

import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.locks.ReentrantLock;

import org.jdbi.v3.core.Handle;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import dev.strela.api.error.ErrorCode;
import dev.strela.api.error.ErrorEvent;
import dev.strela.api.error.ErrorLog;

/**
 * Writes {@code live_errors}, folding repeats: the same error (source, severity, code, row, symbol, timeframe, run and
 * message) seen again within the fold window of its last sighting adds to its row ({@code occurrences},
 * {@code last_seen}) instead of inserting one, so a flood takes one row; an acknowledged row is not added to.
 *
 * <p>Never throws, and never holds the caller for more than one database call (one connection, at most
 * {@value #BATCH} statements): while another thread writes, the caller leaves its error waiting and returns, and the
 * {@code strela-error-log} thread writes what is left. Errors wait, folded the same way, in a bounded spool while the
 * database is away or refuses, and are written when it is bound again or, after a failure, {@link #RETRY_PAUSE}
 * later (by the first error recorded then, or by the {@code strela-error-log} thread, which tries again every
 * {@link #RETRY_PAUSE} while errors wait, so an error recorded during an outage reaches the table once the database
 * answers even when nothing else is recorded after it); past the spool's size the oldest are dropped, and how many
 * is written as a {@code database_unavailable} row. The log folds too: a repeat is logged at debug, every
 * {@value #LOG_EVERY}th at the error's own level with how often it repeated.
 */
@Component(service = ErrorLog.class)
public final class DatabaseErrorLog implements ErrorLog {

    static final int SPOOL_LIMIT = 10_000;
    static final Duration WINDOW = Duration.ofSeconds(60);
    static final int KEYS_KEPT = 2_000;
    static final int LOG_EVERY = 100;
    static final int BATCH = 20;
    static final Duration RETRY_PAUSE = Duration.ofSeconds(5);
    private static final Logger LOG = LoggerFactory.getLogger(DatabaseErrorLog.class);
    private static final String INSERT = """
            INSERT INTO live_errors (source, severity, code, strategy_universe_id, symbol, timeframe, message, stack_trace,
                                     run_id, occurrences, first_seen, last_seen, created_at)
            VALUES (:source, :severity, :code, :row, :symbol, :timeframe, :message, :stackTrace,
                    :run, :n, :first, :last, :first)
            RETURNING id
            """;
    private static final String FOLD = """
            UPDATE live_errors SET occurrences = occurrences + :n, last_seen = GREATEST(last_seen, :last)
            WHERE id = :id AND acknowledged_at IS NULL AND occurrences <= 2147483647 - :n
            """;

    private final Clock clock;
    private final Duration window;
    private final int spoolLimit;
    private final Object lock = new Object();
    /** Guarded by {@link #lock}: per key, its log run and the row its repeats go to; the least recently used go. */
    private final Map<Key, Fold> folds = new LinkedHashMap<>(256, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<Key, Fold> eldest) {
            return size() > KEYS_KEPT;
        }
    };
    /** Guarded by {@link #lock}: errors not written yet, oldest first, and the newest of each key. */
    private final Deque<Spooled> spool = new ArrayDeque<>();
    private final Map<Key, Spooled> spooledByKey = new HashMap<>();
    private long dropped;
    /** One writer at a time, so a key's row is known before its next repeat is written. */
    private final ReentrantLock writer = new ReentrantLock();
    private final AtomicBoolean catchUpQueued = new AtomicBoolean();
    private final AtomicBoolean retryScheduled = new AtomicBoolean();
    private final ScheduledThreadPoolExecutor catchUp;
    private final Duration retryDelay;
    private volatile Instant retryAt;
    private volatile ConnectedDatabase db;

    public DatabaseErrorLog() {
        this(Clock.systemUTC(), WINDOW, SPOOL_LIMIT);
    }

    DatabaseErrorLog(Clock clock, Duration window, int spoolLimit) {
        this(clock, window, spoolLimit, RETRY_PAUSE);
    }

    /** {@code retryDelay}: after a failed write, when the {@code strela-error-log} thread tries again by itself. */
    DatabaseErrorLog(Clock clock, Duration window, int spoolLimit, Duration retryDelay) {
        this.clock = clock;
        this.window = window;
        this.spoolLimit = spoolLimit;
        this.retryDelay = retryDelay;
        this.catchUp = new ScheduledThreadPoolExecutor(1, r -> {
            Thread t = new Thread(r, "strela-error-log");
            t.setDaemon(true);
            return t;
        });
        catchUp.setKeepAliveTime(60, TimeUnit.SECONDS);
        catchUp.allowCoreThreadTimeOut(true);
    }

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC)
    void bindDatabase(ConnectedDatabase database) {
        this.db = database;
        retryAt = null;
        writer.lock();
        try {
            int waiting = spooled();
            if (drainAll(database) && waiting > 0) {
                LOG.info("{} spooled error(s) written to live_errors", waiting);
            }
        } finally {
            writer.unlock();
        }
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
        try {
            Key key = Key.of(event);
            Sighting seen;
            synchronized (lock) {
                seen = logRun(key, event.createdAt());
                spool(key, event);
            }
            logged(event, seen);
            write();
        } catch (RuntimeException e) {
            LOG.warn("Error not recorded ({}): {}", e, event.message());
        }
    }

    /** How many errors (each with its folded repeats) wait to be written. */
    int spooled() {
        synchronized (lock) {
            return spool.size();
        }
    }

    /** The key's log run with this sighting: {@code repeats} 0 for the first in the window. */
    private Sighting logRun(Key key, Instant at) {
        Fold f = folds.computeIfAbsent(key, k -> new Fold());
        if (f.logLast == null || !near(f.logLast, at)) {
            f.logFirst = at;
            f.logLast = at;
            f.repeats = 0;
        } else {
            f.repeats++;
            f.logLast = later(f.logLast, at);
        }
        return new Sighting(f.repeats, f.logFirst);
    }

    private void spool(Key key, ErrorEvent event) {
        Instant at = event.createdAt();
        Spooled s = spooledByKey.get(key);
        if (s != null && near(s.lastSeen, at) && s.occurrences < Integer.MAX_VALUE) {
            s.occurrences++;
            s.firstSeen = at.isBefore(s.firstSeen) ? at : s.firstSeen;
            s.lastSeen = later(s.lastSeen, at);
            return;
        }
        s = new Spooled(key, event);
        spool.addLast(s);
        spooledByKey.put(key, s);
        trimSpool();
    }

    private void trimSpool() {
        while (spool.size() > spoolLimit) {
            Spooled oldest = spool.removeFirst();
            spooledByKey.remove(oldest.key, oldest);
            if (dropped == 0) {
                LOG.warn("Error spool full ({} errors): the oldest are dropped until live_errors can be written", spoolLimit);
            }
            dropped += oldest.occurrences;
        }
    }

    /** Writes what waits unless another thread is writing or the database failed just now; the rest is caught up. */
    private void write() {
        ConnectedDatabase current = db;
        Instant pause = retryAt;
        if (current == null || pause != null && clock.instant().isBefore(pause)) {
            return;
        }
        if (writer.tryLock()) {
            try {
                if (!drain(current, BATCH)) {
                    return;
                }
            } finally {
                writer.unlock();
            }
        }
        if (spooled() > 0 && catchUpQueued.compareAndSet(false, true)) {
            catchUp.execute(this::catchUp);
        }
    }

    private void catchUp() {
        do {
            catchUpQueued.set(false);
            ConnectedDatabase current = db;
            if (current == null) {
                return;
            }
            writer.lock();
            try {
                if (!drainAll(current)) {
                    return;
                }
            } finally {
                writer.unlock();
            }
        } while (spooled() > 0 && catchUpQueued.compareAndSet(false, true));
    }

    /** With {@link #writer} held: writes until nothing waits; false if the database failed. */
    private boolean drainAll(ConnectedDatabase database) {
        while (spooled() > 0 || droppedCount() > 0) {
            if (!drain(database, BATCH)) {
                return false;
            }
        }
        return true;
    }

    /** With {@link #writer} held: writes up to {@code max} waiting errors over one connection; false if it failed. */
    private boolean drain(ConnectedDatabase database, int max) {
        List<Spooled> batch = new ArrayList<>();
        long lost;
        synchronized (lock) {
            lost = dropped;
            dropped = 0;
            while (batch.size() < max && !spool.isEmpty()) {
                Spooled s = spool.removeFirst();
                spooledByKey.remove(s.key, s);
                batch.add(s);
            }
        }
        if (lost > 0) {
            ErrorEvent report = ErrorEvent.of(ErrorCode.DATABASE_UNAVAILABLE, "errors_dropped", lost, "spool_limit",
                    spoolLimit).withCreatedAt(clock.instant());
            LOG.warn("[{}] {}", report.source().code(), report.message());
            batch.add(0, new Spooled(Key.of(report), report));
        }
        int done = 0;
        try (Handle h = database.jdbi().open()) {
            for (Spooled s : batch) {
                writeOne(h, s);
                done++;
            }
        } catch (RuntimeException e) {
            putBack(batch.subList(done, batch.size()), lost > 0 && done == 0 ? lost : 0);
            failed(e);
            return false;
        }
        if (retryAt != null) {
            retryAt = null;
            LOG.info("live_errors is written again");
        }
        return true;
    }

    /** Returns what was not written to the front of the spool; {@code lost > 0}: the first is the unwritten drop report. */
    private void putBack(List<Spooled> rest, long lost) {
        synchronized (lock) {
            List<Spooled> back = lost > 0 ? rest.subList(1, rest.size()) : rest;
            dropped += lost;
            for (int i = back.size() - 1; i >= 0; i--) {
                spool.addFirst(back.get(i));
                spooledByKey.putIfAbsent(back.get(i).key, back.get(i));
            }
            trimSpool();
        }
    }

    /** Folds {@code s} into its key's row if that row is recent and not acknowledged, else inserts it. */
    private void writeOne(Handle h, Spooled s) {
        long rowId;
        Instant rowLastSeen;
        synchronized (lock) {
            Fold f = folds.get(s.key);
            rowId = f == null ? 0 : f.rowId;
            rowLastSeen = f == null ? null : f.rowLastSeen;
        }
        try {
            Instant last = s.lastSeen;
            if (rowLastSeen == null || !near(rowLastSeen, s.firstSeen)
                    || h.createUpdate(FOLD).bind("id", rowId).bind("n", s.occurrences).bind("last", s.lastSeen).execute() == 0) {
                rowId = insert(h, s);
            } else {
                last = later(rowLastSeen, s.lastSeen);
            }
            synchronized (lock) {
                Fold f = folds.computeIfAbsent(s.key, k -> new Fold());
                f.rowId = rowId;
                f.rowLastSeen = last;
            }
        } catch (RuntimeException e) {
            if (!refused(e)) {
                throw e;
            }
            LOG.warn("live_errors refused an error, which is not kept ({}): {} x{}", e.getMessage(), s.event.message(),
                    s.occurrences);
        }
    }

    private static long insert(Handle h, Spooled s) {
        ErrorEvent e = s.event;
        return h.createQuery(INSERT)
                .bind("source", e.source().code())
                .bind("severity", e.severity().code())
                .bind("code", e.code())
                .bind("row", e.strategyUniverseId())
                .bind("symbol", e.symbol())
                .bind("timeframe", e.timeframe())
                .bind("message", e.message())
                .bind("stackTrace", e.stackTrace())
                .bind("run", e.runId())
                .bind("n", s.occurrences)
                .bind("first", s.firstSeen)
                .bind("last", s.lastSeen)
                .mapTo(Long.class).one();
    }

    /** Whether the database refused the error itself (bad data, a broken constraint) rather than being away. */
    private static boolean refused(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof SQLException sql && sql.getSQLState() != null
                    && (sql.getSQLState().startsWith("22") || sql.getSQLState().startsWith("23"))) {
                return true;
            }
        }
        return false;
    }

    private void failed(RuntimeException e) {
        if (retryAt == null) {
            LOG.warn("live_errors not written ({}); {} error(s) kept in the local spool until the database answers",
                    e.getMessage(), spooled());
        } else {
            LOG.debug("live_errors still not written: {}", e.getMessage());
        }
        retryAt = clock.instant().plus(RETRY_PAUSE);
        scheduleRetry();
    }

    /** Once per failure at most one retry waits: it writes what is spooled, and fails (and schedules again) or not. */
    private void scheduleRetry() {
        if (!retryScheduled.compareAndSet(false, true)) {
            return;
        }
        try {
            catchUp.schedule(() -> {
                retryScheduled.set(false);
                if ((spooled() > 0 || droppedCount() > 0) && catchUpQueued.compareAndSet(false, true)) {
                    catchUp();
                }
            }, retryDelay.toMillis(), TimeUnit.MILLISECONDS);
        } catch (RuntimeException e) {
            retryScheduled.set(false);
            LOG.warn("live_errors: no retry scheduled ({}); the next error recorded tries again", e.toString());
        }
    }

    private long droppedCount() {
        synchronized (lock) {
            return dropped;
        }
    }

    private boolean near(Instant last, Instant at) {
        return !at.isAfter(last.plus(window)) && !at.isBefore(last.minus(window));
    }

    private static Instant later(Instant a, Instant b) {
        return b.isAfter(a) ? b : a;
    }

    private static void logged(ErrorEvent e, Sighting run) {
        if (run.repeats > 0 && run.repeats % LOG_EVERY != 0) {
            LOG.debug("[{}] {} (repeat {} since {})", e.source().code(), e.message(), run.repeats, run.since);
            return;
        }
        String repeated = run.repeats == 0 ? "" : " (repeated " + run.repeats + " times since " + run.since + ")";
        switch (e.severity()) {
            case CRITICAL -> LOG.error("[{}] {}{}", e.source().code(), e.message(), repeated);
            case ERROR, WARNING -> LOG.warn("[{}] {}{}", e.source().code(), e.message(), repeated);
            default -> LOG.info("[{}] {}{}", e.source().code(), e.message(), repeated);
        }
    }

    /** What makes two errors the same one. */
    private record Key(String source, String severity, String code, Long row, String symbol, String timeframe,
                       String runId, String message) {

        static Key of(ErrorEvent e) {
            return new Key(e.source().code(), e.severity().code(), e.code(), e.strategyUniverseId(), e.symbol(),
                    e.timeframe(), e.runId(), e.message());
        }
    }

    /** The how-manieth repeat in its key's log run an error is, and since when the run goes. */
    private record Sighting(long repeats, Instant since) {
    }

    /** What is known of a key: its current log run, and the row its repeats go to (none while rowLastSeen is null). */
    private static final class Fold {
        Instant logFirst;
        Instant logLast;
        long repeats;
        long rowId;
        Instant rowLastSeen;
    }

    /** An error waiting to be written, with its repeats folded in; the first event gives the row's details. */
    private static final class Spooled {
        final Key key;
        final ErrorEvent event;
        int occurrences = 1;
        Instant firstSeen;
        Instant lastSeen;

        Spooled(Key key, ErrorEvent event) {
            this.key = key;
            this.event = event;
            this.firstSeen = event.createdAt();
            this.lastSeen = event.createdAt();
        }
    }
}
