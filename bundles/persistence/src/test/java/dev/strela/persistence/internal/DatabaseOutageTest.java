package dev.strela.persistence.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import org.jdbi.v3.core.JdbiException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import dev.strela.persistence.DatabaseOutage;

/**
 * A thread that waits for outages rides through a lost connection and a stopped server with each call done exactly
 * once; any other thread, and any other kind of failure, fails at once as before. Real PostgreSQL: connections are
 * ended by the server ({@code pg_terminate_backend}) or the server is stopped and started again.
 */
class DatabaseOutageTest {

    private static TestDatabase database;
    private final List<String> told = new ArrayList<>();
    private final DatabaseOutage.Listener listener = new DatabaseOutage.Listener() {
        @Override
        public void waiting(RuntimeException cause, Duration limit) {
            told.add("waiting " + limit.toSeconds());
        }

        @Override
        public void resumed(Duration waited) {
            told.add("resumed");
        }
    };

    @BeforeAll
    static void startDatabase() throws Exception {
        database = TestDatabase.start();
        database.jdbi().useHandle(h -> h.execute("CREATE TABLE outage_probe (id serial PRIMARY KEY, note text)"));
    }

    @AfterAll
    static void stopDatabase() throws Exception {
        database.close();
    }

    @BeforeEach
    void emptyProbe() {
        database.jdbi().useHandle(h -> h.execute("TRUNCATE outage_probe"));
    }

    @AfterEach
    void failFast() {
        DatabaseOutage.failFastOnThisThread();
    }

    @Test
    void inTransaction_whenWaitingAndTheConnectionIsEndedMidTransaction_thenTheWholeTransactionRunsAgainOnce() {
        DatabaseOutage.waitOnThisThread(Duration.ofSeconds(30), listener);
        AtomicInteger attempts = new AtomicInteger();

        long rows = database.db.inTransaction(h -> {
            h.execute("INSERT INTO outage_probe (note) VALUES ('attempt " + attempts.incrementAndGet() + "')");
            if (attempts.get() == 1) {
                h.execute("SELECT pg_terminate_backend(pg_backend_pid())");
            }
            return h.createQuery("SELECT count(*) FROM outage_probe").mapTo(Long.class).one();
        });

        assertThat(attempts).hasValue(2);
        assertThat(rows).isEqualTo(1);
        assertThat(notes()).containsExactly("attempt 2");
        assertThat(told).containsExactly("waiting 30", "resumed");
    }

    @Test
    void inTransaction_whenNotWaitingAndTheConnectionIsEnded_thenFailsAtOnceAndNothingIsKept() {
        AtomicInteger attempts = new AtomicInteger();

        assertThatThrownBy(() -> database.db.useTransaction(h -> {
            attempts.incrementAndGet();
            h.execute("INSERT INTO outage_probe (note) VALUES ('lost')");
            h.execute("SELECT pg_terminate_backend(pg_backend_pid())");
        })).isInstanceOf(JdbiException.class).satisfies(e -> assertThat(DatabaseOutage.isConnectionFailure(e)).isTrue());

        assertThat(attempts).hasValue(1);
        assertThat(notes()).isEmpty();
        assertThat(told).isEmpty();
    }

    @Test
    void withHandle_whenWaitingAndTheStatementIsRefused_thenFailsAtOnceWithoutWaiting() {
        DatabaseOutage.waitOnThisThread(Duration.ofSeconds(30), listener);
        AtomicInteger attempts = new AtomicInteger();

        assertThatThrownBy(() -> database.db.withHandle(h -> {
            attempts.incrementAndGet();
            return h.createQuery("SELECT no_such_column FROM outage_probe").mapTo(Long.class).one();
        })).isInstanceOf(JdbiException.class).satisfies(e -> assertThat(DatabaseOutage.isConnectionFailure(e)).isFalse());

        assertThat(attempts).hasValue(1);
        assertThat(told).isEmpty();
    }

    @Test
    void useHandle_whenTheOutageOutlastsTheLimit_thenTheFailureIsThrownAfterTheLimit() {
        DatabaseOutage.waitOnThisThread(Duration.ofMillis(1500), listener);
        AtomicInteger attempts = new AtomicInteger();
        long start = System.nanoTime();

        assertThatThrownBy(() -> database.db.useHandle(h -> {
            attempts.incrementAndGet();
            h.execute("SELECT pg_terminate_backend(pg_backend_pid())");
        })).satisfies(e -> assertThat(DatabaseOutage.isConnectionFailure(e)).isTrue());

        assertThat(Duration.ofNanos(System.nanoTime() - start)).isBetween(Duration.ofMillis(1500), Duration.ofSeconds(10));
        assertThat(attempts.get()).isBetween(2, 4);
        assertThat(told).containsExactly("waiting 1");
    }

    @Test
    void withHandle_whenWaitingAndTheServerIsStoppedThenStarted_thenTheCallCompletesAfterTheRestart() throws Exception {
        DatabaseOutage.waitOnThisThread(Duration.ofSeconds(60), listener);
        database.stopServer();
        CompletableFuture<Void> restart = CompletableFuture.runAsync(() -> {
            try {
                TimeUnit.SECONDS.sleep(3);
                database.startServer();
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
        long start = System.nanoTime();

        int id = database.db.withHandle(h -> h.createQuery("INSERT INTO outage_probe (note) VALUES ('after restart') RETURNING id")
                .mapTo(Integer.class).one());

        restart.get(60, TimeUnit.SECONDS);
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isGreaterThanOrEqualTo(Duration.ofMillis(2500));
        assertThat(id).isPositive();
        assertThat(notes()).containsExactly("after restart");
        assertThat(told).containsExactly("waiting 60", "resumed");
    }

    @Test
    void calls_whenNotWaitingAndTheServerIsStopped_thenFailAtOnce() throws Exception {
        database.stopServer();
        try {
            long start = System.nanoTime();
            assertThatThrownBy(() -> database.db.withHandle(h -> h.createQuery("SELECT 1").mapTo(Integer.class).one()))
                    .satisfies(e -> assertThat(DatabaseOutage.isConnectionFailure(e)).isTrue());
            assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(15));
        } finally {
            database.startServer();
        }
        assertThat(told).isEmpty();
    }

    private static List<String> notes() {
        return database.jdbi().withHandle(h -> h.createQuery("SELECT note FROM outage_probe ORDER BY id").mapTo(String.class).list());
    }
}
