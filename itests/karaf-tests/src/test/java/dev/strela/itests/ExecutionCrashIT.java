package dev.strela.itests;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.net.ServerSocket;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Properties;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Crash safety of signal execution: the real distribution runs as an external process ({@code bin/karaf server})
 * and its JVM is killed with SIGKILL while it decides a batch of signals, in a loop of {@value #DEFAULT_RUNS} runs.
 * Right after each kill (against the PostgreSQL server the dead JVM left running) and again after each restart,
 * every signal must have exactly one decision if it is processed and none if it is not, and the orders must be
 * exactly those of the 'order' decisions, one per entry, under their UUIDv5 client order ids.
 *
 * <p>Each batch is planned so that its decisions are known in advance (Execution decides signals one at a time in id
 * order): rows with one OPEN (order), rows with two OPENs (order, then {@code position_already_open}), rows with a too
 * wide stop ({@code too_wide_stop}) and rows with a too wide stop followed by an OPEN (refused, then order).
 *
 * <p>System properties: {@code strela.it.crash.seed} (replay a run's kill points and signal order),
 * {@code strela.it.crash.runs} (number of kills, default 4), {@code strela.it.keep=true} (keep the folder).
 * The folder is also kept when the test fails.
 */
class ExecutionCrashIT {

    private static final int DEFAULT_RUNS = 4;
    private static final int RUNS = Integer.getInteger("strela.it.crash.runs", DEFAULT_RUNS);

    // One batch: 180 + 2 * 40 + 20 + 2 * 10 = 300 signals over 250 strategy_universe rows, 230 of them orders.
    private static final int ONE_OPEN_ROWS = 180;
    private static final int TWO_OPEN_ROWS = 40;
    private static final int WIDE_STOP_ROWS = 20;
    private static final int WIDE_THEN_OPEN_ROWS = 10;

    /** Entry 100.00, stop 15% away: floor(0.02 * 0.005 * 1,000,000 / (15.00 * lot 1)) = 6 lots, 600 of cash. */
    private static final String OPEN_JSON = "{\"type\":\"OPEN\",\"direction\":\"LONG\",\"entry_type\":\"LIMIT\","
            + "\"entry_price\":100.00,\"stop_loss\":85.00,\"size_value\":0.005}";
    /** Stop 30% away, more than max_stop_loss_fraction 0.2: too_wide_stop. */
    private static final String WIDE_STOP_JSON = "{\"type\":\"OPEN\",\"direction\":\"LONG\",\"entry_type\":\"LIMIT\","
            + "\"entry_price\":100.00,\"stop_loss\":70.00,\"size_value\":0.005}";
    private static final long EXPECTED_LOTS = 6;
    private static final BigDecimal ENTRY_PRICE = new BigDecimal("100.00");
    private static final BigDecimal STOP_LOSS = new BigDecimal("85.00");
    private static final String[] SYMBOLS = {"CRASH-A", "CRASH-B", "CRASH-C", "CRASH-D", "CRASH-E"};
    /** Namespace of the execution bundle's client order ids (ClientOrderIds.NAMESPACE). */
    private static final UUID ORDER_ID_NAMESPACE = UUID.fromString("6f0c1f9e-8a4b-4f51-9d0e-2b7c5a3e91d4");

    private static final String ORDER = "order";
    private static final String REFUSED = "refused";

    private static final Duration FIRST_START = Duration.ofSeconds(180);
    private static final Duration RESTART = Duration.ofSeconds(120);
    private static final Duration BATCH_DONE = Duration.ofSeconds(120);

    /** What the rules must decide for one signal. */
    private record Expected(long signalId, long rowId, int batch, String decision, String code) {
    }

    /** One planned signal of a batch, before it has an id. */
    private record Planned(int row, String json, String decision, String code) {
    }

    /** Counts of one consistent snapshot of the database. */
    private record Snapshot(int signals, int processed, int orderDecisions, int refusedDecisions, int orders,
                            List<String> violations) {
    }

    /** Gaps in decisions.id / live_orders.id so far: ids drawn by transactions that the kills rolled back. */
    private long decisionIdGaps;
    private long orderIdGaps;

    @Test
    @Timeout(value = 10, unit = TimeUnit.MINUTES)
    void killedWhileDecidingSignals_afterEachRestartEverySignalHasExactlyOneDecisionAndItsOrders() throws Exception {
        long seed = Long.getLong("strela.it.crash.seed", System.nanoTime());
        Random random = new Random(seed);
        log("seed %d (replay with -Dstrela.it.crash.seed=%d), %d runs", seed, seed, RUNS);
        long testStart = System.nanoTime();

        Path folder = Path.of("target", "crash-it",
                LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss")) + "-" + Long.toHexString(seed & 0xffff))
                .toAbsolutePath();
        Path home = unpack(distribution(), folder);
        int dbPort = freePort();
        configure(home, dbPort);
        log("distribution unpacked to %s, database port %d", home, dbPort);

        Karaf karaf = new Karaf(home, dbPort);
        Thread emergencyStop = new Thread(karaf::emergencyStop, "crash-it-emergency-stop");
        Runtime.getRuntime().addShutdownHook(emergencyStop);
        boolean passed = false;
        try {
            Map<Long, Expected> expected = new TreeMap<>();
            long startedAt = System.nanoTime();
            karaf.start();
            awaitFirstStart(karaf, expected, startedAt);

            List<String> summary = new ArrayList<>();
            for (int run = 1; run <= RUNS; run++) {
                summary.add(crashRun(karaf, run, random, expected));
            }

            karaf.stop();
            karaf.assertPostgresStopped();
            scanKarafLog(home);
            log("summary (seed %d):", seed);
            summary.forEach(line -> log("  %s", line));
            log("total duration %.1f s", (System.nanoTime() - testStart) / 1e9);
            passed = true;
        } finally {
            karaf.emergencyStop();
            try {
                Runtime.getRuntime().removeShutdownHook(emergencyStop);
            } catch (IllegalStateException e) {
                // the JVM is already shutting down
            }
            if (passed && !Boolean.getBoolean("strela.it.keep")) {
                deleteRecursively(folder);
            } else {
                log("kept %s (karaf.log in data/log, console output in karaf-console.out)", folder);
            }
        }
    }

    /** Waits for the database, the schema and the paper account, then for a probe signal's decision. */
    private void awaitFirstStart(Karaf karaf, Map<Long, Expected> expected, long startedAt) throws Exception {
        karaf.awaitDatabase(FIRST_START);
        karaf.await("the 'paper' account (execution started)", FIRST_START,
                () -> karaf.count("SELECT count(*) FROM accounts WHERE run_id = 'paper'") > 0);
        try (Connection c = karaf.connect()) {
            c.setAutoCommit(false);
            try (Statement s = c.createStatement()) {
                for (String symbol : SYMBOLS) {
                    s.executeUpdate("INSERT INTO instruments (id, ticker, class_code, lot, min_price_increment, currency, name)"
                            + " VALUES ('" + symbol + "', '" + symbol + "', 'TQBR', 1, 0.01, 'rub', 'crash test " + symbol + "')");
                }
            }
            long row = insertRow(c, "crash-probe", SYMBOLS[0]);
            long id = insertSignal(c, row, SYMBOLS[0], Instant.parse("2024-03-01T07:00:00Z"), OPEN_JSON);
            c.commit();
            expected.put(id, new Expected(id, row, 0, ORDER, null));
        }
        karaf.await("the probe signal's decision", FIRST_START,
                () -> karaf.count("SELECT count(*) FROM decisions") > 0);
        Snapshot snapshot = karaf.snapshot(expected, true);
        assertNoViolations("after the first start", snapshot);
        log("first start: the probe signal was decided %.1f s after bin/karaf server (cold start, PostgreSQL unpacked and"
                + " initialised, schema migrated)", (System.nanoTime() - startedAt) / 1e9);
    }

    /** One run: a batch of signals, SIGKILL part-way, checks at once, restart, checks once the batch is decided. */
    private String crashRun(Karaf karaf, int run, Random random, Map<Long, Expected> expected) throws Exception {
        List<Expected> batch = insertBatch(karaf, run, random);
        batch.forEach(e -> expected.put(e.signalId(), e));
        long lo = batch.stream().mapToLong(Expected::signalId).min().orElseThrow();
        long hi = batch.stream().mapToLong(Expected::signalId).max().orElseThrow();
        double fraction = 0.10 + 0.70 * random.nextDouble();
        int killAt = Math.max(1, (int) Math.ceil(batch.size() * fraction));

        // Watch the batch being decided; SIGKILL the JVM as soon as the kill point is passed.
        // Each look also notes what the JVM's open transactions were doing (pg_stat_activity is live, not sampled).
        int seenAtKill;
        String inFlight = "";
        long watchStart = System.nanoTime();
        try (Connection c = karaf.connect();
             PreparedStatement decided = c.prepareStatement(
                     "SELECT (SELECT count(*) FROM live_signals WHERE id BETWEEN ? AND ? AND processed),"
                             + " (SELECT string_agg(state || ': ' || regexp_replace(left(query, 70), '\\s+', ' ', 'g'), '; ')"
                             + "  FROM pg_stat_activity WHERE application_name = 'strela' AND xact_start IS NOT NULL)")) {
            decided.setLong(1, lo);
            decided.setLong(2, hi);
            long deadline = System.nanoTime() + BATCH_DONE.toNanos();
            while (true) {
                int n;
                try (ResultSet rs = decided.executeQuery()) {
                    rs.next();
                    n = rs.getInt(1);
                    inFlight = rs.getString(2);
                }
                if (n >= killAt) {
                    karaf.kill();
                    seenAtKill = n;
                    break;
                }
                if (System.nanoTime() > deadline) {
                    fail("run " + run + ": execution decided only " + n + " of " + batch.size() + " signals in "
                            + BATCH_DONE + " (kill point " + killAt + "); " + logDigest(karaf.home));
                }
                karaf.assertAlive("while the batch of run " + run + " was being decided");
                Thread.sleep(3);
            }
        }
        double secondsToKill = (System.nanoTime() - watchStart) / 1e9;
        String survivor = karaf.postmaster().map(h -> "pid " + h.pid()).orElse("none");

        // Check at once, against the postmaster the killed JVM left running.
        int decidedBeforeKill;
        int unprocessedAtKill;
        String atKill;
        Optional<Snapshot> afterKill = karaf.snapshotAfterKill(expected);
        if (afterKill.isPresent()) {
            assertNoViolations("run " + run + ", right after SIGKILL", afterKill.get());
            decidedBeforeKill = batchProcessed(karaf, lo, hi);
            unprocessedAtKill = batch.size() - decidedBeforeKill;
            atKill = "checked at once against the surviving postmaster";
        } else {
            decidedBeforeKill = -1;
            unprocessedAtKill = -1;
            atKill = "database unreachable after the kill: checked after the restart only";
        }
        log("run %d: SIGKILL at kill point %d/%d (%.0f%%), %.2f s after the batch was inserted; decided before the kill %d,"
                        + " unprocessed at the kill %d (%s; postmaster left running: %s)", run, killAt, batch.size(),
                fraction * 100, secondsToKill, decidedBeforeKill, unprocessedAtKill, atKill, survivor);
        log("run %d: the JVM's open transaction(s) at the last look before the kill: %s", run,
                inFlight == null ? "none" : inFlight);
        if (decidedBeforeKill == batch.size()) {
            log("run %d: WARNING the whole batch was decided before the kill landed (seen %d at the kill)", run, seenAtKill);
        }

        // Restart; everything must be decided, each signal once.
        long restartStart = System.nanoTime();
        karaf.start();
        karaf.awaitDatabase(RESTART);
        if (decidedBeforeKill < 0) {
            decidedBeforeKill = batchProcessed(karaf, lo, hi);
            unprocessedAtKill = batch.size() - decidedBeforeKill;
            assertNoViolations("run " + run + ", after the restart (before the poll)", karaf.snapshot(expected, false));
        }
        karaf.await("all signals of run " + run + " decided after the restart", BATCH_DONE,
                () -> karaf.count("SELECT count(*) FROM live_signals WHERE NOT processed") == 0);
        double restartSeconds = (System.nanoTime() - restartStart) / 1e9;
        Snapshot all = karaf.snapshot(expected, true);
        assertNoViolations("run " + run + ", after the restart", all);
        assertThat(all.signals()).as("signals in live_signals after run %d", run).isEqualTo(expected.size());
        assertThat(all.orderDecisions() + all.refusedDecisions()).as("decisions after run %d", run)
                .isEqualTo(expected.size());

        // Sequences are not transactional: an id gap is a decision (or order) inserted by a transaction the kill undid.
        long decisionGaps = karaf.count("SELECT coalesce(max(id) - min(id) + 1 - count(*), 0) FROM decisions");
        long orderGaps = karaf.count("SELECT coalesce(max(id) - min(id) + 1 - count(*), 0) FROM live_orders");
        long rolledBackDecisions = decisionGaps - decisionIdGaps;
        long rolledBackOrders = orderGaps - orderIdGaps;
        decisionIdGaps = decisionGaps;
        orderIdGaps = orderGaps;
        String restarted = karaf.postmaster().map(h -> "pid " + h.pid()).orElse("none");

        String line = String.format("run %d: kill point %d/%d, decided before kill %d, unprocessed at kill %d,"
                        + " undone by the kill: %d decision insert(s), %d order insert(s); restart + rest of batch %.1f s"
                        + " (postmaster %s -> %s); totals: signals %d, decisions %d (order %d, refused %d), orders %d",
                run, killAt, batch.size(), decidedBeforeKill, unprocessedAtKill, rolledBackDecisions, rolledBackOrders,
                restartSeconds, survivor, restarted, all.signals(), all.orderDecisions() + all.refusedDecisions(),
                all.orderDecisions(), all.refusedDecisions(), all.orders());
        log("%s", line);
        return line;
    }

    /** Inserts one batch (new strategy_universe rows, unprocessed signals) in one transaction, in a random order. */
    private List<Expected> insertBatch(Karaf karaf, int run, Random random) throws SQLException {
        List<List<Planned>> rows = new ArrayList<>();
        int r = 0;
        for (int i = 0; i < ONE_OPEN_ROWS; i++, r++) {
            rows.add(List.of(new Planned(r, OPEN_JSON, ORDER, null)));
        }
        for (int i = 0; i < TWO_OPEN_ROWS; i++, r++) {
            rows.add(List.of(new Planned(r, OPEN_JSON, ORDER, null),
                    new Planned(r, OPEN_JSON, REFUSED, "position_already_open")));
        }
        for (int i = 0; i < WIDE_STOP_ROWS; i++, r++) {
            rows.add(List.of(new Planned(r, WIDE_STOP_JSON, REFUSED, "too_wide_stop")));
        }
        for (int i = 0; i < WIDE_THEN_OPEN_ROWS; i++, r++) {
            rows.add(List.of(new Planned(r, WIDE_STOP_JSON, REFUSED, "too_wide_stop"),
                    new Planned(r, OPEN_JSON, ORDER, null)));
        }
        // A random order of the signals; a row's signals keep their order (Execution decides in id order).
        List<Integer> slots = new ArrayList<>();
        rows.forEach(list -> list.forEach(p -> slots.add(p.row())));
        Collections.shuffle(slots, random);
        int[] next = new int[rows.size()];
        List<Planned> order = new ArrayList<>();
        for (int row : slots) {
            order.add(rows.get(row).get(next[row]++));
        }

        List<Expected> batch = new ArrayList<>();
        try (Connection c = karaf.connect()) {
            c.setAutoCommit(false);
            long[] rowIds = new long[rows.size()];
            for (int i = 0; i < rows.size(); i++) {
                rowIds[i] = insertRow(c, "crash-run-" + run, SYMBOLS[i % SYMBOLS.length]);
            }
            Instant bar = Instant.parse("2024-03-01T07:00:00Z").plus(Duration.ofDays(run));
            Map<Integer, Integer> signalsOfRow = new HashMap<>();
            for (Planned p : order) {
                int k = signalsOfRow.merge(p.row(), 1, Integer::sum);
                long id = insertSignal(c, rowIds[p.row()], SYMBOLS[p.row() % SYMBOLS.length],
                        bar.plus(Duration.ofMinutes(k)), p.json());
                batch.add(new Expected(id, rowIds[p.row()], run, p.decision(), p.code()));
            }
            c.commit();
        }
        return batch;
    }

    private static long insertRow(Connection c, String strategy, String symbol) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO strategy_universe (strategy, symbol, timeframe, enabled,"
                + " mode, risk_per_trade, max_stop_loss_fraction, max_positions_per_strategy)"
                + " VALUES (?, ?, '1m', true, 'paper', 0.02, 0.2, 1) RETURNING id")) {
            ps.setString(1, strategy);
            ps.setString(2, symbol);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }

    private static long insertSignal(Connection c, long row, String symbol, Instant bar, String json) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO live_signals (run_id, strategy_universe_id, symbol,"
                + " timeframe, signal_timestamp, bar_timestamp, signal_json) VALUES ('paper', ?, ?, '1m', ?, ?, CAST(? AS jsonb))"
                + " RETURNING id")) {
            ps.setLong(1, row);
            ps.setString(2, symbol);
            ps.setTimestamp(3, Timestamp.from(bar.plusSeconds(60)));
            ps.setTimestamp(4, Timestamp.from(bar));
            ps.setString(5, json);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }

    private static int batchProcessed(Karaf karaf, long lo, long hi) {
        return (int) karaf.count("SELECT count(*) FROM live_signals WHERE processed AND id BETWEEN " + lo + " AND " + hi);
    }

    private static void assertNoViolations(String when, Snapshot snapshot) {
        List<String> v = snapshot.violations();
        if (!v.isEmpty()) {
            StringBuilder message = new StringBuilder(when + ": " + v.size() + " violation(s) of 'every signal has exactly"
                    + " one decision, orders only for order decisions':");
            v.stream().limit(30).forEach(s -> message.append("\n  ").append(s));
            if (v.size() > 30) {
                message.append("\n  ... and ").append(v.size() - 30).append(" more");
            }
            fail(message.toString());
        }
    }

    // ------------------------------------------------------------------------------------------------------------
    // The external Karaf process and its database

    private static final class Karaf {

        private final Path home;
        private final String jdbcUrl;
        private Process script;
        private ProcessHandle java;

        Karaf(Path home, int dbPort) {
            this.home = home;
            this.jdbcUrl = "jdbc:postgresql://127.0.0.1:" + dbPort + "/postgres";
        }

        void start() throws Exception {
            ProcessBuilder pb = new ProcessBuilder(home.resolve("bin/karaf").toString(), "server")
                    .directory(home.toFile())
                    .redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(home.resolve("karaf-console.out").toFile()));
            pb.environment().put("JAVA_HOME", System.getProperty("java.home"));
            pb.environment().put("CHECK_ROOT_INSTANCE_RUNNING", "false");
            pb.environment().remove("KARAF_OPTS");
            pb.environment().remove("EXTRA_JAVA_OPTS");
            script = pb.start();
            long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
            java = null;
            while (java == null) {
                java = karafJvm().orElse(null);
                if (java == null) {
                    if (!script.isAlive()) {
                        fail("bin/karaf server exited with " + script.exitValue() + " before starting Karaf's JVM:\n"
                                + tail(home.resolve("karaf-console.out"), 40));
                    }
                    if (System.nanoTime() > deadline) {
                        fail("no Karaf JVM (java -Dkaraf.home=...) under bin/karaf server after 60 s:\n"
                                + tail(home.resolve("karaf-console.out"), 40));
                    }
                    Thread.sleep(50);
                }
            }
            log("Karaf started: script pid %d, JVM pid %d", script.pid(), java.pid());
        }

        /**
         * The JVM that bin/karaf runs (as a child, or itself when it execs java). Linux shows only the first 4096
         * characters of a command line, so the JVM is recognised by its -Dkaraf.home option, which comes before the
         * long class path (the script's short {@code java -version} check has none).
         */
        private Optional<ProcessHandle> karafJvm() {
            return Stream.concat(Stream.of(script.toHandle()), script.descendants())
                    .filter(h -> h.info().command().orElse("").endsWith("java"))
                    .filter(h -> h.info().commandLine().orElse("").contains("-Dkaraf.home="))
                    .findFirst();
        }

        /** SIGKILL of the Karaf JVM, then of the script; the embedded postmaster survives, reparented. */
        void kill() throws Exception {
            ProcessHandle jvm = java;
            jvm.destroyForcibly();
            if (jvm.onExit().toCompletableFuture().completeOnTimeout(null, 30, TimeUnit.SECONDS).join() == null
                    && jvm.isAlive()) {
                fail("the Karaf JVM (pid " + jvm.pid() + ") survived SIGKILL for 30 s");
            }
            script.destroyForcibly();
            script.waitFor(30, TimeUnit.SECONDS);
        }

        /** A clean stop (SIGTERM: Karaf's shutdown hook stops the framework and the embedded PostgreSQL). */
        void stop() throws Exception {
            long t0 = System.nanoTime();
            java.destroy();
            boolean exited = java.onExit().toCompletableFuture().completeOnTimeout(null, 90, TimeUnit.SECONDS).join() != null;
            script.waitFor(30, TimeUnit.SECONDS);
            assertThat(exited).as("Karaf (pid %d) stopped within 90 s of SIGTERM", java.pid()).isTrue();
            log("Karaf stopped cleanly in %.1f s", (System.nanoTime() - t0) / 1e9);
        }

        /** The postmaster of db/pgdata is gone after the clean stop; one that lingers is stopped (SIGINT) and reported. */
        void assertPostgresStopped() throws Exception {
            Optional<ProcessHandle> pg = postmaster();
            if (pg.isEmpty()) {
                log("embedded PostgreSQL stopped with Karaf (no live postmaster for db/pgdata)");
                return;
            }
            boolean exited = pg.get().onExit().toCompletableFuture().completeOnTimeout(null, 30, TimeUnit.SECONDS).join() != null;
            if (!exited) {
                interrupt(pg.get());
                fail("the embedded PostgreSQL (pid " + pg.get().pid() + ") was still running 30 s after Karaf stopped;"
                        + " it was sent SIGINT");
            }
        }

        /** The live postgres process named by db/pgdata/postmaster.pid, if any. */
        Optional<ProcessHandle> postmaster() throws IOException {
            Path pidFile = home.resolve("db/pgdata/postmaster.pid");
            if (!Files.isRegularFile(pidFile)) {
                return Optional.empty();
            }
            List<String> lines = Files.readAllLines(pidFile, StandardCharsets.UTF_8);
            if (lines.isEmpty() || !lines.get(0).trim().matches("\\d+")) {
                return Optional.empty();
            }
            return ProcessHandle.of(Long.parseLong(lines.get(0).trim())).filter(ProcessHandle::isAlive)
                    .filter(h -> h.info().command().map(c -> c.contains("postgres")).orElse(true));
        }

        /** Last resort (failure, or the test JVM exiting): kill what is left of this Karaf and its PostgreSQL. */
        void emergencyStop() {
            try {
                if (java == null && script != null && script.isAlive()) {
                    java = karafJvm().orElse(null);
                }
                if (java != null && java.isAlive()) {
                    java.destroyForcibly();
                    java.onExit().toCompletableFuture().completeOnTimeout(null, 30, TimeUnit.SECONDS).join();
                }
                if (script != null && script.isAlive()) {
                    script.destroyForcibly();
                }
                Optional<ProcessHandle> pg = postmaster();
                if (pg.isPresent()) {
                    interrupt(pg.get());
                    pg.get().onExit().toCompletableFuture().completeOnTimeout(null, 30, TimeUnit.SECONDS).join();
                }
            } catch (Exception e) {
                System.err.println("[crash-it] emergency stop failed: " + e);
            }
        }

        private static void interrupt(ProcessHandle process) throws IOException, InterruptedException {
            new ProcessBuilder("kill", "-INT", Long.toString(process.pid())).inheritIO().start().waitFor();
        }

        void assertAlive(String when) {
            if (java != null && !java.isAlive()) {
                fail("the Karaf JVM (pid " + java.pid() + ") died by itself " + when + ":\n"
                        + tail(home.resolve("karaf-console.out"), 40));
            }
        }

        Connection connect() throws SQLException {
            Properties p = new Properties();
            p.setProperty("user", "postgres");
            p.setProperty("ApplicationName", "crash-it");
            p.setProperty("connectTimeout", "5");
            p.setProperty("socketTimeout", "60");
            Connection c = new org.postgresql.Driver().connect(jdbcUrl, p);
            if (c == null) {
                throw new SQLException("driver refused " + jdbcUrl);
            }
            return c;
        }

        long count(String sql) {
            try (Connection c = connect(); Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
                rs.next();
                return rs.getLong(1);
            } catch (SQLException e) {
                throw new AssertionError("query failed: " + sql + ": " + e, e);
            }
        }

        /** Until the server accepts connections and the execution tables exist. */
        void awaitDatabase(Duration timeout) throws Exception {
            long deadline = System.nanoTime() + timeout.toNanos();
            String last = "";
            while (true) {
                assertAlive("while waiting for the database");
                try (Connection c = connect(); Statement s = c.createStatement();
                     ResultSet rs = s.executeQuery("SELECT to_regclass('public.decisions') IS NOT NULL"
                             + " AND to_regclass('public.live_orders') IS NOT NULL")) {
                    rs.next();
                    if (rs.getBoolean(1)) {
                        return;
                    }
                    last = "schema not migrated yet";
                } catch (SQLException e) {
                    last = e.getMessage();
                }
                if (System.nanoTime() > deadline) {
                    fail("database " + jdbcUrl + " not ready after " + timeout + " (last: " + last + "); "
                            + logDigest(home));
                }
                Thread.sleep(200);
            }
        }

        interface Condition {
            boolean holds() throws Exception;
        }

        void await(String what, Duration timeout, Condition condition) throws Exception {
            long deadline = System.nanoTime() + timeout.toNanos();
            String last = "";
            while (true) {
                assertAlive("while waiting for " + what);
                try {
                    if (condition.holds()) {
                        return;
                    }
                } catch (Exception | AssertionError e) {
                    last = " (last: " + e.getMessage() + ")";
                }
                if (System.nanoTime() > deadline) {
                    fail("timed out after " + timeout + " waiting for " + what + last + "; " + logDigest(home));
                }
                Thread.sleep(100);
            }
        }

        /**
         * Right after the kill: once the dead JVM's connections are gone (their open transaction rolled back), a
         * snapshot against the surviving postmaster. Empty when the database cannot be reached.
         */
        Optional<Snapshot> snapshotAfterKill(Map<Long, Expected> expected) throws Exception {
            long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
            try (Connection c = connect()) {
                while (true) {
                    int left;
                    try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery(
                            "SELECT count(*) FROM pg_stat_activity WHERE application_name = 'strela' AND pid <> pg_backend_pid()")) {
                        rs.next();
                        left = rs.getInt(1);
                    }
                    if (left == 0) {
                        break;
                    }
                    if (System.nanoTime() > deadline) {
                        fail(left + " connection(s) of the killed JVM still open in PostgreSQL 20 s after the SIGKILL");
                    }
                    Thread.sleep(20);
                }
                return Optional.of(snapshot(c, expected, false));
            } catch (SQLException e) {
                log("database not reachable right after the kill: %s", e.getMessage());
                return Optional.empty();
            }
        }

        Snapshot snapshot(Map<Long, Expected> expected, boolean allProcessed) throws SQLException {
            try (Connection c = connect()) {
                return snapshot(c, expected, allProcessed);
            }
        }

        /** Reads signals, decisions and orders in one REPEATABLE READ snapshot and checks them against the plan. */
        private static Snapshot snapshot(Connection c, Map<Long, Expected> expected, boolean allProcessed) throws SQLException {
            c.setAutoCommit(false);
            c.setTransactionIsolation(Connection.TRANSACTION_REPEATABLE_READ);
            c.setReadOnly(true);
            List<String> v = new ArrayList<>();
            Map<Long, Boolean> processed = new LinkedHashMap<>();
            Map<Long, Integer> decisionCount = new HashMap<>();
            Map<Long, String[]> decisions = new HashMap<>();
            Map<Long, Long> decisionLots = new HashMap<>();
            Map<Long, List<Long>> ordersOfSignal = new HashMap<>();
            int orders = 0;
            try (Statement s = c.createStatement()) {
                try (ResultSet rs = s.executeQuery("SELECT id, processed, processed_at IS NOT NULL, strategy_universe_id"
                        + " FROM live_signals ORDER BY id")) {
                    while (rs.next()) {
                        long id = rs.getLong(1);
                        processed.put(id, rs.getBoolean(2));
                        if (rs.getBoolean(2) != rs.getBoolean(3)) {
                            v.add("signal " + id + ": processed=" + rs.getBoolean(2) + " but processed_at "
                                    + (rs.getBoolean(3) ? "set" : "null"));
                        }
                        Expected e = expected.get(id);
                        if (e == null) {
                            v.add("signal " + id + " was not inserted by this test");
                        } else if (e.rowId() != rs.getLong(4)) {
                            v.add("signal " + id + ": strategy_universe_id " + rs.getLong(4) + ", expected " + e.rowId());
                        }
                    }
                }
                try (ResultSet rs = s.executeQuery("SELECT signal_id, decision, refusal_code, lots FROM decisions ORDER BY id")) {
                    while (rs.next()) {
                        long id = rs.getLong(1);
                        decisionCount.merge(id, 1, Integer::sum);
                        decisions.put(id, new String[] {rs.getString(2), rs.getString(3)});
                        decisionLots.put(id, rs.getObject(4) == null ? null : rs.getLong(4));
                    }
                }
                Set<String> clientIds = new HashSet<>();
                try (ResultSet rs = s.executeQuery("SELECT id, signal_id, client_order_id, side, order_type, lots, price,"
                        + " stop_loss, status, strategy_universe_id, run_id FROM live_orders ORDER BY id")) {
                    while (rs.next()) {
                        orders++;
                        long orderId = rs.getLong(1);
                        Long signal = rs.getObject(2) == null ? null : rs.getLong(2);
                        String clientId = rs.getString(3);
                        if (!clientIds.add(clientId)) {
                            v.add("order " + orderId + ": duplicate client_order_id " + clientId);
                        }
                        if (signal == null) {
                            v.add("order " + orderId + " has no signal_id");
                            continue;
                        }
                        ordersOfSignal.computeIfAbsent(signal, k -> new ArrayList<>()).add(orderId);
                        String[] d = decisions.get(signal);
                        if (d == null) {
                            v.add("order " + orderId + " of signal " + signal + " has no decision");
                        } else if (!ORDER.equals(d[0])) {
                            v.add("order " + orderId + " of signal " + signal + " whose decision is " + d[0] + "/" + d[1]);
                        }
                        String wantedId = clientOrderId(signal, "entry");
                        if (!wantedId.equals(clientId)) {
                            v.add("order " + orderId + " of signal " + signal + ": client_order_id " + clientId
                                    + ", expected UUIDv5 " + wantedId);
                        }
                        Expected e = expected.get(signal);
                        String shape = rs.getString(4) + " " + rs.getString(5) + " " + rs.getLong(6) + " @ "
                                + rs.getBigDecimal(7) + " sl " + rs.getBigDecimal(8) + " " + rs.getString(9) + " run "
                                + rs.getString(11);
                        boolean shapeOk = "BUY".equals(rs.getString(4)) && "LIMIT".equals(rs.getString(5))
                                && rs.getLong(6) == EXPECTED_LOTS && rs.getBigDecimal(7) != null
                                && rs.getBigDecimal(7).compareTo(ENTRY_PRICE) == 0 && rs.getBigDecimal(8) != null
                                && rs.getBigDecimal(8).compareTo(STOP_LOSS) == 0 && "paper".equals(rs.getString(11))
                                && (e == null || e.rowId() == rs.getLong(10));
                        if (!shapeOk) {
                            v.add("order " + orderId + " of signal " + signal + " is " + shape + ", expected BUY LIMIT "
                                    + EXPECTED_LOTS + " @ " + ENTRY_PRICE + " sl " + STOP_LOSS + " on its signal's row");
                        }
                    }
                }
            } finally {
                c.rollback();
                c.setReadOnly(false);
                c.setAutoCommit(true);
            }
            int orderDecisions = 0;
            int refusedDecisions = 0;
            int processedCount = 0;
            for (Map.Entry<Long, Boolean> signal : processed.entrySet()) {
                long id = signal.getKey();
                int n = decisionCount.getOrDefault(id, 0);
                List<Long> own = ordersOfSignal.getOrDefault(id, List.of());
                if (signal.getValue()) {
                    processedCount++;
                    if (n != 1) {
                        v.add("processed signal " + id + " has " + n + " decisions");
                    }
                } else {
                    if (allProcessed) {
                        v.add("signal " + id + " is still unprocessed");
                    }
                    if (n != 0) {
                        v.add("unprocessed signal " + id + " has " + n + " decision(s)");
                    }
                    if (!own.isEmpty()) {
                        v.add("unprocessed signal " + id + " has orders " + own);
                    }
                }
                String[] d = decisions.get(id);
                if (d == null) {
                    continue;
                }
                if (ORDER.equals(d[0])) {
                    orderDecisions++;
                    if (own.size() != 1) {
                        v.add("signal " + id + ": 'order' decision with " + own.size() + " orders " + own + ", expected 1 (entry)");
                    }
                    Long lots = decisionLots.get(id);
                    if (lots == null || lots != EXPECTED_LOTS) {
                        v.add("signal " + id + ": 'order' decision for " + lots + " lots, expected " + EXPECTED_LOTS);
                    }
                } else {
                    refusedDecisions += REFUSED.equals(d[0]) ? 1 : 0;
                }
                Expected e = expected.get(id);
                if (e != null && !(e.decision().equals(d[0]) && Objects.equals(e.code(), d[1]))) {
                    v.add("signal " + id + " (run " + e.batch() + ", row " + e.rowId() + "): decided " + d[0]
                            + (d[1] == null ? "" : "/" + d[1]) + ", expected " + e.decision()
                            + (e.code() == null ? "" : "/" + e.code()));
                }
            }
            for (Long id : decisionCount.keySet()) {
                if (!processed.containsKey(id)) {
                    v.add("decision for signal " + id + " which is not in live_signals");
                }
            }
            for (Long id : expected.keySet()) {
                if (!processed.containsKey(id)) {
                    v.add("signal " + id + " inserted by the test is missing from live_signals");
                }
            }
            return new Snapshot(processed.size(), processedCount, orderDecisions, refusedDecisions, orders, v);
        }
    }

    // ------------------------------------------------------------------------------------------------------------
    // Distribution, configuration, files

    private static Path distribution() {
        String version = System.getProperty("project.version", "0.1.0-SNAPSHOT");
        Path repo = Path.of(System.getProperty("org.ops4j.pax.url.mvn.localRepository",
                System.getProperty("user.home") + "/.m2/repository"));
        Path dist = repo.resolve("dev/strela/strela-distribution/" + version + "/strela-distribution-" + version + ".tar.gz");
        assertThat(dist).as("the distribution (a test dependency of this module)").isRegularFile();
        return dist;
    }

    private static Path unpack(Path tarGz, Path folder) throws Exception {
        Files.createDirectories(folder);
        Process tar = new ProcessBuilder("tar", "-xzf", tarGz.toString(), "-C", folder.toString())
                .redirectErrorStream(true).start();
        String out = new String(tar.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(tar.waitFor()).as("tar -xzf %s: %s", tarGz, out).isZero();
        try (Stream<Path> children = Files.list(folder)) {
            return children.filter(p -> Files.isRegularFile(p.resolve("bin/karaf"))).findFirst()
                    .orElseThrow(() -> new AssertionError("no bin/karaf in the unpacked " + tarGz));
        }
    }

    /** Free ports, offline Maven resolution, a 200 ms execution poll and no run-wide position cap. */
    private static void configure(Path home, int dbPort) throws IOException {
        Path etc = home.resolve("etc");
        setProperty(etc.resolve("org.apache.karaf.shell.cfg"), "sshPort", Integer.toString(freePort()));
        setProperty(etc.resolve("org.apache.karaf.management.cfg"), "rmiRegistryPort", Integer.toString(freePort()));
        setProperty(etc.resolve("org.apache.karaf.management.cfg"), "rmiServerPort", Integer.toString(freePort()));
        Path mvn = etc.resolve("org.ops4j.pax.url.mvn.cfg");
        String mvnCfg = Files.readString(mvn, StandardCharsets.UTF_8)
                // the default repository list continues over several lines ending in '\'
                .replaceAll("(?m)^org\\.ops4j\\.pax\\.url\\.mvn\\.repositories\\s*=(?:[^\\n]*\\\\\\n)*[^\\n]*\\n?", "");
        Files.writeString(mvn, mvnCfg, StandardCharsets.UTF_8);
        setProperty(mvn, "org.ops4j.pax.url.mvn.repositories", "");
        setProperty(mvn, "org.ops4j.pax.url.mvn.offline", "true");
        setProperty(etc.resolve("dev.strela.db.cfg"), "embedded.port", Integer.toString(dbPort));
        setProperty(etc.resolve("dev.strela.execution.cfg"), "pollMillis", "200");
        setProperty(etc.resolve("dev.strela.demo.cfg"), "enabled", "false");
        // about execution only: its orders go to a broker nobody serves, so they stay NEW and the planned
        // decisions (a second OPEN on a row is position_already_open) hold across restarts
        setProperty(etc.resolve("dev.strela.execution.cfg"), "paperBroker", "none");
        // 1,000 orders stay NEW (no broker consumes them): the run-wide cap of 10 positions would refuse the rest
        setProperty(etc.resolve("dev.strela.execution.cfg"), "maxTotalPositions", "100000");
    }

    /** Sets {@code key = value} in a .cfg file, replacing an uncommented line for the key or appending one. */
    private static void setProperty(Path file, String key, String value) throws IOException {
        List<String> lines = Files.exists(file) ? new ArrayList<>(Files.readAllLines(file, StandardCharsets.UTF_8))
                : new ArrayList<>();
        Pattern line = Pattern.compile("^\\s*" + Pattern.quote(key) + "\\s*[=:].*$");
        boolean replaced = false;
        for (int i = 0; i < lines.size(); i++) {
            if (line.matcher(lines.get(i)).matches()) {
                lines.set(i, key + " = " + value);
                replaced = true;
                break;
            }
        }
        if (!replaced) {
            lines.add(key + " = " + value);
        }
        Files.write(file, lines, StandardCharsets.UTF_8);
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The execution bundle's client order id of a signal's leg: RFC 4122 version 5 (SHA-1) of "signal:<id>:<leg>". */
    static String clientOrderId(long signalId, String leg) {
        try {
            MessageDigest sha1 = MessageDigest.getInstance("SHA-1");
            sha1.update(ByteBuffer.allocate(16).putLong(ORDER_ID_NAMESPACE.getMostSignificantBits())
                    .putLong(ORDER_ID_NAMESPACE.getLeastSignificantBits()).array());
            byte[] hash = sha1.digest(("signal:" + signalId + ":" + leg).getBytes(StandardCharsets.UTF_8));
            hash[6] = (byte) ((hash[6] & 0x0f) | 0x50);
            hash[8] = (byte) ((hash[8] & 0x3f) | 0x80);
            ByteBuffer bytes = ByteBuffer.wrap(hash, 0, 16);
            return new UUID(bytes.getLong(), bytes.getLong()).toString();
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Logs what karaf.log says about errors (reported, not failed on: refusals are logged as warnings by design). */
    private static void scanKarafLog(Path home) throws IOException {
        Path dir = home.resolve("data/log");
        if (!Files.isDirectory(dir)) {
            log("no data/log folder");
            return;
        }
        List<String> errors = new ArrayList<>();
        int warnings = 0;
        Map<String, Integer> warningKinds = new TreeMap<>();
        try (Stream<Path> files = Files.list(dir)) {
            for (Path f : files.sorted().toList()) {
                for (String l : Files.readAllLines(f, StandardCharsets.ISO_8859_1)) {
                    if (l.contains("| ERROR |")) {
                        errors.add(f.getFileName() + ": " + l);
                    } else if (l.contains("| WARN  |")) {
                        warnings++;
                        String[] fields = l.split("\\|", 6);
                        String what = fields.length == 6 ? fields[3].trim() + ": " + fields[5].trim() : l;
                        // one kind per logger and message shape: numbers and ids blanked, cut after 80 characters
                        what = what.replaceAll("[0-9a-f]{8}-[0-9a-f-]{27}", "<uuid>").replaceAll("\\d+", "N");
                        warningKinds.merge(what.length() > 80 ? what.substring(0, 80) : what, 1, Integer::sum);
                    }
                }
            }
        }
        log("karaf.log: %d ERROR line(s), %d WARN line(s)", errors.size(), warnings);
        warningKinds.forEach((what, n) -> log("  WARN x%d %s", n, what));
        errors.stream().limit(20).forEach(l -> log("  %s", l.length() > 400 ? l.substring(0, 400) + "..." : l));
    }

    /** For failure messages: how many ERROR entries karaf.log has, and the last one with its causes. */
    private static String logDigest(Path home) {
        Path file = home.resolve("data/log/karaf.log");
        try {
            if (!Files.isRegularFile(file)) {
                return "no " + file;
            }
            List<String> lines = Files.readAllLines(file, StandardCharsets.ISO_8859_1);
            int errors = 0;
            int last = -1;
            for (int i = 0; i < lines.size(); i++) {
                if (lines.get(i).contains("| ERROR |")) {
                    errors++;
                    last = i;
                }
            }
            if (last < 0) {
                return file + " has no ERROR entries; its last lines:\n" + tail(file, 15);
            }
            StringBuilder digest = new StringBuilder(file + " has " + errors + " ERROR entries; the last one:\n")
                    .append(lines.get(last));
            for (int i = last + 1; i < lines.size() && !lines.get(i).matches("^\\d{4}-\\d\\d-\\d\\d.*"); i++) {
                String l = lines.get(i);
                if (i == last + 1 || l.startsWith("Caused by")) {
                    digest.append("\n").append(l);
                }
            }
            return digest.toString();
        } catch (IOException e) {
            return "cannot read " + file + ": " + e;
        }
    }

    private static String tail(Path file, int lines) {
        try {
            if (!Files.isRegularFile(file)) {
                return "(no " + file + ")";
            }
            List<String> all = Files.readAllLines(file, StandardCharsets.ISO_8859_1);
            return String.join("\n", all.subList(Math.max(0, all.size() - lines), all.size()));
        } catch (IOException e) {
            return "(cannot read " + file + ": " + e + ")";
        }
    }

    private static void deleteRecursively(Path folder) throws IOException {
        if (!Files.exists(folder)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(folder)) {
            for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }

    private static void log(String format, Object... args) {
        System.out.println("[crash-it] " + String.format(format, args));
    }
}
