package dev.strela.persistence.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.entry;
import static org.assertj.core.api.Assertions.tuple;

import java.math.BigDecimal;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;

import org.jdbi.v3.core.Jdbi;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import dev.strela.api.error.ErrorCode;
import dev.strela.api.error.ErrorEvent;
import dev.strela.api.error.ErrorSource;
import dev.strela.api.error.Severity;
import dev.strela.api.model.Instrument;
import dev.strela.api.model.Timeframe;
import dev.strela.api.model.TradingMode;
import dev.strela.persistence.ErrorRepository.ErrorRow;

class DatabaseErrorLogTest {

    private static final Instant T0 = Instant.parse("2024-03-04T07:00:00Z");
    private static TestDatabase database;
    /** Pooled like the platform's own: the plain test data source would open a connection per write. */
    private static HikariDataSource pool;
    private static ConnectedDatabase pooled;
    private static long sma;
    private static long donchian;

    private final MovingClock clock = new MovingClock(Instant.parse("2024-03-05T10:00:00Z"));

    @BeforeAll
    static void start() throws Exception {
        database = TestDatabase.start();
        HikariConfig config = new HikariConfig();
        config.setDataSource(database.db.dataSource());
        config.setMaximumPoolSize(4);
        pool = new HikariDataSource(config);
        pooled = new ConnectedDatabase(Jdbi.create(pool), pool, "test");
        new JdbiMarketDataRepository(database.db)
                .saveInstrument(new Instrument("sber", "SBER", "TQBR", 10, new BigDecimal("0.01"), "rub"));
        JdbiStrategyUniverseRepository universe = new JdbiStrategyUniverseRepository(database.db);
        sma = universe.add("sma_crossover", "sber", Timeframe.M5, TradingMode.PAPER, "{}", true);
        donchian = universe.add("donchian_breakout", "sber", Timeframe.M5, TradingMode.PAPER, "{}", true);
    }

    @AfterAll
    static void stop() throws Exception {
        pool.close();
        database.close();
    }

    @BeforeEach
    void clean() {
        database.jdbi().useHandle(h -> h.execute("TRUNCATE live_errors"));
    }

    @Test
    void record_when1000IdenticalEventsEachWithinTheWindowOfTheLast_thenOneRowCountingThemFromFirstToLastSeen() {
        DatabaseErrorLog log = bound(new DatabaseErrorLog(clock, DatabaseErrorLog.WINDOW, 100));

        for (int i = 0; i < 1000; i++) {
            log.record(boom().withCreatedAt(T0.plusMillis(100L * i)));   // 99.9 s from first to last
        }

        assertThat(rows()).containsExactly(new Stored("strategy_exception: error=boom", 1000, T0, T0.plusMillis(99_900), T0,
                false));
        assertThat(log.spooled()).isZero();
    }

    @Test
    void record_whenEventsDifferInOneFieldOfTheKey_thenOneRowEachAndTheStackTraceDoesNotCount() {
        DatabaseErrorLog log = bound(new DatabaseErrorLog(clock, DatabaseErrorLog.WINDOW, 100));
        ErrorEvent base = boom();
        List<ErrorEvent> kinds = List.of(base,
                ErrorEvent.of(ErrorCode.STRATEGY_EXCEPTION, "error", "bang").forRow(sma).forSymbol("sber", Timeframe.M5)
                        .forRun("paper").withCreatedAt(T0),
                base.forRow(donchian),
                base.forSymbol("gazp", Timeframe.M5),
                base.forSymbol("sber", Timeframe.M15),
                base.forRun("live"),
                base.withSeverity(Severity.CRITICAL),
                base.withSource(ErrorSource.SYSTEM),
                new ErrorEvent(base.source(), base.severity(), "strategy_timeout", sma, "sber", "5m", base.message(), null,
                        T0, "paper"));

        for (int round = 0; round < 2; round++) {
            for (ErrorEvent e : kinds) {
                log.record(e.withCreatedAt(T0.plusSeconds(round)));
            }
        }
        log.record(base.withThrowable(new IllegalStateException("boom")).withCreatedAt(T0.plusSeconds(2)));

        List<Object[]> stored = database.jdbi().withHandle(h -> h.createQuery("SELECT source, severity, code,"
                        + " strategy_universe_id, symbol, timeframe, run_id, message, occurrences FROM live_errors ORDER BY id")
                .map((rs, ctx) -> new Object[] {rs.getString(1), rs.getString(2), rs.getString(3),
                        rs.getObject(4, Long.class), rs.getString(5), rs.getString(6), rs.getString(7), rs.getString(8),
                        rs.getInt(9)}).list());
        String message = "strategy_exception: error=boom";
        assertThat(stored).extracting(r -> tuple(r)).containsExactly(
                tuple("strategy_runner", "error", "strategy_exception", sma, "sber", "5m", "paper", message, 3),
                tuple("strategy_runner", "error", "strategy_exception", sma, "sber", "5m", "paper",
                        "strategy_exception: error=bang", 2),
                tuple("strategy_runner", "error", "strategy_exception", donchian, "sber", "5m", "paper", message, 2),
                tuple("strategy_runner", "error", "strategy_exception", sma, "gazp", "5m", "paper", message, 2),
                tuple("strategy_runner", "error", "strategy_exception", sma, "sber", "15m", "paper", message, 2),
                tuple("strategy_runner", "error", "strategy_exception", sma, "sber", "5m", "live", message, 2),
                tuple("strategy_runner", "critical", "strategy_exception", sma, "sber", "5m", "paper", message, 2),
                tuple("system", "error", "strategy_exception", sma, "sber", "5m", "paper", message, 2),
                tuple("strategy_runner", "error", "strategy_timeout", sma, "sber", "5m", "paper", message, 2));
    }

    @Test
    void record_whenRepeatAtTheWindowsEdgeOrJustPastIt_thenFoldedAtTheEdgeAndANewRowPastIt() {
        DatabaseErrorLog log = bound(new DatabaseErrorLog());   // the default window: 60 s since last seen

        log.record(boom().withCreatedAt(T0));
        log.record(boom().withCreatedAt(T0.plusSeconds(60)));
        log.record(boom().withCreatedAt(T0.plusSeconds(120).plusMillis(1)));
        log.record(boom().withCreatedAt(T0.plusSeconds(121)));

        assertThat(rows()).extracting(Stored::occurrences, Stored::firstSeen, Stored::lastSeen).containsExactly(
                tuple(2, T0, T0.plusSeconds(60)),
                tuple(2, T0.plusSeconds(120).plusMillis(1), T0.plusSeconds(121)));
    }

    @Test
    void record_whenRowAcknowledged_thenItsRepeatsStartANewRow() {
        DatabaseErrorLog log = bound(new DatabaseErrorLog(clock, DatabaseErrorLog.WINDOW, 100));
        log.record(boom().withCreatedAt(T0));
        log.record(boom().withCreatedAt(T0.plusSeconds(1)));
        database.jdbi().useHandle(h -> h.execute("UPDATE live_errors SET acknowledged_at = now(), acknowledged_by = 'test'"));

        log.record(boom().withCreatedAt(T0.plusSeconds(2)));
        log.record(boom().withCreatedAt(T0.plusSeconds(3)));

        assertThat(rows()).extracting(Stored::occurrences, Stored::firstSeen, Stored::lastSeen, Stored::acknowledged)
                .containsExactly(tuple(2, T0, T0.plusSeconds(1), true), tuple(2, T0.plusSeconds(2), T0.plusSeconds(3), false));
    }

    @Test
    void record_whenDatabaseUnbound_then5000IdenticalAnd3DistinctTake4SlotsAndBindWritesThemFolded() {
        DatabaseErrorLog log = bound(new DatabaseErrorLog(clock, DatabaseErrorLog.WINDOW, 100));
        log.unbindDatabase(pooled);

        flood(log);

        assertThat(log.spooled()).isEqualTo(4);
        assertThat(rows()).isEmpty();
        log.bindDatabase(pooled);
        assertThat(rows()).containsExactly(
                new Stored("strategy_exception: error=boom", 5000, T0, T0.plusMillis(49_990), T0, false),
                new Stored("bar_too_old: n=1", 1, T0.plusSeconds(1), T0.plusSeconds(1), T0.plusSeconds(1), false),
                new Stored("bar_too_old: n=2", 1, T0.plusSeconds(2), T0.plusSeconds(2), T0.plusSeconds(2), false),
                new Stored("bar_too_old: n=3", 1, T0.plusSeconds(3), T0.plusSeconds(3), T0.plusSeconds(3), false));
        assertThat(log.spooled()).isZero();
    }

    @Test
    void record_whenDatabaseRefusesConnections_thenSpooledFoldedTriedOncePerPauseAndWrittenByTheNextRecordOnceItAnswers() {
        AtomicBoolean up = new AtomicBoolean(false);
        AtomicInteger attempts = new AtomicInteger();
        Jdbi flaky = refusingWhileDown(up, attempts);
        // the background retry is out of the way here: this is about the records that come after
        DatabaseErrorLog log = bound(new DatabaseErrorLog(clock, DatabaseErrorLog.WINDOW, 100, Duration.ofHours(1)),
                new ConnectedDatabase(flaky, null, "test"));

        flood(log);

        assertThat(log.spooled()).isEqualTo(4);
        assertThat(attempts).as("one attempt, then a pause").hasValue(1);
        assertThat(rows()).isEmpty();
        up.set(true);
        log.record(ErrorEvent.of(ErrorCode.BAR_TOO_OLD, "n", 4).withCreatedAt(T0.plusSeconds(4)));
        assertThat(rows()).as("still in the pause").isEmpty();
        clock.move(DatabaseErrorLog.RETRY_PAUSE);
        log.record(ErrorEvent.of(ErrorCode.BAR_TOO_OLD, "n", 5).withCreatedAt(T0.plusSeconds(5)));

        assertThat(rows()).extracting(Stored::message, Stored::occurrences, Stored::firstSeen, Stored::lastSeen).containsExactly(
                tuple("strategy_exception: error=boom", 5000, T0, T0.plusMillis(49_990)),
                tuple("bar_too_old: n=1", 1, T0.plusSeconds(1), T0.plusSeconds(1)),
                tuple("bar_too_old: n=2", 1, T0.plusSeconds(2), T0.plusSeconds(2)),
                tuple("bar_too_old: n=3", 1, T0.plusSeconds(3), T0.plusSeconds(3)),
                tuple("bar_too_old: n=4", 1, T0.plusSeconds(4), T0.plusSeconds(4)),
                tuple("bar_too_old: n=5", 1, T0.plusSeconds(5), T0.plusSeconds(5)));
        assertThat(log.spooled()).isZero();
    }

    @Test
    void record_whenDatabaseRefusesThenAnswersAndNothingMoreIsRecorded_thenTheErrorLogThreadWritesWhatWaits() throws Exception {
        AtomicBoolean up = new AtomicBoolean(false);
        AtomicInteger attempts = new AtomicInteger();
        Jdbi flaky = refusingWhileDown(up, attempts);
        DatabaseErrorLog log = bound(new DatabaseErrorLog(clock, DatabaseErrorLog.WINDOW, 100, Duration.ofMillis(100)),
                new ConnectedDatabase(flaky, null, "test"));

        log.record(ErrorEvent.of(ErrorCode.BROKER_DOWN, "n", 1).withCreatedAt(T0));
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (attempts.get() < 3 && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
        assertThat(attempts.get()).as("tried again by itself while the database refused").isGreaterThanOrEqualTo(3);
        assertThat(rows()).isEmpty();

        up.set(true);   // and nothing else is recorded
        while (rows().isEmpty() && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }

        assertThat(rows()).extracting(Stored::message, Stored::occurrences, Stored::createdAt)
                .containsExactly(tuple("broker_down: n=1", 1, T0));
        assertThat(log.spooled()).isZero();
        int afterWritten = attempts.get();
        Thread.sleep(500);
        assertThat(attempts.get()).as("no more tries once nothing waits").isEqualTo(afterWritten);
    }

    @Test
    void record_whenSpoolFull_thenOldestDroppedAndHowManyWrittenAsDatabaseUnavailable() {
        DatabaseErrorLog log = new DatabaseErrorLog(clock, DatabaseErrorLog.WINDOW, 3);
        for (int n = 1; n <= 5; n++) {
            for (int again = 0; again < (n == 1 ? 3 : n == 5 ? 2 : 1); again++) {   // 1 three times, 5 twice
                log.record(ErrorEvent.of(ErrorCode.BAR_TOO_OLD, "n", n).withCreatedAt(T0.plusSeconds(n)));
            }
        }

        assertThat(log.spooled()).isEqualTo(3);
        log.bindDatabase(pooled);

        assertThat(rows()).extracting(Stored::message, Stored::occurrences, Stored::createdAt).containsExactly(
                tuple("database_unavailable: errors_dropped=4, spool_limit=3", 1, clock.instant()),
                tuple("bar_too_old: n=3", 1, T0.plusSeconds(3)),
                tuple("bar_too_old: n=4", 1, T0.plusSeconds(4)),
                tuple("bar_too_old: n=5", 2, T0.plusSeconds(5)));
        assertThat(log.spooled()).isZero();
    }

    @Test
    void record_whenTheDatabaseRefusesTheEventItself_thenItIsLeftOutAndTheOthersAreWritten() {
        DatabaseErrorLog log = bound(new DatabaseErrorLog(clock, DatabaseErrorLog.WINDOW, 100));
        ErrorEvent badTimeframe = new ErrorEvent(ErrorSource.DATA_FEED, Severity.WARNING, "bar_too_old", null, "sber", "2h",
                "bar_too_old: timeframe=2h", null, T0);

        log.record(badTimeframe);
        log.record(boom().withCreatedAt(T0.plusSeconds(1)));
        log.record(boom().withCreatedAt(T0.plusSeconds(2)));

        assertThat(rows()).extracting(Stored::message, Stored::occurrences).containsExactly(
                tuple("strategy_exception: error=boom", 2));
        assertThat(log.spooled()).isZero();
    }

    @Test
    void record_whenEightThreadsRecordTheSameErrorAtOnce_thenOneRowCountingEveryOne() throws Exception {
        DatabaseErrorLog log = bound(new DatabaseErrorLog(clock, DatabaseErrorLog.WINDOW, 100));
        ExecutorService threads = Executors.newFixedThreadPool(8);
        CountDownLatch go = new CountDownLatch(1);
        for (int t = 0; t < 8; t++) {
            threads.execute(() -> {
                await(go);
                for (int i = 0; i < 500; i++) {
                    log.record(boom().withCreatedAt(T0.plusMillis(i)));
                }
            });
        }
        go.countDown();
        threads.shutdown();
        assertThat(threads.awaitTermination(30, TimeUnit.SECONDS)).isTrue();

        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while ((log.spooled() > 0 || total() < 4000) && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
        assertThat(rows()).extracting(Stored::occurrences, Stored::firstSeen, Stored::lastSeen)
                .containsExactly(tuple(4000, T0, T0.plusMillis(499)));
    }

    @Test
    void record_whenAnotherThreadIsWriting_thenReturnsAtOnceAndItsErrorIsWrittenAfterwards() throws Exception {
        CountDownLatch writing = new CountDownLatch(1);
        CountDownLatch answer = new CountDownLatch(1);
        AtomicBoolean first = new AtomicBoolean(true);
        Jdbi slow = Jdbi.create(() -> {
            if (first.getAndSet(false)) {
                writing.countDown();
                await(answer);
            }
            return pool.getConnection();
        });
        DatabaseErrorLog log = bound(new DatabaseErrorLog(clock, DatabaseErrorLog.WINDOW, 100),
                new ConnectedDatabase(slow, pool, "test"));
        ExecutorService threads = Executors.newFixedThreadPool(2);
        try {
            threads.execute(() -> log.record(boom()));
            assertThat(writing.await(10, TimeUnit.SECONDS)).isTrue();

            threads.submit(() -> log.record(ErrorEvent.of(ErrorCode.BAR_TOO_OLD, "n", 1).withCreatedAt(T0)))
                    .get(2, TimeUnit.SECONDS);   // does not wait for the hanging database call
            assertThat(rows()).isEmpty();
        } finally {
            answer.countDown();
            threads.shutdown();
        }
        assertThat(threads.awaitTermination(10, TimeUnit.SECONDS)).isTrue();

        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (rows().size() < 2 && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
        assertThat(rows()).extracting(Stored::message).containsExactly("strategy_exception: error=boom", "bar_too_old: n=1");
        assertThat(log.spooled()).isZero();
    }

    @Test
    void errorRepository_whenRowsFolded_thenRecentByLastSeenWithOccurrencesAndCountsSumOccurrences() {
        DatabaseErrorLog log = bound(new DatabaseErrorLog(clock, DatabaseErrorLog.WINDOW, 100));
        for (int s = 0; s <= 40; s += 10) {
            log.record(boom().withCreatedAt(T0.plusSeconds(s)));                                   // 5x, T0 .. T0+40s
        }
        log.record(ErrorEvent.of(ErrorCode.STRATEGY_TIMEOUT, "n", 1).withCreatedAt(T0.plusSeconds(20)));   // 1x at T0+20s
        for (int s = 10; s <= 30; s += 10) {
            log.record(ErrorEvent.of(ErrorCode.BAR_TOO_OLD, "n", 1).withCreatedAt(T0.plusSeconds(s)));   // 3x, T0+10 .. T0+30s
        }
        JdbiErrorRepository errors = new JdbiErrorRepository(pooled);

        assertThat(errors.recent(null, null, null, null, 10))
                .extracting(ErrorRow::code, ErrorRow::occurrences, ErrorRow::createdAt).containsExactly(
                        tuple("strategy_exception", 5, T0.plusSeconds(40)),
                        tuple("bar_too_old", 3, T0.plusSeconds(30)),
                        tuple("strategy_timeout", 1, T0.plusSeconds(20)));
        assertThat(errors.recent(null, null, null, T0.plusSeconds(25), 10)).extracting(ErrorRow::code)
                .containsExactly("strategy_exception", "bar_too_old");
        assertThat(errors.countsSince(T0.plusSeconds(25))).containsOnly(
                entry("strategy_runner", Map.of("error", 5L)), entry("data_feed", Map.of("warning", 3L)));
        assertThat(errors.countsSince(T0)).containsOnly(
                entry("strategy_runner", Map.of("error", 6L)), entry("data_feed", Map.of("warning", 3L)));
    }

    /** 5,000 identical events 10 ms apart, with three distinct ones among them. */
    private static void flood(DatabaseErrorLog log) {
        for (int i = 0; i < 5000; i++) {
            log.record(boom().withCreatedAt(T0.plusMillis(10L * i)));
            if (i % 1500 == 1499) {
                int n = i / 1500 + 1;
                log.record(ErrorEvent.of(ErrorCode.BAR_TOO_OLD, "n", n).withCreatedAt(T0.plusSeconds(n)));
            }
        }
    }

    private static ErrorEvent boom() {
        return ErrorEvent.of(ErrorCode.STRATEGY_EXCEPTION, "error", "boom").forRow(sma).forSymbol("sber", Timeframe.M5)
                .forRun("paper").withCreatedAt(T0);
    }

    /** The test database, refusing connections (as a stopped server does) while {@code up} is false; counts attempts. */
    private static Jdbi refusingWhileDown(AtomicBoolean up, AtomicInteger attempts) {
        return Jdbi.create(() -> {
            attempts.incrementAndGet();
            if (!up.get()) {
                throw new SQLException("Connection refused", "08001");
            }
            return pool.getConnection();
        });
    }

    private static DatabaseErrorLog bound(DatabaseErrorLog log) {
        return bound(log, pooled);
    }

    private static DatabaseErrorLog bound(DatabaseErrorLog log, ConnectedDatabase db) {
        log.bindDatabase(db);
        return log;
    }

    private record Stored(String message, int occurrences, Instant firstSeen, Instant lastSeen, Instant createdAt,
                          boolean acknowledged) {
    }

    private static List<Stored> rows() {
        return database.jdbi().withHandle(h -> h.createQuery("SELECT message, occurrences, first_seen, last_seen, created_at,"
                        + " acknowledged_at IS NOT NULL FROM live_errors ORDER BY id")
                .map((rs, ctx) -> new Stored(rs.getString(1), rs.getInt(2), rs.getTimestamp(3).toInstant(),
                        rs.getTimestamp(4).toInstant(), rs.getTimestamp(5).toInstant(), rs.getBoolean(6)))
                .list());
    }

    private static long total() {
        return database.jdbi().withHandle(h -> h.createQuery("SELECT coalesce(sum(occurrences), 0) FROM live_errors")
                .mapTo(Long.class).one());
    }

    private static void await(CountDownLatch latch) {
        try {
            latch.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** A clock the test moves. */
    private static final class MovingClock extends Clock {
        private volatile Instant now;

        MovingClock(Instant start) {
            this.now = start;
        }

        void move(Duration by) {
            now = now.plus(by);
        }

        @Override
        public Instant instant() {
            return now;
        }

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }
    }
}
