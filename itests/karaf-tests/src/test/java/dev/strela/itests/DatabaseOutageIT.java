package dev.strela.itests;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.fail;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * PostgreSQL stopped for 30 s in the middle of a replay, and started again. The real distribution runs as an external
 * process with its embedded PostgreSQL; the test stops that server (fast shutdown: connections ended, open
 * transactions rolled back) while the replay runs, keeps it stopped for {@value #OUTAGE_SECONDS} s, then starts it on
 * the same data directory. The same replay run once before without the outage is the reference: the replay with the
 * outage must end {@code finished} with exactly the same signals and decisions, orders, trades, positions, cash and
 * errors (row for row, in order), plus the outage itself reported once ({@code database_unavailable}, then
 * {@code database_recovered}). The platform's JVM must live through it.
 *
 * <p>The data and the rows are those of {@link ReplayCrashIT}. System properties: {@code strela.it.outage.seed}
 * (replay a run's data and stop moment), {@code strela.it.keep=true} (keep the folder; it is also kept on failure).
 */
class DatabaseOutageIT {

    private static final String TAG = "db-outage-it";
    private static final int OUTAGE_SECONDS = 30;
    private static final Duration REPLAY_DONE = Duration.ofSeconds(180);
    private static final List<String> OUTAGE_CODES = List.of("database_unavailable", "database_recovered");

    /** What one replay run wrote, as comparable lines per table. */
    private record Written(Map<String, List<String>> tables, List<String> errors, Map<String, Long> outageReports) {

        String counts() {
            StringBuilder b = new StringBuilder();
            tables.forEach((table, lines) -> b.append(b.length() == 0 ? "" : ", ").append(table).append(' ').append(lines.size()));
            return b.append(", errors ").append(errors).toString();
        }
    }

    @Test
    @Timeout(value = 10, unit = TimeUnit.MINUTES)
    void postgresStopped30sDuringAReplay_replayWaitsAndWritesExactlyWhatTheSameReplayWritesWithoutTheOutage()
            throws Exception {
        long seed = Long.getLong("strela.it.outage.seed", System.nanoTime());
        Random random = new Random(seed);
        log("seed %d (replay with -Dstrela.it.outage.seed=%d)", seed, seed);

        KarafProcess karaf = KarafProcess.unpack(TAG, seed);
        Path candles = ReplayCrashIT.Candles.write(karaf.folder().resolve("candles.csv"), seed);
        karaf.guard(() -> {
            karaf.start();
            karaf.awaitDatabase(ReplayCrashIT.FIRST_START);
            ReplayCrashIT.setUp(karaf, candles);

            String calm = startReplay(karaf);
            karaf.await("reference replay " + calm + " to end", REPLAY_DONE,
                    () -> !"running".equals(ReplayCrashIT.figures(karaf, calm).status()));
            assertThat(ReplayCrashIT.figures(karaf, calm).status()).as("reference replay").isEqualTo("finished");
            Written reference = written(karaf, calm);
            log("reference replay %s (%.1f s): %s", calm, seconds(karaf, calm), reference.counts());

            String stormy = startReplay(karaf);
            ReplayCrashIT.awaitFirstDecisions(karaf, stormy);
            Thread.sleep(random.nextInt(1500));
            ReplayCrashIT.RunFigures atStop = ReplayCrashIT.figures(karaf, stormy);
            assertThat(atStop.status()).as("status of %s just before PostgreSQL is stopped", stormy).isEqualTo("running");
            long stopStart = System.nanoTime();
            List<String> postgres = karaf.stopPostgres();
            log("PostgreSQL stopped (%.1f s) with %s at %s: %s", (System.nanoTime() - stopStart) / 1e9, stormy,
                    ReplayCrashIT.progress(atStop.simulated()), atStop.counts());

            Thread.sleep(TimeUnit.SECONDS.toMillis(OUTAGE_SECONDS));
            karaf.assertAlive("after " + OUTAGE_SECONDS + " s without its database");
            karaf.startPostgres(postgres);
            log("PostgreSQL started again after %.1f s", (System.nanoTime() - stopStart) / 1e9);

            karaf.await("replay " + stormy + " to end after the outage", REPLAY_DONE,
                    () -> !"running".equals(ReplayCrashIT.figures(karaf, stormy).status()));
            ReplayCrashIT.RunFigures end = ReplayCrashIT.figures(karaf, stormy);
            // the error log writes what it queued during the outage a moment after the database is back
            karaf.await("both outage reports of " + stormy + " written", Duration.ofSeconds(60),
                    () -> written(karaf, stormy).outageReports().keySet().containsAll(OUTAGE_CODES));
            Written afterOutage = written(karaf, stormy);
            log("replay with the outage %s (%.1f s): %s; outage reports %s", stormy, seconds(karaf, stormy),
                    afterOutage.counts(), afterOutage.outageReports());

            assertThat(end.status()).as("status of %s, which lived through the outage", stormy).isEqualTo("finished");
            assertThat(end.signals()).as("signals of %s when PostgreSQL stopped, and at its end", stormy)
                    .isGreaterThan(atStop.signals());
            assertThat(seconds(karaf, stormy)).as("seconds %s ran (it waited for the database)", stormy)
                    .isGreaterThanOrEqualTo(OUTAGE_SECONDS);
            reference.tables().forEach((table, lines) -> assertThat(afterOutage.tables().get(table))
                    .as("%s of the replay with the outage, against the same replay without it", table)
                    .containsExactlyElementsOf(lines));
            assertThat(afterOutage.errors()).as("errors of the replay with the outage other than the outage's own")
                    .containsExactlyElementsOf(reference.errors());
            assertThat(reference.outageReports()).as("outage reports of the reference replay").isEmpty();
            assertThat(afterOutage.outageReports()).as("outage reports of %s (code=occurrences)", stormy)
                    .isEqualTo(Map.of("database_unavailable", 1L, "database_recovered", 1L));

            String console = karaf.consoleWhenReady("strela:errors --code database_unavailable", Duration.ofSeconds(60));
            log("strela:errors --code database_unavailable%n%s", console.stripTrailing());
            assertThat(console).contains("database_unavailable").contains("the replay waits for the database");

            karaf.stop();
            karaf.assertPostgresStopped();
            karaf.scanKarafLog();
        });
    }

    private static String startReplay(KarafProcess karaf) throws Exception {
        String out = karaf.consoleWhenReady(ReplayCrashIT.REPLAY, Duration.ofSeconds(120));
        Matcher m = ReplayCrashIT.STARTED.matcher(out);
        if (!m.find()) {
            fail("no replay started by '" + ReplayCrashIT.REPLAY + "':\n" + out);
        }
        return m.group(1);
    }

    private static double seconds(KarafProcess karaf, String runId) {
        return karaf.count("SELECT (extract(epoch FROM finished_at - started_at) * 1000)::bigint FROM runs WHERE id = '"
                + runId + "'") / 1000.0;
    }

    /** Everything the run wrote that must not depend on when it was written (no ids, no wall-clock times). */
    private static Written written(KarafProcess karaf, String runId) throws SQLException {
        Map<String, List<String>> tables = new LinkedHashMap<>();
        try (Connection c = karaf.connect()) {
            tables.put("signals and decisions", lines(c, runId, "SELECT s.strategy_universe_id, s.bar_timestamp,"
                    + " s.signal_timestamp, s.signal_json::text, d.decision, d.refusal_code, d.lots, d.rules_fired::text"
                    + " FROM live_signals s LEFT JOIN decisions d ON d.signal_id = s.id WHERE s.run_id = ?"
                    + " ORDER BY s.bar_timestamp, s.strategy_universe_id"));
            tables.put("orders", lines(c, runId, "SELECT o.strategy_universe_id, s.bar_timestamp, p.client_order_id IS NOT NULL,"
                    + " o.symbol, o.side, o.order_type, o.lots, o.filled_lots, o.price, o.stop_loss, o.take_profit, o.status,"
                    + " o.reject_reason FROM live_orders o LEFT JOIN live_signals s ON s.id = o.signal_id"
                    + " LEFT JOIN live_orders p ON p.id = o.parent_order_id WHERE o.run_id = ? ORDER BY o.id"));
            tables.put("trades", lines(c, runId, "SELECT t.symbol, t.side, t.lots, t.quantity, t.price, t.commission,"
                    + " t.executed_at, o.order_type FROM live_trades t JOIN live_orders o ON o.id = t.order_id"
                    + " WHERE t.run_id = ? ORDER BY t.executed_at, t.id"));
            tables.put("positions", lines(c, runId, "SELECT strategy_universe_id, symbol, quantity, lots, average_price,"
                    + " realized_pnl, commission, opened_at FROM live_positions WHERE run_id = ? ORDER BY 1, 2"));
            tables.put("account", lines(c, runId, "SELECT initial_cash, cash FROM accounts WHERE run_id = ?"));
            List<String> errors = new ArrayList<>();
            Map<String, Long> outage = new LinkedHashMap<>();
            for (String line : lines(c, runId, "SELECT code, severity, sum(occurrences) FROM live_errors WHERE run_id = ?"
                    + " GROUP BY code, severity ORDER BY code, severity")) {
                String[] parts = line.split(" \\| ");
                if (OUTAGE_CODES.contains(parts[0])) {
                    outage.put(parts[0], Long.parseLong(parts[2]));
                } else {
                    errors.add(line);
                }
            }
            return new Written(tables, errors, outage);
        }
    }

    private static List<String> lines(Connection c, String runId, String sql) throws SQLException {
        List<String> lines = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setString(1, runId);
            try (ResultSet rs = ps.executeQuery()) {
                int columns = rs.getMetaData().getColumnCount();
                while (rs.next()) {
                    StringBuilder b = new StringBuilder();
                    for (int i = 1; i <= columns; i++) {
                        b.append(i == 1 ? "" : " | ").append(rs.getString(i));
                    }
                    lines.add(b.toString());
                }
            }
        }
        return lines;
    }

    private static void log(String format, Object... args) {
        KarafProcess.log(TAG, format, args);
    }
}
