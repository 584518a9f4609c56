package dev.strela.itests;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;

import javax.inject.Inject;

import org.apache.camel.CamelContext;
import org.apache.camel.Route;
import org.apache.karaf.features.FeaturesService;
import org.apache.karaf.shell.api.console.SessionFactory;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.ops4j.pax.exam.Configuration;
import org.ops4j.pax.exam.Option;
import org.ops4j.pax.exam.junit.PaxExam;
import org.ops4j.pax.exam.spi.reactors.ExamReactorStrategy;
import org.ops4j.pax.exam.spi.reactors.PerClass;
import org.ops4j.pax.exam.util.Filter;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;

import dev.strela.api.bus.Endpoints;
import dev.strela.api.error.ErrorCode;
import dev.strela.api.error.ErrorEvent;
import dev.strela.api.error.ErrorLog;
import dev.strela.persistence.DatabaseStatus;
import dev.strela.persistence.ServiceStatusRepository;
import dev.strela.persistence.TradingControl;
import dev.strela.persistence.TradingControlRepository;

/** Boots the real distribution with no configuration: features, Camel, embedded PostgreSQL, schema, console. */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerClass.class)
public class PlatformIT {

    private static final long WAIT = 120_000;

    @Inject BundleContext bundleContext;
    @Inject @Filter(timeout = WAIT) FeaturesService features;
    @Inject @Filter(timeout = WAIT) CamelContext camel;
    @Inject @Filter(timeout = WAIT) DatabaseStatus database;
    @Inject @Filter(timeout = WAIT) TradingControlRepository tradingControl;
    @Inject @Filter(timeout = WAIT) ServiceStatusRepository serviceStatus;
    @Inject @Filter(timeout = WAIT) ErrorLog errorLog;
    @Inject @Filter(timeout = WAIT) SessionFactory sessions;
    @Inject @Filter(timeout = WAIT) org.osgi.service.cm.ConfigurationAdmin configAdmin;

    @Configuration
    public Option[] config() {
        return StrelaKaraf.distribution();
    }

    @Test
    public void boot_withNoConfiguration_thenStrelaFeaturesInstalledAndBundlesActive() throws Exception {
        for (String feature : List.of("strela", "strela-platform", "strela-persistence", "strela-datafeed", "strela-console")) {
            assertThat(features.isInstalled(features.getFeature(feature))).as("feature %s installed", feature).isTrue();
        }
        for (String name : List.of("dev.strela.api", "dev.strela.bus", "dev.strela.persistence", "dev.strela.datafeed", "dev.strela.console")) {
            Bundle bundle = find(name);
            assertThat(bundle).as("bundle %s", name).isNotNull();
            assertThat(bundle.getState()).as("state of %s", name).isEqualTo(Bundle.ACTIVE);
        }
    }

    @Test
    public void boot_withNoConfiguration_thenEmbeddedDatabaseUpAndSchemaAtLatestMigration() {
        assertThat(database.state()).isEqualTo(DatabaseStatus.State.UP);
        assertThat(database.embedded()).isTrue();
        assertThat(database.schemaVersion()).contains(System.getProperty(StrelaKaraf.EXPECTED_SCHEMA));
        assertThat(database.dataDirectory().orElseThrow()).endsWith("db/pgdata").doesNotContain("/data/");
        assertThat(database.jdbcUrl()).startsWith("jdbc:postgresql://127.0.0.1:");
    }

    @Test
    public void camel_whenBooted_thenContextRunsTheRoutesOfStrelaBundles() {
        assertThat(camel.getStatus().isStarted()).isTrue();
        assertThat(camel.getName()).isEqualTo("strela");
        assertThat(camel.getRoutes()).extracting(Route::getRouteId).contains("persistence.errors-store",
                "datafeed.candles-in", "datafeed.live-watch", "datafeed.bar-close-fanout");
    }

    @Test
    public void errorEvent_sentOnTheBus_thenStoredInLiveErrors() throws Exception {
        String marker = "it-marker-" + System.nanoTime();
        camel.createProducerTemplate().sendBody(Endpoints.ERRORS,
                ErrorEvent.of(ErrorCode.INTERNAL_ERROR, "marker", marker));

        StrelaKaraf.await("live_errors row with " + marker, Duration.ofSeconds(20),
                () -> count("SELECT count(*) FROM live_errors WHERE code = 'internal_error' AND source = 'system' AND message LIKE '%" + marker + "%'") == 1);
    }

    @Test
    public void errorLog_whenRecording_thenRowHasSourceSeverityAndCode() throws Exception {
        String marker = "direct-" + System.nanoTime();
        errorLog.record(ErrorEvent.of(ErrorCode.BAR_TOO_OLD, "symbol", "SBER", "marker", marker));

        // written at once, or a moment later when another thread is writing (the log queues it then)
        StrelaKaraf.await("the recorded row", Duration.ofSeconds(30), () -> count("SELECT count(*) FROM live_errors"
                + " WHERE code = 'bar_too_old' AND source = 'data_feed' AND severity = 'warning' AND message LIKE '%" + marker + "%'") == 1);

        // and the console lists it by its filters, and not under a higher severity or another source
        assertThat(StrelaKaraf.executeWhenReady(sessions, "strela:errors --source data_feed --code bar_too_old --since 10m"))
                .contains("bar_too_old", marker, "warning");
        assertThat(StrelaKaraf.execute(sessions, "strela:errors --severity error --code bar_too_old")).doesNotContain(marker);
        assertThat(StrelaKaraf.execute(sessions, "strela:errors --source broker --code bar_too_old")).doesNotContain(marker);
        assertThat(StrelaKaraf.execute(sessions, "strela:errors --severity loud")).contains("ERROR severity: one of");
        assertThat(StrelaKaraf.execute(sessions, "strela:errors --since yesterday")).contains("ERROR --since:");
        // strela:health counts it among the data feed's errors of the last hour
        serviceStatus.heartbeat("data_feed", "up", java.time.Instant.now());
        assertThat(StrelaKaraf.execute(sessions, "strela:health")).containsPattern("data_feed\\s+\\S+\\s+.*\\d+ warning");
    }

    @Test
    public void tradingControl_whenStopTradingSet_thenStoredWithWhoWhyAndLogged() {
        TradingControl after = tradingControl.setStopTrading(true, "itest: broker maintenance", "itest");
        try {
            assertThat(after.stopTrading()).isTrue();
            assertThat(after.changedBy()).isEqualTo("itest");
            assertThat(tradingControl.current().reason()).isEqualTo("itest: broker maintenance");
            assertThat(count("SELECT count(*) FROM trading_control_log WHERE flag = 'stop_trading' AND value AND changed_by = 'itest'"))
                    .isEqualTo(1);
        } finally {
            tradingControl.setStopTrading(false, "itest: done", "itest");
        }
        assertThat(tradingControl.current().stopTrading()).isFalse();
    }

    @Test
    public void tradingControlCommands_thenFlagsSetWithReasonAndWho_andAChangeWithoutReasonRefused() throws Exception {
        try {
            String stop = StrelaKaraf.executeWhenReady(sessions, "strela:stop-trading --reason \"itest: broker down\"");
            assertThat(stop).contains("stop trading:", "ON", "itest: broker down", "No order is sent until strela:resume");
            assertThat(tradingControl.current().stopTrading()).isTrue();
            assertThat(tradingControl.current().changedBy()).startsWith("console");

            String safe = StrelaKaraf.execute(sessions, "strela:safe-mode on --reason \"itest: calm down\"");
            assertThat(safe).contains("safe mode:", "ON");
            String resume = StrelaKaraf.execute(sessions, "strela:resume --reason \"itest: broker back\"");
            assertThat(resume).contains("Safe mode is still on");
            assertThat(tradingControl.current().stopTrading()).isFalse();
            assertThat(tradingControl.current().safeMode()).isTrue();

            assertThat(StrelaKaraf.execute(sessions, "strela:safe-mode maybe --reason x")).contains("ERROR state: on or off");
            assertThat(StrelaKaraf.execute(sessions, "strela:stop-trading --reason \" \"")).contains("ERROR --reason is required");
            assertThat(tradingControl.current().stopTrading()).isFalse();
            assertThat(count("SELECT count(*) FROM trading_control_log WHERE reason LIKE 'itest: %' AND changed_by LIKE 'console%'"))
                    .isEqualTo(3);
            assertThat(StrelaKaraf.execute(sessions, "strela:status")).contains("itest: broker back");
        } finally {
            tradingControl.setStopTrading(false, "itest: done", "itest");
            tradingControl.setSafeMode(false, "itest: done", "itest");
        }
    }

    @Test
    public void statusCommand_whenDatabaseUp_thenPrintsEmbeddedDatabaseSchemaBundlesAndControls() throws Exception {
        serviceStatus.heartbeat("itest", "up", java.time.Instant.now());

        String out = StrelaKaraf.execute(sessions, "strela:status");

        assertThat(out).contains("embedded", "UP", database.jdbcUrl(),
                "schema version:", System.getProperty(StrelaKaraf.EXPECTED_SCHEMA),
                "dev.strela.persistence", "Active", "stop trading:", "safe mode:", "itest");
        assertThat(out).doesNotContain("password");
    }

    @Test
    public void securityDefaults_freshDistribution_thenLoopbackOnlyAndNoKarafLogin() throws Exception {
        assertThat(configAdmin.getConfiguration("org.apache.karaf.shell", null).getProperties().get("sshHost"))
                .isEqualTo("127.0.0.1");
        var management = configAdmin.getConfiguration("org.apache.karaf.management", null).getProperties();
        assertThat(management.get("rmiRegistryHost")).isEqualTo("127.0.0.1");
        assertThat(management.get("rmiServerHost")).isEqualTo("127.0.0.1");

        java.nio.file.Path etc = java.nio.file.Path.of(System.getProperty("karaf.etc"));
        List<String> users = java.nio.file.Files.readAllLines(etc.resolve("users.properties"));
        assertThat(users).noneMatch(l -> l.trim().startsWith("karaf ") || l.trim().startsWith("karaf="));
        String password = java.nio.file.Files.readString(etc.resolve("strela-console.password")).trim();
        assertThat(users).anyMatch(l -> l.startsWith("strela = " + password + ","));
        assertThat(password).hasSizeGreaterThanOrEqualTo(20);
        assertThat(java.nio.file.Files.getPosixFilePermissions(etc.resolve("strela-console.password")))
                .containsExactlyInAnyOrder(java.nio.file.attribute.PosixFilePermission.OWNER_READ,
                        java.nio.file.attribute.PosixFilePermission.OWNER_WRITE);
    }

    private Bundle find(String symbolicName) {
        for (Bundle b : bundleContext.getBundles()) {
            if (symbolicName.equals(b.getSymbolicName())) {
                return b;
            }
        }
        return null;
    }

    private long count(String sql) {
        return StrelaKaraf.count(database, sql);
    }
}
