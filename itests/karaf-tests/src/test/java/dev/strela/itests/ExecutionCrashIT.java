package dev.strela.itests;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.math.BigDecimal;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
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
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

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

    private static final String TAG = "crash-it";
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

        KarafProcess karaf = KarafProcess.unpack(TAG, seed);
        configure(karaf);
        karaf.guard(() -> {
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
            karaf.scanKarafLog();
            log("summary (seed %d):", seed);
            summary.forEach(line -> log("  %s", line));
            log("total duration %.1f s", (System.nanoTime() - testStart) / 1e9);
        });
    }

    /** A 200 ms execution poll and no run-wide position cap. */
    private static void configure(KarafProcess karaf) throws IOException {
        karaf.setProperty("dev.strela.execution.cfg", "pollMillis", "200");
        // about execution only: its orders go to a broker nobody serves, so they stay NEW and the planned
        // decisions (a second OPEN on a row is position_already_open) hold across restarts
        karaf.setProperty("dev.strela.execution.cfg", "paperBroker", "none");
        // 1,000 orders stay NEW (no broker consumes them): the run-wide cap of 10 positions would refuse the rest
        karaf.setProperty("dev.strela.execution.cfg", "maxTotalPositions", "100000");
    }

    /** Waits for the database, the schema and the paper account, then for a probe signal's decision. */
    private void awaitFirstStart(KarafProcess karaf, Map<Long, Expected> expected, long startedAt) throws Exception {
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
        Snapshot snapshot = snapshot(karaf, expected, true);
        assertNoViolations("after the first start", snapshot);
        log("first start: the probe signal was decided %.1f s after bin/karaf server (cold start, PostgreSQL unpacked and"
                + " initialised, schema migrated)", (System.nanoTime() - startedAt) / 1e9);
    }

    /** One run: a batch of signals, SIGKILL part-way, checks at once, restart, checks once the batch is decided. */
    private String crashRun(KarafProcess karaf, int run, Random random, Map<Long, Expected> expected) throws Exception {
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
                            + BATCH_DONE + " (kill point " + killAt + "); " + karaf.logDigest());
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
        Optional<Snapshot> afterKill = snapshotAfterKill(karaf, expected);
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
            assertNoViolations("run " + run + ", after the restart (before the poll)", snapshot(karaf, expected, false));
        }
        karaf.await("all signals of run " + run + " decided after the restart", BATCH_DONE,
                () -> karaf.count("SELECT count(*) FROM live_signals WHERE NOT processed") == 0);
        double restartSeconds = (System.nanoTime() - restartStart) / 1e9;
        Snapshot all = snapshot(karaf, expected, true);
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
    private List<Expected> insertBatch(KarafProcess karaf, int run, Random random) throws SQLException {
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

    private static int batchProcessed(KarafProcess karaf, long lo, long hi) {
        return (int) karaf.count("SELECT count(*) FROM live_signals WHERE processed AND id BETWEEN " + lo + " AND " + hi);
    }

    private static void assertNoViolations(String when, Snapshot snapshot) {
        KarafProcess.assertNoViolations(when, "'every signal has exactly one decision, orders only for order decisions'",
                snapshot.violations());
    }

    // ------------------------------------------------------------------------------------------------------------
    // Checks

    /** Right after the kill, against the surviving postmaster; empty when the database cannot be reached. */
    private static Optional<Snapshot> snapshotAfterKill(KarafProcess karaf, Map<Long, Expected> expected) throws Exception {
        return karaf.readAfterKill(c -> snapshot(c, expected, false));
    }

    private static Snapshot snapshot(KarafProcess karaf, Map<Long, Expected> expected, boolean allProcessed)
            throws SQLException {
        try (Connection c = karaf.connect()) {
            return snapshot(c, expected, allProcessed);
        }
    }

    /** Reads signals, decisions and orders in one REPEATABLE READ snapshot and checks them against the plan. */
    private static Snapshot snapshot(Connection c, Map<Long, Expected> expected, boolean allProcessed) throws SQLException {
        KarafProcess.beginSnapshot(c);
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

    private static void log(String format, Object... args) {
        KarafProcess.log(TAG, format, args);
    }
}
