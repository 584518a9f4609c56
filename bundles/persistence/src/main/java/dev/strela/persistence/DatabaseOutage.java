package dev.strela.persistence;

import java.sql.SQLException;
import java.sql.SQLRecoverableException;
import java.sql.SQLTransientConnectionException;
import java.sql.SQLNonTransientConnectionException;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Collections;
import java.util.Deque;
import java.util.IdentityHashMap;
import java.util.Objects;
import java.util.Set;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * How a thread meets a database that cannot be reached. By default a repository call fails at once and its caller
 * reports the failure and goes on (live components keep running on what they have; the error log spools). A thread
 * that must not go on without its writes, because each of its steps builds on what the last one stored (a historical
 * replay), asks to wait instead: {@link #waitOnThisThread}. Its repository calls that fail because the connection is
 * lost or cannot be opened are then retried, each as a whole (a transaction that failed was rolled back by the
 * server), once a second, until the database answers or {@code limit} has passed since the outage began; past the
 * limit the failure is thrown as it would have been at once.
 *
 * <p>Only failures of the connection wait (SQL states of class 08, PostgreSQL's shutdown states 57P01-57P03, and the
 * JDBC connection exception types); a refused statement (a constraint, a syntax error) fails at once, as always.
 */
public final class DatabaseOutage {

    /** What the waiting thread is told: once when an outage begins, once when the database answers again. */
    public interface Listener {

        /** The first failed call of an outage; the thread is about to wait. */
        void waiting(RuntimeException cause, Duration limit);

        /** The first call that succeeded after the outage, and how long the thread waited. */
        void resumed(Duration waited);
    }

    private static final Logger LOG = LoggerFactory.getLogger(DatabaseOutage.class);
    private static final ThreadLocal<Waiter> WAITER = new ThreadLocal<>();
    private static final Set<String> SHUTDOWN_STATES = Set.of("57P01", "57P02", "57P03");
    static final Duration PAUSE = Duration.ofSeconds(1);

    private DatabaseOutage() {
    }

    /**
     * From now on, this thread's repository calls wait for a lost database, up to {@code limit} per outage, telling
     * {@code listener}. Call {@link #failFastOnThisThread()} when the thread's work ends.
     */
    public static void waitOnThisThread(Duration limit, Listener listener) {
        Objects.requireNonNull(limit, "limit");
        Objects.requireNonNull(listener, "listener");
        if (limit.isNegative()) {
            throw new IllegalArgumentException("limit: must not be negative, was " + limit);
        }
        WAITER.set(new Waiter(limit, listener));
    }

    /** This thread's repository calls fail at once again when the database cannot be reached (the default). */
    public static void failFastOnThisThread() {
        WAITER.remove();
    }

    /** True when this thread waits for a lost database. */
    public static boolean waitsOnThisThread() {
        return WAITER.get() != null;
    }

    /**
     * Runs {@code call}; when this thread waits for outages and the call failed because the database could not be
     * reached, waits and runs it again, until it succeeds, fails otherwise, or the outage is older than the limit.
     * {@code call} must be one transaction (or one statement) with no effect outside the database.
     */
    public static <T> T retrying(java.util.function.Supplier<T> call) {
        Waiter waiter = WAITER.get();
        if (waiter == null || waiter.depth > 0) {
            return call.get();   // nested in a retried call: the outermost one repeats the whole
        }
        waiter.depth++;
        try {
            while (true) {
                T result;
                try {
                    result = call.get();
                } catch (RuntimeException e) {
                    if (!isConnectionFailure(e)) {
                        throw e;
                    }
                    waiter.failed(e);
                    continue;
                }
                waiter.succeeded();
                return result;
            }
        } finally {
            waiter.depth--;
        }
    }

    /** True when {@code e}, or anything it was caused by or suppressed, says the connection was lost or refused. */
    public static boolean isConnectionFailure(Throwable e) {
        Set<Throwable> seen = Collections.newSetFromMap(new IdentityHashMap<>());
        Deque<Throwable> todo = new ArrayDeque<>();
        todo.add(e);
        while (!todo.isEmpty()) {
            Throwable t = todo.removeFirst();
            if (!seen.add(t)) {
                continue;
            }
            if (t instanceof SQLTransientConnectionException || t instanceof SQLNonTransientConnectionException
                    || t instanceof SQLRecoverableException) {
                return true;
            }
            if (t instanceof SQLException sql && sql.getSQLState() != null
                    && (sql.getSQLState().startsWith("08") || SHUTDOWN_STATES.contains(sql.getSQLState()))) {
                return true;
            }
            if (t.getCause() != null) {
                todo.add(t.getCause());
            }
            Collections.addAll(todo, t.getSuppressed());
        }
        return false;
    }

    /** One thread's waiting: the limit, whom to tell, and the outage in progress (if any). */
    private static final class Waiter {
        private final Duration limit;
        private final Listener listener;
        private long outageStart;
        private boolean inOutage;
        private int depth;

        Waiter(Duration limit, Listener listener) {
            this.limit = limit;
            this.listener = listener;
        }

        void failed(RuntimeException e) {
            long now = System.nanoTime();
            if (!inOutage) {
                inOutage = true;
                outageStart = now;
                LOG.warn("Database unreachable ({}): thread {} waits for it, up to {} s", rootMessage(e),
                        Thread.currentThread().getName(), limit.toSeconds());
                try {
                    listener.waiting(e, limit);
                } catch (RuntimeException listenerFailed) {
                    LOG.warn("Outage listener failed: {}", listenerFailed.toString());
                }
            }
            if (now - outageStart > limit.toNanos()) {
                LOG.error("Database still unreachable after {} s: thread {} gives up waiting", limit.toSeconds(),
                        Thread.currentThread().getName());
                inOutage = false;
                throw e;
            }
            try {
                Thread.sleep(PAUSE.toMillis());
            } catch (InterruptedException interrupted) {
                Thread.currentThread().interrupt();
                inOutage = false;
                throw e;
            }
        }

        void succeeded() {
            if (!inOutage) {
                return;
            }
            inOutage = false;
            Duration waited = Duration.ofNanos(System.nanoTime() - outageStart);
            LOG.info("Database reachable again: thread {} goes on after waiting {} s", Thread.currentThread().getName(),
                    waited.toSeconds());
            try {
                listener.resumed(waited);
            } catch (RuntimeException listenerFailed) {
                LOG.warn("Outage listener failed: {}", listenerFailed.toString());
            }
        }

        private static String rootMessage(Throwable e) {
            Throwable t = e;
            while (t.getCause() != null && t.getCause() != t) {
                t = t.getCause();
            }
            return t.toString();
        }
    }
}
