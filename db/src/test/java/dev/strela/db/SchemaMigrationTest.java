package dev.strela.db;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.math.BigDecimal;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Savepoint;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.output.MigrateResult;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.postgresql.util.PSQLException;

/**
 * Migrates a real (embedded) PostgreSQL once, then checks the schema's promises. Each test runs in
 * a transaction that is rolled back, so tests see only the migration's seeds and their own rows.
 */
class SchemaMigrationTest {

    private static final String CHECK_VIOLATION = "23514";
    private static final String UNIQUE_VIOLATION = "23505";
    private static final String FOREIGN_KEY_VIOLATION = "23503";
    private static final String NOT_NULL_VIOLATION = "23502";
    private static final List<String> TABLES = List.of(
            "runs", "instruments", "accounts", "strategy_universe", "trading_control", "trading_control_log",
            "candles_1m", "candles_5m", "candles_15m", "candles_1h", "candles_1d",
            "live_signals", "decisions", "live_orders", "live_trades", "live_positions",
            "live_errors", "service_status");
    private static final String BAR = "2024-03-01T07:00:00Z";

    private static EmbeddedPostgres postgres;
    private static DataSource dataSource;
    private static MigrateResult firstMigration;
    private Connection db;

    @BeforeAll
    static void startPostgresAndMigrate() throws IOException {
        postgres = EmbeddedPostgres.start();
        dataSource = postgres.getPostgresDatabase();
        firstMigration = flyway().migrate();
    }

    @AfterAll
    static void stopPostgres() throws IOException {
        if (postgres != null) {
            postgres.close();
        }
    }

    @BeforeEach
    void beginTransaction() throws SQLException {
        db = dataSource.getConnection();
        db.setAutoCommit(false);
    }

    @AfterEach
    void rollBackTransaction() throws SQLException {
        db.rollback();
        db.close();
    }

    @Test
    void migrate_onEmptyDatabase_thenReachesHighestMigrationFile() throws Exception {
        assertThat(firstMigration.success).isTrue();
        assertThat(flyway().info().current().getVersion().getVersion()).isEqualTo(highestMigrationFileVersion());
    }

    @Test
    void migrate_onEmptyDatabase_thenEveryTableExistsWithComment() throws SQLException {
        List<String> commented = strings("SELECT c.relname FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace"
                + " WHERE n.nspname = 'public' AND c.relkind = 'r' AND obj_description(c.oid, 'pg_class') <> ''");
        assertThat(commented).containsAll(TABLES);
    }

    @Test
    void migrate_secondTime_thenNothingExecutedAndVersionUnchanged() throws Exception {
        MigrateResult again = flyway().migrate();
        assertThat(again.migrationsExecuted).isZero();
        assertThat(flyway().info().current().getVersion().getVersion()).isEqualTo(highestMigrationFileVersion());
    }

    @Test
    void migrate_onEmptyDatabase_thenLivePaperRunsAndGlobalControlOffAreSeeded() throws SQLException {
        assertThat(strings("SELECT id || ':' || kind || ':' || status FROM runs ORDER BY id"))
                .containsExactly("live:live:running", "paper:paper:running");
        assertThat(strings("SELECT scope || ':' || stop_trading || ':' || safe_mode FROM trading_control"))
                .containsExactly("global:false:false");
    }

    @Test
    void strategyUniverse_insertWithRequiredColumnsOnly_thenRiskDefaultsApply() throws SQLException {
        long id = insertStrategy();
        try (ResultSet row = query("SELECT * FROM strategy_universe WHERE id = ?", id)) {
            row.next();
            assertThat(row.getBigDecimal("risk_per_trade")).isEqualByComparingTo("0.02");
            assertThat(row.getBigDecimal("max_stop_loss_fraction")).isEqualByComparingTo("0.2");
            assertThat(row.getInt("max_positions_per_strategy")).isEqualTo(1);
            assertThat(row.getBoolean("enabled")).isFalse();
            assertThat(row.getString("mode")).isEqualTo("off");
            assertThat(row.getString("params_json")).isEqualTo("{}");
        }
    }

    @Test
    void strategyUniverse_modeFoo_thenRefusedByCheck() throws SQLException {
        insertInstrument();
        assertRefused(CHECK_VIOLATION, "strategy_universe_mode_values",
                "INSERT INTO strategy_universe (strategy, symbol, timeframe, mode) VALUES ('s', 'SBER', '1m', 'foo')");
    }

    @Test
    void strategyUniverse_enabledWithoutRisk_thenRefusedByCheck() throws SQLException {
        insertInstrument();
        assertRefused(CHECK_VIOLATION, "strategy_universe_enabled_has_risk", "INSERT INTO strategy_universe"
                + " (strategy, symbol, timeframe, enabled, risk_per_trade) VALUES ('s', 'SBER', '1m', true, NULL)");
    }

    @Test
    void candle_highBelowLow_thenRefusedByCheckInEveryTimeframe() throws SQLException {
        insertInstrument();
        for (String tf : List.of("1m", "5m", "15m", "1h", "1d")) {
            String source = tf.equals("1m") ? ", source" : "";
            String sourceValue = tf.equals("1m") ? ", 'file'" : "";
            // high < low always breaks the high/low bounds too; whichever constraint PostgreSQL checks first refuses it.
            assertRefused(CHECK_VIOLATION, "candles_" + tf + "_high",
                    "INSERT INTO candles_" + tf + " (instrument_id, open_time, open, high, low, close, volume" + source
                            + ") VALUES ('SBER', '" + BAR + "', 100, 99, 101, 100, 10" + sourceValue + ")");
        }
    }

    @Test
    void candle_openTimeOffItsInterval_thenRefusedByCheck() throws SQLException {
        insertInstrument();
        assertRefused(CHECK_VIOLATION, "candles_5m_open_time_aligned", "INSERT INTO candles_5m"
                + " (instrument_id, open_time, open, high, low, close, volume) VALUES ('SBER', '2024-03-01T07:01:00Z', 1, 1, 1, 1, 0)");
    }

    @Test
    void candle_upsertOnSameOpenTime_thenOneRowWithLatestValues() throws SQLException {
        insertInstrument();
        String upsert = "INSERT INTO candles_1m (instrument_id, open_time, open, high, low, close, volume, source)"
                + " VALUES ('SBER', ?::timestamptz, ?, ?, ?, ?, ?, 'tinkoff') ON CONFLICT (instrument_id, open_time) DO UPDATE"
                + " SET open = EXCLUDED.open, high = EXCLUDED.high, low = EXCLUDED.low, close = EXCLUDED.close, volume = EXCLUDED.volume";
        exec(upsert, BAR, new BigDecimal("100"), new BigDecimal("101"), new BigDecimal("99"), new BigDecimal("100.5"), 10L);
        exec(upsert, BAR, new BigDecimal("100"), new BigDecimal("102"), new BigDecimal("99"), new BigDecimal("101.5"), 25L);
        assertThat(strings("SELECT close || ':' || volume FROM candles_1m WHERE instrument_id = 'SBER'"))
                .containsExactly("101.5:25");
    }

    @Test
    void candle_forUnknownInstrument_thenRefusedInEveryTimeframe() throws SQLException {
        insertInstrument();
        for (String tf : List.of("1m", "5m", "15m", "1h", "1d")) {
            String source = tf.equals("1m") ? ", source" : "";
            String sourceValue = tf.equals("1m") ? ", 'file'" : "";
            assertRefused(FOREIGN_KEY_VIOLATION, null, "INSERT INTO candles_" + tf
                    + " (instrument_id, open_time, open, high, low, close, volume" + source + ") VALUES"
                    + " ('SBER', '2024-03-01T07:00:00Z', 1, 1, 1, 1, 0" + sourceValue + "),"
                    + " ('NOPE', '2024-03-01T07:00:00Z', 1, 1, 1, 1, 0" + sourceValue + ")");
        }
    }

    @Test
    void candle_updatedToUnknownInstrument_thenRefused() throws SQLException {
        insertInstrument();
        exec("INSERT INTO candles_1m (instrument_id, open_time, open, high, low, close, volume, source)"
                + " VALUES ('SBER', '2024-03-01T07:00:00Z', 1, 1, 1, 1, 0, 'file')");
        assertRefused(FOREIGN_KEY_VIOLATION, null, "UPDATE candles_1m SET instrument_id = 'NOPE'");
    }

    @Test
    void instrument_withCandles_thenCannotBeDeletedOrRenamed_withoutCandles_thenCan() throws SQLException {
        insertInstrument();
        exec("INSERT INTO candles_1h (instrument_id, open_time, open, high, low, close, volume)"
                + " VALUES ('SBER', '2024-03-01T07:00:00Z', 1, 1, 1, 1, 0)");
        assertRefused(FOREIGN_KEY_VIOLATION, null, "DELETE FROM instruments WHERE id = 'SBER'");
        assertRefused(FOREIGN_KEY_VIOLATION, null, "UPDATE instruments SET id = 'SBER2' WHERE id = 'SBER'");
        exec("UPDATE instruments SET lot = 1 WHERE id = 'SBER'");

        exec("DELETE FROM candles_1h");
        exec("DELETE FROM instruments WHERE id = 'SBER'");
        assertThat(queryLong("SELECT count(*) FROM instruments WHERE id = 'SBER'")).isZero();
    }

    @Test
    void liveSignals_secondSignalForSameRowAndBar_thenRefusedByUniqueKey() throws SQLException {
        long strategy = insertStrategy();
        insertSignal("paper", strategy);
        assertRefused(UNIQUE_VIOLATION, "live_signals_one_per_bar", signalInsert("paper", strategy));
    }

    @Test
    void liveSignals_markedProcessedWithoutDecision_thenRefusedAtCommit() throws SQLException {
        long signal = insertSignal("paper", insertStrategy());
        exec("SET CONSTRAINTS live_signals_processed_has_decision IMMEDIATE");
        assertRefused(CHECK_VIOLATION, null,
                "UPDATE live_signals SET processed = true, processed_at = now() WHERE id = ?", signal);
        insertDecision("paper", signal);
        exec("UPDATE live_signals SET processed = true, processed_at = now() WHERE id = ?", signal);
    }

    @Test
    void decisions_secondDecisionForOneSignal_thenRefusedByUniqueKey() throws SQLException {
        long signal = insertSignal("paper", insertStrategy());
        insertDecision("paper", signal);
        assertRefused(UNIQUE_VIOLATION, "decisions_one_per_signal", "INSERT INTO decisions (run_id, signal_id, decision,"
                + " refusal_code) VALUES ('paper', ?, 'refused', 'too_wide_stop')", signal);
    }

    @Test
    void liveOrders_duplicateClientOrderId_thenRefusedByUniqueKey() throws SQLException {
        long strategy = insertStrategy();
        insertOrder("paper", strategy, null, "6f1c1d2e-0000-4000-8000-000000000001");
        assertRefused(UNIQUE_VIOLATION, "live_orders_client_order_id_key", orderInsert("live", strategy, null,
                "6f1c1d2e-0000-4000-8000-000000000001"));
    }

    @Test
    void liveOrders_forSignalOfAnotherRun_thenRefusedByForeignKey() throws SQLException {
        long strategy = insertStrategy();
        long liveSignal = insertSignal("live", strategy);
        assertRefused(FOREIGN_KEY_VIOLATION, "live_orders_signal_fk", orderInsert("paper", strategy, liveSignal, "c-1"));
    }

    @Test
    void liveTrades_repeatedFillReport_thenOneRow() throws SQLException {
        long order = insertOrder("paper", insertStrategy(), null, "c-1");
        String fill = "INSERT INTO live_trades (run_id, order_id, broker_trade_id, symbol, side, lots, quantity, price,"
                + " executed_at) VALUES ('paper', ?, 't-1', 'SBER', 'BUY', 1, 10, 250.5, '" + BAR + "')"
                + " ON CONFLICT (order_id, broker_trade_id) DO NOTHING";
        exec(fill, order);
        exec(fill, order);
        assertThat(strings("SELECT broker_trade_id FROM live_trades")).containsExactly("t-1");
    }

    @Test
    void liveErrors_upperCaseCode_thenRefusedByCheck() throws SQLException {
        assertRefused(CHECK_VIOLATION, "live_errors_code_format", "INSERT INTO live_errors (source, severity, code, message)"
                + " VALUES ('data_feed', 'error', 'DATA_FEED_DOWN', 'data_feed_down: since=07:00')");
        exec("INSERT INTO live_errors (source, severity, code, message)"
                + " VALUES ('data_feed', 'error', 'data_feed_down', 'data_feed_down: since=07:00')");
    }

    @Test
    void tradingControl_flagChanged_thenLogRowWrittenAndUnexplainedChangeRefused() throws SQLException {
        exec("UPDATE trading_control SET stop_trading = true, reason = 'broker_down', changed_by = 'health'"
                + " WHERE scope = 'global'");
        assertThat(strings("SELECT flag || ':' || value || ':' || reason || ':' || changed_by FROM trading_control_log"
                + " WHERE changed_by = 'health'")).containsExactly("stop_trading:true:broker_down:health");
        assertRefused(NOT_NULL_VIOLATION, null,
                "UPDATE trading_control SET safe_mode = true, reason = NULL WHERE scope = 'global'");
    }

    @Test
    void deleteRun_replay_thenItsStateIsGone_live_thenRefused() throws SQLException {
        exec("INSERT INTO runs (id, kind) VALUES ('replay-1', 'replay')");
        long strategy = insertStrategy();
        long signal = insertSignal("replay-1", strategy);
        insertDecision("replay-1", signal);
        insertOrder("replay-1", strategy, signal, "c-replay");
        exec("INSERT INTO live_errors (run_id, source, severity, code, message) VALUES ('replay-1', 'risk', 'warning',"
                + " 'too_wide_stop', 'too_wide_stop: span=0.3')");
        exec("DELETE FROM runs WHERE id = 'replay-1'");
        assertThat(strings("SELECT count(*) FROM live_signals UNION ALL SELECT count(*) FROM live_orders"
                + " UNION ALL SELECT count(*) FROM live_errors")).containsOnly("0");
        assertRefused(FOREIGN_KEY_VIOLATION, null, "DELETE FROM runs WHERE id = 'live'");
    }

    // ---- fixtures -----------------------------------------------------------------------------

    private void insertInstrument() throws SQLException {
        exec("INSERT INTO instruments (id, ticker, class_code, lot, min_price_increment, currency)"
                + " VALUES ('SBER', 'SBER', 'TQBR', 10, 0.01, 'rub') ON CONFLICT DO NOTHING");
    }

    private long insertStrategy() throws SQLException {
        insertInstrument();
        return queryLong("INSERT INTO strategy_universe (strategy, symbol, timeframe) VALUES ('sma_cross', 'SBER', '1m')"
                + " RETURNING id");
    }

    private long insertSignal(String run, long strategy) throws SQLException {
        return queryLong(signalInsert(run, strategy) + " RETURNING id");
    }

    private static String signalInsert(String run, long strategy) {
        return "INSERT INTO live_signals (run_id, strategy_universe_id, symbol, timeframe, signal_timestamp, bar_timestamp,"
                + " signal_json) VALUES ('" + run + "', " + strategy + ", 'SBER', '1m', '" + BAR + "', '" + BAR + "',"
                + " '{\"type\":\"OPEN\",\"direction\":\"LONG\",\"stop_loss\":240}')";
    }

    private void insertDecision(String run, long signal) throws SQLException {
        exec("INSERT INTO decisions (run_id, signal_id, decision, lots, rules_fired) VALUES (?, ?, 'order', 3,"
                + " '{\"size: risk fraction\"}')", run, signal);
    }

    private long insertOrder(String run, long strategy, Long signal, String clientOrderId) throws SQLException {
        return queryLong(orderInsert(run, strategy, signal, clientOrderId) + " RETURNING id");
    }

    private static String orderInsert(String run, long strategy, Long signal, String clientOrderId) {
        return "INSERT INTO live_orders (run_id, client_order_id, signal_id, strategy_universe_id, symbol, side,"
                + " order_type, lots, stop_loss, broker) VALUES ('" + run + "', '" + clientOrderId + "', " + signal + ", "
                + strategy + ", 'SBER', 'BUY', 'MARKET', 3, 240, 'fake')";
    }

    // ---- helpers ------------------------------------------------------------------------------

    private static Flyway flyway() {
        return Flyway.configure().dataSource(dataSource).locations("classpath:db/migration").load();
    }

    private static String highestMigrationFileVersion() throws IOException, URISyntaxException {
        Path folder = Path.of(SchemaMigrationTest.class.getClassLoader().getResource("db/migration").toURI());
        Pattern name = Pattern.compile("V(\\d+)__[a-z]+(_[a-z0-9]+)+\\.sql");
        try (Stream<Path> files = Files.list(folder)) {
            List<Path> all = files.toList();
            List<Integer> versions = new ArrayList<>();
            for (Path file : all) {
                Matcher m = name.matcher(file.getFileName().toString());
                assertThat(m.matches()).as("migration file name V<n>__<verb>_<noun>.sql: %s", file).isTrue();
                versions.add(Integer.parseInt(m.group(1)));
            }
            return String.valueOf(versions.stream().mapToInt(Integer::intValue).max().orElseThrow());
        }
    }

    /** Runs sql expecting sqlState from a constraint whose name starts with constraintPrefix (null: no name). */
    private void assertRefused(String sqlState, String constraintPrefix, String sql, Object... args) throws SQLException {
        Savepoint beforeStatement = db.setSavepoint();
        assertThatThrownBy(() -> exec(sql, args))
                .isInstanceOfSatisfying(PSQLException.class, e -> {
                    assertThat(e.getSQLState()).as(e.getMessage()).isEqualTo(sqlState);
                    if (constraintPrefix != null) {
                        assertThat(e.getServerErrorMessage().getConstraint()).as(e.getMessage()).startsWith(constraintPrefix);
                    }
                });
        db.rollback(beforeStatement);
    }

    private void exec(String sql, Object... args) throws SQLException {
        try (PreparedStatement statement = prepare(sql, args)) {
            statement.execute();
        }
    }

    private long queryLong(String sql, Object... args) throws SQLException {
        try (PreparedStatement statement = prepare(sql, args); ResultSet rs = statement.executeQuery()) {
            rs.next();
            return rs.getLong(1);
        }
    }

    private ResultSet query(String sql, Object... args) throws SQLException {
        PreparedStatement statement = prepare(sql, args);
        statement.closeOnCompletion();
        return statement.executeQuery();
    }

    private List<String> strings(String sql, Object... args) throws SQLException {
        List<String> values = new ArrayList<>();
        try (ResultSet rs = query(sql, args)) {
            while (rs.next()) {
                values.add(rs.getString(1));
            }
        }
        return values;
    }

    private PreparedStatement prepare(String sql, Object... args) throws SQLException {
        PreparedStatement statement = db.prepareStatement(sql);
        for (int i = 0; i < args.length; i++) {
            statement.setObject(i + 1, args[i]);
        }
        return statement;
    }
}
