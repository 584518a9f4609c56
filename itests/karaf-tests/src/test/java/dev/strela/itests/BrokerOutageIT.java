package dev.strela.itests;

import static org.assertj.core.api.Assertions.assertThat;
import static org.ops4j.pax.exam.karaf.options.KarafDistributionOption.editConfigurationFilePut;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Hashtable;
import java.util.List;

import javax.inject.Inject;

import org.apache.karaf.shell.api.console.SessionFactory;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.ops4j.pax.exam.Option;
import org.ops4j.pax.exam.junit.PaxExam;
import org.ops4j.pax.exam.spi.reactors.ExamReactorStrategy;
import org.ops4j.pax.exam.spi.reactors.PerClass;
import org.ops4j.pax.exam.util.Filter;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.service.cm.Configuration;
import org.osgi.service.cm.ConfigurationAdmin;

import dev.strela.api.model.Timeframe;
import dev.strela.api.model.TradingMode;
import dev.strela.persistence.DatabaseStatus;
import dev.strela.persistence.SignalRepository;
import dev.strela.persistence.StrategyUniverseRepository;
import dev.strela.persistence.TradingControlRepository;

/**
 * A broker outage in the real distribution, rehearsed with FakeBroker's drill: its calls first fail at once, later
 * time out. Each time the watchdog stops trading within one heartbeat interval of the broker's first failed call; no
 * order reaches the broker while trading is stopped (an order decided just before the stop is rejected as not sent,
 * later signals are decided not_sent); the broker answering again resumes nothing; after {@code strela:resume} the next
 * signal's order is sent, and no order is sent twice.
 */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerClass.class)
public class BrokerOutageIT {

    private static final String ID = "itest-outage";
    private static final Instant T0 = Instant.parse("2024-03-04T07:00:00Z");
    /** FakeBroker's poll: its heartbeat interval. */
    private static final long HEARTBEAT_MILLIS = 2000;
    /** The watchdog's silence limit for the strategy runner here (it beats every 5 s). */
    private static final int RUNNER_LIMIT_SECONDS = 12;
    /** LIMIT entry at 100.00 with no market data: the order rests at the broker (SUBMITTED). */
    private static final String SIGNAL = "{\"type\":\"OPEN\",\"direction\":\"LONG\",\"entry_type\":\"LIMIT\","
            + "\"entry_price\":100.00,\"stop_loss\":90.00,\"size_value\":0.01}";

    @Inject BundleContext bundleContext;
    @Inject @Filter(timeout = 120_000) SessionFactory sessions;
    @Inject @Filter(timeout = 120_000) StrategyUniverseRepository universe;
    @Inject @Filter(timeout = 120_000) SignalRepository signals;
    @Inject @Filter(timeout = 120_000) TradingControlRepository controls;
    @Inject @Filter(timeout = 120_000) DatabaseStatus database;
    @Inject @Filter(timeout = 120_000) ConfigurationAdmin configurationAdmin;

    private final List<Long> rows = new ArrayList<>();

    @org.ops4j.pax.exam.Configuration
    public Option[] config() {
        return StrelaKaraf.distribution(
                editConfigurationFilePut("etc/dev.strela.execution.cfg", "pollMillis", "300"),
                editConfigurationFilePut("etc/dev.strela.execution.cfg", "maxTotalPositions", "1000"),
                editConfigurationFilePut("etc/dev.strela.brokerfake.cfg", "pollMillis", Long.toString(HEARTBEAT_MILLIS)),
                editConfigurationFilePut("etc/dev.strela.health.cfg", "checkMillis", "500"),
                editConfigurationFilePut("etc/dev.strela.health.cfg", "activeHours", "always"),
                editConfigurationFilePut("etc/dev.strela.health.cfg", "silenceLimits",
                        "data_feed=120, strategy_runner=" + RUNNER_LIMIT_SECONDS + ", execution=60, broker=30"));
    }

    @Test
    public void brokerFailsThenTimesOut_stopWithinAHeartbeat_nothingSentWhileStopped_resumeByAPerson_noDuplicate()
            throws Exception {
        StrelaKaraf.await("instrument added", Duration.ofSeconds(60), () -> {
            try {
                return StrelaKaraf.execute(sessions, "strela:instrument-add " + ID + " ITOUT 10 0.01").contains("lot 10");
            } catch (Exception e) {
                return false;
            }
        });
        StrelaKaraf.await("the broker's first heartbeat", Duration.ofSeconds(60),
                () -> count("SELECT count(*) FROM service_status WHERE component = 'broker' AND state = 'up'") == 1);

        long sentBefore = signal("before");
        StrelaKaraf.await("the first order at the broker", Duration.ofSeconds(60), () -> submitted(sentBefore));

        outage("fail", sentBefore);
        long sentAfterFail = resumeAndSend("fail");
        outage("hang", sentAfterFail);
        resumeAndSend("hang");

        String mine = " FROM live_signals s JOIN strategy_universe u ON u.id = s.strategy_universe_id"
                + " WHERE u.strategy LIKE 'it_outage_%'";
        long mySignals = count("SELECT count(*)" + mine);
        assertThat(count("SELECT count(*) FROM decisions d JOIN live_signals s ON s.id = d.signal_id"
                + " JOIN strategy_universe u ON u.id = s.strategy_universe_id WHERE u.strategy LIKE 'it_outage_%'"))
                .as("one decision per signal").isEqualTo(mySignals);
        assertThat(count("SELECT count(*) FROM live_orders WHERE status IN ('SUBMITTED', 'PARTIALLY_FILLED', 'FILLED')"
                + " AND strategy_universe_id IN (SELECT id FROM strategy_universe WHERE strategy LIKE 'it_outage_%')"))
                .as("sent: the first order and one after each resume").isEqualTo(3);
        assertThat(count("SELECT count(*) - count(DISTINCT client_order_id) FROM live_orders")).isZero();
        assertThat(count("SELECT count(*) - count(DISTINCT signal_id) FROM live_orders WHERE signal_id > 0"))
                .as("one order per signal").isZero();
        assertThat(count("SELECT count(*) FROM live_errors WHERE code = 'broker_down' AND severity = 'critical'"))
                .as("the watchdog's alarm, once per outage").isEqualTo(2);
        assertThat(count("SELECT count(*) FROM trading_control_log WHERE flag = 'stop_trading' AND value"
                + " AND changed_by = 'watchdog' AND reason LIKE 'watchdog: broker %'")).isEqualTo(2);
        assertThat(StrelaKaraf.execute(sessions, "strela:errors --code broker_down")).contains("broker_down", "critical");
    }

    @Test
    public void aSilentComponent_stopsTradingOnceItsLimitIsPassed_andItsReturnResumesNothing() throws Exception {
        Bundle runner = java.util.Arrays.stream(bundleContext.getBundles())
                .filter(b -> "dev.strela.strategyrunner".equals(b.getSymbolicName())).findFirst().orElseThrow();
        StrelaKaraf.await("the strategy runner's heartbeat", Duration.ofSeconds(60), () -> count(
                "SELECT count(*) FROM service_status WHERE component = 'strategy_runner' AND last_heartbeat > now() - interval '10 seconds'") == 1);
        assertThat(controls.current().stopTrading()).isFalse();
        long recoveredBefore = recoveries("strategy_runner");
        long stoppedAt = System.currentTimeMillis();
        runner.stop();
        try {
            StrelaKaraf.await("stop-trading by the watchdog", Duration.ofSeconds(60), () -> controls.current().stopTrading());
            System.out.printf("[BrokerOutageIT] strategy runner stopped: trading stopped %d ms later (limit %d s, heartbeat"
                    + " every 5 s)%n", System.currentTimeMillis() - stoppedAt, RUNNER_LIMIT_SECONDS);
            assertThat(controls.current().changedBy()).isEqualTo("watchdog");
            assertThat(controls.current().reason()).contains("strategy_runner silent for");
            // the error log may still be writing the row (it queues while another thread writes)
            StrelaKaraf.await("one component_silent for the strategy runner", Duration.ofSeconds(30), () -> count(
                    "SELECT count(*) FROM live_errors WHERE code = 'component_silent' AND severity = 'critical'"
                    + " AND message LIKE '%component=strategy_runner%'") == 1);
        } finally {
            runner.start();
        }
        StrelaKaraf.await("component_recovered", Duration.ofSeconds(30),
                () -> recoveries("strategy_runner") == recoveredBefore + 1);
        assertThat(controls.current().stopTrading()).as("nothing resumes by itself").isTrue();
        StrelaKaraf.execute(sessions, "strela:resume --reason \"itest: runner back\"");
        assertThat(controls.current().stopTrading()).isFalse();
    }

    @Test
    public void reconciliationMismatch_stopsTrading_resumeRefusedUntilAcknowledged() throws Exception {
        StrelaKaraf.await("the paper account", Duration.ofSeconds(60),
                () -> count("SELECT count(*) FROM accounts WHERE run_id = 'paper'") == 1);
        String reconcile = StrelaKaraf.executeWhenReady(sessions, "strela:reconcile");
        for (int i = 0; i < 30 && !reconcile.contains("fake (run paper)"); i++) {   // the broker adapter binds late
            Thread.sleep(1000);
            reconcile = StrelaKaraf.execute(sessions, "strela:reconcile");
        }
        assertThat(reconcile).contains("fake (run paper): positions and cash match");
        assertThat(controls.current().stopTrading()).isFalse();

        // the database loses 1.50 of cash the broker still has (a lost write, a hand edit)
        execute("UPDATE accounts SET cash = cash - 1.50 WHERE run_id = 'paper'");
        try {
            reconcile = StrelaKaraf.execute(sessions, "strela:reconcile");
            assertThat(reconcile).contains("fake (run paper): MISMATCH, trading stopped", "cash: broker has ");
            assertThat(controls.current().stopTrading()).isTrue();
            assertThat(controls.current().changedBy()).isEqualTo("reconciliation");
            String unacknowledged = "FROM live_errors WHERE code = 'reconciliation_mismatch' AND severity = 'critical'"
                    + " AND acknowledged_at IS NULL";
            StrelaKaraf.await("the reconciliation_mismatch row", Duration.ofSeconds(30),
                    () -> count("SELECT count(*) " + unacknowledged) >= 1);
            long id = count("SELECT max(id) " + unacknowledged);
            assertThat(StrelaKaraf.execute(sessions, "strela:resume --reason \"looks fine\""))
                    .contains("ERROR trading stays stopped", "reconciliation_mismatch [" + id + "] not acknowledged");
            assertThat(controls.current().stopTrading()).isTrue();
            assertThat(StrelaKaraf.execute(sessions, "strela:acknowledge --note \"itest: cash checked\" " + id))
                    .contains("Error " + id + " acknowledged", "Trading is still stopped");
        } finally {
            execute("UPDATE accounts SET cash = cash + 1.50 WHERE run_id = 'paper'");
        }
        StrelaKaraf.execute(sessions, "strela:resume --reason \"itest: reconciled\"");
        assertThat(controls.current().stopTrading()).isFalse();
        assertThat(StrelaKaraf.execute(sessions, "strela:reconcile")).contains("fake (run paper): positions and cash match");
    }

    private void execute(String sql) {
        java.util.Properties props = new java.util.Properties();
        props.setProperty("user", database.user());
        try (java.sql.Connection c = new org.postgresql.Driver().connect(database.jdbcUrl(), props);
             java.sql.Statement st = c.createStatement()) {
            assertThat(st.executeUpdate(sql)).isEqualTo(1);
        } catch (java.sql.SQLException e) {
            throw new AssertionError(sql + ": " + e, e);
        }
    }

    /** One outage of the given kind while a signal arrives; the stop, the signals decided while stopped, recovery. */
    private void outage(String fault, long lastSent) throws Exception {
        long sentBeforeOutage = count("SELECT count(*) FROM live_orders WHERE status = 'SUBMITTED'");
        long recoveredBefore = recoveries("broker");
        long since = count("SELECT coalesce(max(id), 0) FROM live_errors");
        long drillAt = System.currentTimeMillis();
        drill(fault);
        long caught = signal("caught-" + fault);   // decided while the broker is failing: never sent

        StrelaKaraf.await("stop-trading after the broker failed (" + fault + ")", Duration.ofSeconds(30),
                () -> controls.current().stopTrading());
        long stoppedAfter = System.currentTimeMillis() - drillAt;
        String brokerDown = " FROM live_errors WHERE code = 'broker_down' AND severity = 'error' AND id > " + since;
        StrelaKaraf.await("the broker's broker_down row", Duration.ofSeconds(30),
                () -> count("SELECT count(*)" + brokerDown) >= 1);
        long firstFailure = count("SELECT (extract(epoch FROM min(created_at)) * 1000)::bigint" + brokerDown);
        long stoppedAt = count("SELECT (extract(epoch FROM max(changed_at)) * 1000)::bigint FROM trading_control_log"
                + " WHERE flag = 'stop_trading' AND value AND changed_by = 'watchdog'");
        System.out.printf("[BrokerOutageIT] fault=%s: trading stopped %d ms after the drill began, %d ms after the broker's"
                + " first failed call (heartbeat interval %d ms)%n", fault, stoppedAfter, stoppedAt - firstFailure, HEARTBEAT_MILLIS);
        // at most one heartbeat interval; below zero when the watchdog saw the broker down before the broker's own
        // error row was written (the broker marks itself down first)
        assertThat(stoppedAt - firstFailure).as("stop within one heartbeat interval of the first failure")
                .isLessThanOrEqualTo(HEARTBEAT_MILLIS);
        assertThat(controls.current().reason()).contains("broker");

        List<Long> whileStopped = List.of(signal("stopped-" + fault + "-1"), signal("stopped-" + fault + "-2"));
        for (long id : whileStopped) {
            StrelaKaraf.await("not_sent decision", Duration.ofSeconds(30), () -> count("SELECT count(*) FROM decisions"
                    + " WHERE signal_id = " + id + " AND decision = 'not_sent' AND refusal_code = 'trading_disabled_by_control'") == 1);
        }
        StrelaKaraf.await("the caught signal decided", Duration.ofSeconds(30),
                () -> count("SELECT count(*) FROM decisions WHERE signal_id = " + caught) == 1);
        StrelaKaraf.await("its order, if any, rejected as not sent", Duration.ofSeconds(30), () -> count(
                "SELECT count(*) FROM live_orders WHERE signal_id = " + caught + " AND status = 'NEW'") == 0);
        assertThat(count("SELECT count(*) FROM live_orders WHERE signal_id = " + caught
                + " AND NOT (status = 'REJECTED' AND reject_reason LIKE 'not_sent: trading stopped%')"))
                .as("the order decided as the broker failed is rejected unsent").isZero();

        drill("none");
        StrelaKaraf.await("the broker beats again", Duration.ofSeconds(30),
                () -> count("SELECT count(*) FROM service_status WHERE component = 'broker' AND state = 'up'") == 1);
        // the same report as after an earlier outage within a minute is folded into its row (occurrences)
        StrelaKaraf.await("component_recovered", Duration.ofSeconds(30), () -> recoveries("broker") == recoveredBefore + 1);
        Thread.sleep(2 * HEARTBEAT_MILLIS);
        assertThat(controls.current().stopTrading()).as("nothing resumes by itself").isTrue();
        assertThat(count("SELECT count(*) FROM live_orders WHERE status = 'SUBMITTED'"))
                .as("nothing sent during the outage").isEqualTo(sentBeforeOutage);
        assertThat(submitted(lastSent)).isTrue();
    }

    /** Reports of a component beating again (the same report within a minute is folded into one row: occurrences). */
    private long recoveries(String component) {
        return count("SELECT coalesce(sum(occurrences), 0) FROM live_errors WHERE code = 'component_recovered'"
                + " AND message LIKE '%component=" + component + "%'");
    }

    private long resumeAndSend(String fault) throws Exception {
        StrelaKaraf.execute(sessions, "strela:resume --reason \"itest: broker drill " + fault + " over\"");
        assertThat(controls.current().stopTrading()).isFalse();
        long after = signal("resumed-" + fault);
        StrelaKaraf.await("an order sent after resume", Duration.ofSeconds(30), () -> submitted(after));
        return after;
    }

    /** What {@code config:property-set -p dev.strela.brokerfake.drill fault ...} does, through Configuration Admin. */
    private void drill(String fault) throws Exception {
        Configuration drill = configurationAdmin.getConfiguration("dev.strela.brokerfake.drill", "?");
        Hashtable<String, Object> properties = new Hashtable<>();
        properties.put("fault", fault);
        properties.put("hangMillis", "3000");
        drill.update(properties);
        // Configuration Admin and then Declarative Services deliver it asynchronously; the drill's service properties
        // show it once the component has it
        String filter = "(&(objectClass=dev.strela.brokerfake.internal.BrokerDrill)(fault=" + fault + "))";
        StrelaKaraf.await("the drill set to " + fault, Duration.ofSeconds(30), () -> {
            try {
                return bundleContext.getAllServiceReferences(null, filter) != null;
            } catch (org.osgi.framework.InvalidSyntaxException e) {
                throw new IllegalArgumentException(e);
            }
        });
    }

    private long signal(String name) {
        long row = universe.add("it_outage_" + name.replace('-', '_'), ID, Timeframe.M5, TradingMode.PAPER, "{}", true);
        rows.add(row);
        return signals.insert("paper", row, ID, Timeframe.M5, Instant.now(), T0, SIGNAL).orElseThrow();
    }

    private boolean submitted(long signalId) {
        return count("SELECT count(*) FROM live_orders WHERE signal_id = " + signalId + " AND status = 'SUBMITTED'") == 1;
    }

    private long count(String sql) {
        return StrelaKaraf.count(database, sql);
    }
}
