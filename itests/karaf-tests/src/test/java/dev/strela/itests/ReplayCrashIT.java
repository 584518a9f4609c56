package dev.strela.itests;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Crash safety of replays: the real distribution runs as an external process ({@code bin/karaf server}) and its JVM
 * is killed with SIGKILL at a random moment of a replay, {@value #DEFAULT_RUNS} times. After each restart, over every
 * replay run so far, in one consistent snapshot: every signal has exactly one decision, no client order id is used
 * twice, each position is the signed sum of the fills the simulated broker recorded (and the cash what the fills
 * paid), no replay is left running and no order of an ended replay is left working. Then one replay runs to its end
 * and passes the same checks.
 *
 * <p>The data: two instruments (lot 10, tick 0.01 and lot 1, tick 0.5) with 1-minute candles swinging regularly
 * around a level over nine trading days from Monday 2024-03-04, so that an SMA 5/20 crossover on 5-minute bars
 * (shorts allowed) trades many times a day.
 *
 * <p>System properties: {@code strela.it.replaycrash.seed} (replay a run's data and kill moments),
 * {@code strela.it.replaycrash.runs} (number of kills, default 20), {@code strela.it.keep=true} (keep the folder).
 * The folder is also kept when the test fails.
 */
class ReplayCrashIT {

    private static final String TAG = "replay-crash-it";
    private static final int DEFAULT_RUNS = 20;
    private static final int RUNS = Integer.getInteger("strela.it.replaycrash.runs", DEFAULT_RUNS);
    private static final int MAX_EXTRA_DELAY_MILLIS = 2000;

    private static final ZoneId MOSCOW = ZoneId.of("Europe/Moscow");
    private static final LocalDate FIRST_DAY = LocalDate.parse("2024-03-04");
    private static final LocalDate END = LocalDate.parse("2024-03-16");
    /** International Women's Day: no trading at MOEX. */
    private static final LocalDate HOLIDAY = LocalDate.parse("2024-03-08");
    /** 10:00-18:39 MSK. */
    private static final int MINUTES_PER_DAY = 520;
    static final String REPLAY = "strela:replay --background --from " + FIRST_DAY + " --to " + END
            + " --instruments RCA,RCB --strategies sma_crossover --initial-cash 1000000";
    private static final String PARAMS = "'{\"fast\":5,\"slow\":20,\"atrPeriod\":5,\"atrMultiple\":2.0,\"allowShort\":true}'";
    static final Pattern STARTED = Pattern.compile("Replay (replay-[0-9a-f-]{36}) started");

    static final Duration FIRST_START = Duration.ofSeconds(180);
    private static final Duration RESTART = Duration.ofSeconds(120);
    private static final Duration REPLAY_DONE = Duration.ofSeconds(120);

    /** One replay run as the database has it. */
    record RunFigures(String status, long signals, long decisions, long interrupted, long orders, long working,
                              long cancelled, long trades, long openPositions, Instant simulated) {

        String counts() {
            return String.format("signals %d, decisions %d, orders %d (%d working), trades %d, open positions %d",
                    signals, decisions, orders, working, trades, openPositions);
        }
    }

    /** What one run printed, and whether its kill landed while the replay was running. */
    private record Kill(String line, boolean whileRunning) {
    }

    /** Counts over all replay runs of one snapshot, and what in it breaks the rules. */
    private record Totals(int runs, long signals, long decisions, long interrupted, long orders, long trades,
                          long openPositions, List<String> violations) {
    }

    @Test
    @Timeout(value = 10, unit = TimeUnit.MINUTES)
    void replayKilledAtRandomMoments_afterEachRestartOneDecisionPerSignalUniqueOrderIdsAndPositionsAsFilled()
            throws Exception {
        long seed = Long.getLong("strela.it.replaycrash.seed", System.nanoTime());
        Random random = new Random(seed);
        log("seed %d (replay with -Dstrela.it.replaycrash.seed=%d), %d runs", seed, seed, RUNS);
        long testStart = System.nanoTime();

        KarafProcess karaf = KarafProcess.unpack(TAG, seed);
        Path candles = Candles.write(karaf.folder().resolve("candles.csv"), seed);
        karaf.guard(() -> {
            long startedAt = System.nanoTime();
            karaf.start();
            karaf.awaitDatabase(FIRST_START);
            setUp(karaf, candles);
            log("first start and setup took %.1f s", (System.nanoTime() - startedAt) / 1e9);

            List<String> replays = new ArrayList<>();
            List<String> summary = new ArrayList<>();
            int midway = 0;
            for (int run = 1; run <= RUNS; run++) {
                Kill kill = killedReplay(karaf, run, random, replays);
                midway += kill.whileRunning() ? 1 : 0;
                summary.add(kill.line());
            }
            summary.add(completeReplay(karaf, replays));
            Totals totals = check(karaf, replays, "after the loop");

            karaf.stop();
            karaf.assertPostgresStopped();
            karaf.scanKarafLog();
            log("summary (seed %d):", seed);
            summary.forEach(line -> log("  %s", line));
            log("totals: %d replay runs, %d killed while running; signals %d, decisions %d (%d replay_interrupted),"
                            + " orders %d, trades %d, open positions %d", totals.runs(), midway, totals.signals(),
                    totals.decisions(), totals.interrupted(), totals.orders(), totals.trades(), totals.openPositions());
            log("total duration %.1f s", (System.nanoTime() - testStart) / 1e9);
            assertThat(midway).as("kills that landed while the replay was running (the replay is sized for it)")
                    .isGreaterThanOrEqualTo((RUNS + 1) / 2);
        });
    }

    /** Two instruments, their candles, and a disabled SMA crossover row on each (only replays trade them). */
    static void setUp(KarafProcess karaf, Path candles) throws Exception {
        assertThat(karaf.consoleWhenReady("strela:instrument-add rc-a RCA 10 0.01", FIRST_START)).contains("Instrument rc-a");
        assertThat(karaf.consoleWhenReady("strela:instrument-add rc-b RCB 1 0.5", FIRST_START)).contains("Instrument rc-b");
        String imported = karaf.consoleWhenReady("strela:import " + candles, FIRST_START);
        log("strela:import %s%n%s", candles, imported.stripTrailing());
        assertThat(imported).containsPattern("refused:\\s+0\\b").containsPattern("not aggregated:\\s+0\\b");
        for (String instrument : new String[] {"rc-a", "rc-b"}) {
            assertThat(karaf.consoleWhenReady("strela:universe-add --disabled --params " + PARAMS + " sma_crossover "
                    + instrument + " 5m", FIRST_START)).contains("Universe row");
        }
    }

    /** One run: a replay, SIGKILL once it decides and a random moment later, restart, checks over all replays. */
    private Kill killedReplay(KarafProcess karaf, int run, Random random, List<String> replays) throws Exception {
        long asked = System.nanoTime();
        String runId = startReplay(karaf, replays);
        long started = System.nanoTime();
        double console = (started - asked) / 1e9;
        awaitFirstDecisions(karaf, runId);
        double firstDecisions = (System.nanoTime() - started) / 1e9;
        int delay = random.nextInt(MAX_EXTRA_DELAY_MILLIS + 1);
        Thread.sleep(delay);
        karaf.kill();
        double killedAfter = (System.nanoTime() - started) / 1e9;
        Optional<RunFigures> atKill = karaf.readAfterKill(c -> figures(c, runId));

        double restartSeconds = restart(karaf, runId);
        Totals totals = check(karaf, replays, "run " + run + ", after the restart");
        RunFigures after = figures(karaf, runId);

        if (atKill.isPresent()) {
            assertRestartOnlyEnded(runId, atKill.get(), after);
        }
        String kill = atKill.map(f -> String.format("%s at simulated %s (%s of the replay): %s",
                "running".equals(f.status()) ? "while running" : "WARNING after it had " + f.status(),
                f.simulated(), progress(f.simulated()), f.counts())).orElse("(database unreachable right after the kill)");
        String cancelled = atKill.map(f -> Long.toString(after.cancelled() - f.cancelled())).orElse("?");
        String line = String.format("run %d: %s (console %.1f s) killed %.2f s after its start (first decisions at %.2f s,"
                        + " then %d ms) %s;"
                        + " restart + cleanup %.1f s: %s, %d signal(s) decided not_sent/replay_interrupted, %s order(s)"
                        + " cancelled; all replays: signals %d, decisions %d, orders %d, trades %d",
                run, runId, console, killedAfter, firstDecisions, delay, kill, restartSeconds, after.status(), after.interrupted(),
                cancelled, totals.signals(), totals.decisions(), totals.orders(), totals.trades());
        log("%s", line);
        return new Kill(line, atKill.map(f -> "running".equals(f.status())).orElse(false));
    }

    /** Starts Karaf again and waits for its cleanup of the killed replay; returns how long that took, in seconds. */
    private static double restart(KarafProcess karaf, String killed) throws Exception {
        long start = System.nanoTime();
        karaf.start();
        karaf.awaitDatabase(RESTART);
        karaf.await("the restart's cleanup of the killed " + killed, RESTART,
                () -> !"running".equals(figures(karaf, killed).status()));
        return (System.nanoTime() - start) / 1e9;
    }

    /** After the kills: a replay that runs to its end, then the same checks. */
    private String completeReplay(KarafProcess karaf, List<String> replays) throws Exception {
        String runId = startReplay(karaf, replays);
        karaf.await("replay " + runId + " to end", REPLAY_DONE, () -> !"running".equals(figures(karaf, runId).status()));
        RunFigures f = figures(karaf, runId);
        double seconds = karaf.count("SELECT (extract(epoch FROM finished_at - started_at) * 1000)::bigint FROM runs"
                + " WHERE id = '" + runId + "'") / 1000.0;
        check(karaf, replays, "after the complete replay");
        assertThat(f.status()).as("status of the replay that was not killed (%s)", runId).isEqualTo("finished");
        String line = String.format("complete replay %s: %s in %.1f s (runs.started_at to finished_at), %s", runId,
                f.status(), seconds, f.counts());
        log("%s", line);
        return line;
    }

    private static String startReplay(KarafProcess karaf, List<String> replays) throws Exception {
        String out = karaf.consoleWhenReady(REPLAY, RESTART);
        Matcher m = STARTED.matcher(out);
        if (!m.find()) {
            fail("no replay started by '" + REPLAY + "':\n" + out);
        }
        replays.add(m.group(1));
        return m.group(1);
    }

    /** Until the replay has decided some signals; fails if it ends first (it would be too short to be killed). */
    static void awaitFirstDecisions(KarafProcess karaf, String runId) throws Exception {
        long deadline = System.nanoTime() + REPLAY_DONE.toNanos();
        while (true) {
            karaf.assertAlive("while " + runId + " was starting");
            RunFigures f = figures(karaf, runId);
            if (!"running".equals(f.status())) {
                fail(runId + " ended (" + f.status() + ") before it was killed, with " + f.counts() + "; "
                        + karaf.logDigest());
            }
            if (f.decisions() > 0) {
                return;
            }
            if (System.nanoTime() > deadline) {
                fail(runId + " decided no signal within " + REPLAY_DONE + " (" + f.counts() + "); " + karaf.logDigest());
            }
            Thread.sleep(20);
        }
    }

    /** Where the simulated clock stood, as a share of the replay's trading minutes. */
    static String progress(Instant simulated) {
        if (simulated == null) {
            return "start";
        }
        long minutes = 0;
        for (LocalDate day : Candles.tradingDays()) {
            Instant open = day.atTime(10, 0).atZone(MOSCOW).toInstant();
            minutes += Math.max(0, Math.min(MINUTES_PER_DAY, Duration.between(open, simulated).toMinutes()));
        }
        return String.format("%.0f%%", 100.0 * minutes / (MINUTES_PER_DAY * Candles.tradingDays().size()));
    }

    // ------------------------------------------------------------------------------------------------------------
    // Checks

    static RunFigures figures(KarafProcess karaf, String runId) throws SQLException {
        try (Connection c = karaf.connect()) {
            return figures(c, runId);
        }
    }

    private static RunFigures figures(Connection c, String runId) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT r.status,"
                + " (SELECT count(*) FROM live_signals WHERE run_id = r.id),"
                + " (SELECT count(*) FROM decisions WHERE run_id = r.id),"
                + " (SELECT count(*) FROM decisions WHERE run_id = r.id AND refusal_code = 'replay_interrupted'),"
                + " (SELECT count(*) FROM live_orders WHERE run_id = r.id),"
                + " (SELECT count(*) FROM live_orders WHERE run_id = r.id AND status IN ('NEW', 'SUBMITTED', 'PARTIALLY_FILLED')),"
                + " (SELECT count(*) FROM live_orders WHERE run_id = r.id AND status = 'CANCELLED'),"
                + " (SELECT count(*) FROM live_trades WHERE run_id = r.id),"
                + " (SELECT count(*) FROM live_positions WHERE run_id = r.id AND quantity <> 0),"
                + " greatest((SELECT max(signal_timestamp) FROM live_signals WHERE run_id = r.id),"
                + "          (SELECT max(executed_at) FROM live_trades WHERE run_id = r.id))"
                + " FROM runs r WHERE r.id = ?")) {
            ps.setString(1, runId);
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) {
                    throw new AssertionError("no runs row for " + runId);
                }
                Timestamp simulated = rs.getTimestamp(10);
                return new RunFigures(rs.getString(1), rs.getLong(2), rs.getLong(3), rs.getLong(4), rs.getLong(5),
                        rs.getLong(6), rs.getLong(7), rs.getLong(8), rs.getLong(9),
                        simulated == null ? null : simulated.toInstant());
            }
        }
    }

    /**
     * The restart only ends a killed replay: one that was running is marked failed, its undecided signals get their
     * decision and its working orders are cancelled; no signal, order, fill or position is added or changed otherwise.
     */
    private static void assertRestartOnlyEnded(String runId, RunFigures atKill, RunFigures after) {
        assertThat(after.status()).as("status of the killed %s after the restart", runId)
                .isEqualTo("running".equals(atKill.status()) ? "failed" : atKill.status());
        assertThat(List.of(after.signals(), after.orders(), after.trades(), after.openPositions()))
                .as("signals, orders, trades and open positions of the killed %s: at the kill, after the restart", runId)
                .isEqualTo(List.of(atKill.signals(), atKill.orders(), atKill.trades(), atKill.openPositions()));
        assertThat(after.decisions() - atKill.decisions()).as("decisions the restart added to %s", runId)
                .isEqualTo(after.interrupted()).isEqualTo(atKill.signals() - atKill.decisions());
        assertThat(after.cancelled() - atKill.cancelled()).as("orders of %s the restart cancelled", runId)
                .isEqualTo(atKill.working());
    }

    /** Every rule over all replay runs, in one REPEATABLE READ snapshot; fails listing what breaks them. */
    private static Totals check(KarafProcess karaf, List<String> replays, String when) throws SQLException {
        try (Connection c = karaf.connect()) {
            KarafProcess.beginSnapshot(c);
            try (Statement s = c.createStatement()) {
                List<String> v = new ArrayList<>();
                List<String> stored = new ArrayList<>();
                rows(s, "SELECT id, status FROM runs WHERE kind = 'replay' ORDER BY started_at", rs -> {
                    stored.add(rs.getString(1));
                    if ("running".equals(rs.getString(2))) {
                        v.add("d: replay " + rs.getString(1) + " is still 'running'");
                    }
                });
                if (!stored.containsAll(replays) || !replays.containsAll(stored)) {
                    v.add("the replay runs stored " + stored + " are not the ones started " + replays);
                }
                rows(s, "SELECT s.run_id, s.id, count(d.id), bool_and(s.processed) FROM live_signals s"
                        + " JOIN runs r ON r.id = s.run_id AND r.kind = 'replay' LEFT JOIN decisions d ON d.signal_id = s.id"
                        + " GROUP BY s.run_id, s.id HAVING count(d.id) <> 1 OR NOT bool_and(s.processed) ORDER BY s.id",
                        rs -> v.add("a: signal " + rs.getLong(2) + " of " + rs.getString(1) + " has " + rs.getLong(3)
                                + " decision(s), processed " + rs.getBoolean(4)));
                rows(s, "SELECT client_order_id, string_agg(id || ' (' || run_id || ')', ', ') FROM live_orders"
                                + " GROUP BY client_order_id HAVING count(*) > 1",
                        rs -> v.add("b: client_order_id " + rs.getString(1) + " on orders " + rs.getString(2)));
                checkBrokerRecords(s, v);
                rows(s, "SELECT o.run_id, r.status, o.id, o.order_type, o.status FROM live_orders o"
                        + " JOIN runs r ON r.id = o.run_id AND r.kind = 'replay' WHERE r.status <> 'running'"
                        + " AND o.status IN ('NEW', 'SUBMITTED', 'PARTIALLY_FILLED') ORDER BY o.id",
                        rs -> v.add("d: order " + rs.getLong(3) + " (" + rs.getString(4) + ") of the " + rs.getString(2)
                                + " " + rs.getString(1) + " is still " + rs.getString(5)));
                Totals totals;
                try (ResultSet rs = s.executeQuery("SELECT"
                        + " (SELECT count(*) FROM runs WHERE kind = 'replay'),"
                        + " (SELECT count(*) FROM live_signals x JOIN runs r ON r.id = x.run_id AND r.kind = 'replay'),"
                        + " (SELECT count(*) FROM decisions x JOIN runs r ON r.id = x.run_id AND r.kind = 'replay'),"
                        + " (SELECT count(*) FROM decisions WHERE refusal_code = 'replay_interrupted'),"
                        + " (SELECT count(*) FROM live_orders x JOIN runs r ON r.id = x.run_id AND r.kind = 'replay'),"
                        + " (SELECT count(*) FROM live_trades x JOIN runs r ON r.id = x.run_id AND r.kind = 'replay'),"
                        + " (SELECT count(*) FROM live_positions x JOIN runs r ON r.id = x.run_id AND r.kind = 'replay'"
                        + "  WHERE x.quantity <> 0)")) {
                    rs.next();
                    totals = new Totals(rs.getInt(1), rs.getLong(2), rs.getLong(3), rs.getLong(4), rs.getLong(5),
                            rs.getLong(6), rs.getLong(7), v);
                }
                KarafProcess.assertNoViolations(when, "the rules of a replay killed and restarted", v);
                return totals;
            } finally {
                c.rollback();
            }
        }
    }

    /**
     * c: what the simulated broker recorded agrees with itself. Each (run, universe row, instrument) position is the
     * signed sum of its fills (live_trades are unsigned: BUY adds, SELL takes away) in units and in lots, each order's
     * filled lots are the sum of its fills, and each replay's cash is its initial cash less what its fills paid
     * (commissions included), to the kopeck.
     */
    private static void checkBrokerRecords(Statement s, List<String> v) throws SQLException {
        rows(s, "WITH filled AS (SELECT t.run_id, o.strategy_universe_id, o.symbol,"
                + "   sum(CASE t.side WHEN 'BUY' THEN t.quantity ELSE -t.quantity END) AS quantity,"
                + "   sum(CASE t.side WHEN 'BUY' THEN t.lots ELSE -t.lots END) AS lots, count(*) AS fills"
                + "   FROM live_trades t JOIN live_orders o ON o.id = t.order_id"
                + "   JOIN runs r ON r.id = t.run_id AND r.kind = 'replay' GROUP BY 1, 2, 3),"
                + " held AS (SELECT p.run_id, p.strategy_universe_id, p.symbol, p.quantity, p.lots FROM live_positions p"
                + "   JOIN runs r ON r.id = p.run_id AND r.kind = 'replay')"
                + " SELECT run_id, strategy_universe_id, symbol, coalesce(held.quantity, 0), coalesce(held.lots, 0),"
                + "   coalesce(filled.quantity, 0), coalesce(filled.lots, 0), coalesce(filled.fills, 0)"
                + " FROM held FULL JOIN filled USING (run_id, strategy_universe_id, symbol)"
                + " WHERE coalesce(held.quantity, 0) <> coalesce(filled.quantity, 0)"
                + "    OR coalesce(held.lots, 0) <> coalesce(filled.lots, 0) ORDER BY 1, 2, 3",
                rs -> v.add("c: " + rs.getString(1) + " row " + rs.getLong(2) + " " + rs.getString(3) + ": live_positions "
                        + rs.getLong(4) + " units / " + rs.getLong(5) + " lots, its " + rs.getLong(8) + " fills sum to "
                        + rs.getLong(6) + " units / " + rs.getLong(7) + " lots"));
        rows(s, "SELECT o.run_id, o.id, o.status, o.filled_lots, coalesce(sum(t.lots), 0) FROM live_orders o"
                + " JOIN runs r ON r.id = o.run_id AND r.kind = 'replay' LEFT JOIN live_trades t ON t.order_id = o.id"
                + " GROUP BY o.run_id, o.id HAVING o.filled_lots <> coalesce(sum(t.lots), 0) ORDER BY o.id",
                rs -> v.add("c: order " + rs.getLong(2) + " of " + rs.getString(1) + " (" + rs.getString(3) + ") has "
                        + rs.getLong(4) + " filled lots, its fills " + rs.getLong(5)));
        rows(s, "SELECT a.run_id, a.cash, a.initial_cash + coalesce(sum(CASE t.side WHEN 'SELL' THEN t.price * t.quantity"
                + "   ELSE -t.price * t.quantity END - t.commission), 0)"
                + " FROM accounts a JOIN runs r ON r.id = a.run_id AND r.kind = 'replay'"
                + " LEFT JOIN live_trades t ON t.run_id = a.run_id GROUP BY a.id, a.run_id, a.cash, a.initial_cash"
                + " HAVING abs(a.cash - a.initial_cash - coalesce(sum(CASE t.side WHEN 'SELL' THEN t.price * t.quantity"
                + "   ELSE -t.price * t.quantity END - t.commission), 0)) >= 0.01 ORDER BY 1",
                rs -> v.add("c: " + rs.getString(1) + ": cash " + rs.getBigDecimal(2).toPlainString() + ", its fills leave "
                        + rs.getBigDecimal(3).toPlainString()));
    }

    private interface Row {
        void accept(ResultSet rs) throws SQLException;
    }

    private static void rows(Statement s, String sql, Row row) throws SQLException {
        try (ResultSet rs = s.executeQuery(sql)) {
            while (rs.next()) {
                row.accept(rs);
            }
        }
    }

    // ------------------------------------------------------------------------------------------------------------
    // Data

    /** Tinkoff-format 1-minute candles of rc-a and rc-b, interleaved in time order. */
    static final class Candles {

        private final String id;
        private final long level;
        private final long amplitude;
        private final int period;
        private final int jitter;
        private final BigDecimal tick;
        private long last;

        /** A price in ticks swinging around {@code level} by {@code amplitude}, once in {@code period} minutes. */
        private Candles(String id, long level, long amplitude, int period, int jitter, BigDecimal tick) {
            this.id = id;
            this.level = level;
            this.amplitude = amplitude;
            this.period = period;
            this.jitter = jitter;
            this.tick = tick;
            this.last = level;
        }

        static Path write(Path file, long seed) throws IOException {
            Random random = new Random(seed);
            Candles a = new Candles("rc-a", 25_000, 300, 97, 20, new BigDecimal("0.01"));
            Candles b = new Candles("rc-b", 5_000, 60, 131, 4, new BigDecimal("0.5"));
            List<String> lines = new ArrayList<>();
            int minute = 0;
            for (LocalDate day : tradingDays()) {
                Instant open = day.atTime(10, 0).atZone(MOSCOW).toInstant();
                for (int m = 0; m < MINUTES_PER_DAY; m++, minute++) {
                    Instant t = open.plusSeconds(60L * m);
                    lines.add(a.next(t, minute, random));
                    lines.add(b.next(t, minute, random));
                }
            }
            Files.createDirectories(file.getParent());
            Files.write(file, lines);
            return file;
        }

        /** Mon 2024-03-04 to Fri 2024-03-15 without the weekend and the holiday: nine days. */
        static List<LocalDate> tradingDays() {
            List<LocalDate> days = new ArrayList<>();
            for (LocalDate d = FIRST_DAY; d.isBefore(END); d = d.plusDays(1)) {
                if (d.getDayOfWeek().getValue() <= 5 && !d.equals(HOLIDAY)) {
                    days.add(d);
                }
            }
            return days;
        }

        /** uid;time;open;close;high;low;volume; with the open at the last close. */
        String next(Instant at, int minute, Random random) {
            long o = last;
            long c = level + Math.round(amplitude * Math.sin(2 * Math.PI * minute / period))
                    + random.nextInt(2 * jitter + 1) - jitter;
            long h = Math.max(o, c) + random.nextInt(jitter / 2 + 1);
            long l = Math.min(o, c) - random.nextInt(jitter / 2 + 1);
            last = c;
            return id + ";" + at + ";" + price(o) + ";" + price(c) + ";" + price(h) + ";" + price(l) + ";"
                    + (100 + random.nextInt(900)) + ";";
        }

        private String price(long ticks) {
            return tick.multiply(BigDecimal.valueOf(ticks)).toPlainString();
        }
    }

    private static void log(String format, Object... args) {
        KarafProcess.log(TAG, format, args);
    }
}
