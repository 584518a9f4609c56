package dev.strela.itests;

import static org.assertj.core.api.Assertions.assertThat;
import static org.ops4j.pax.exam.CoreOptions.systemProperty;
import static org.ops4j.pax.exam.karaf.options.KarafDistributionOption.editConfigurationFilePut;

import java.io.IOException;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.Dictionary;
import java.util.Hashtable;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Predicate;
import java.util.Properties;

import javax.inject.Inject;

import org.apache.karaf.shell.api.console.SessionFactory;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.ops4j.pax.exam.Configuration;
import org.ops4j.pax.exam.Option;
import org.ops4j.pax.exam.junit.PaxExam;
import org.ops4j.pax.exam.spi.reactors.ExamReactorStrategy;
import org.ops4j.pax.exam.spi.reactors.PerClass;
import org.ops4j.pax.exam.util.Filter;
import org.osgi.framework.BundleContext;
import org.osgi.framework.ServiceReference;
import org.osgi.service.cm.ConfigurationAdmin;

import dev.strela.persistence.DatabaseStatus;

/**
 * {@code etc/dev.strela.db.cfg} pointing at an external PostgreSQL (a second real server the test starts,
 * with password authentication): an unreachable URL and a wrong password give clear, retried failures that
 * do not harm Karaf; the right credentials connect and migrate that server.
 */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerClass.class)
public class DatabaseConfigIT {

    private static final String USER = "strela_it";
    private static final String SECRET = "it-Secret-4711";
    private static final String EXTERNAL_URL = "strela.it.externalUrl";

    @Inject BundleContext bundleContext;
    @Inject @Filter(timeout = 120_000) SessionFactory sessions;
    @Inject @Filter(timeout = 120_000) ConfigurationAdmin configAdmin;

    @Configuration
    public Option[] config() throws Exception {
        String externalUrl = ExternalPostgres.start(USER, SECRET, "strela_ext");
        String unreachable = "jdbc:postgresql://127.0.0.1:" + StrelaKaraf.freePort() + "/strela_ext";
        return StrelaKaraf.distribution(
                editConfigurationFilePut("etc/dev.strela.db.cfg", "url", unreachable),
                editConfigurationFilePut("etc/dev.strela.db.cfg", "user", USER),
                editConfigurationFilePut("etc/dev.strela.db.cfg", "password", SECRET),
                editConfigurationFilePut("etc/dev.strela.db.cfg", "retry.initialSeconds", "1"),
                editConfigurationFilePut("etc/dev.strela.db.cfg", "retry.maxSeconds", "2"),
                systemProperty(EXTERNAL_URL).value(externalUrl));
    }

    @Test
    public void externalDatabase_unreachableThenWrongPasswordThenRight_thenClearErrorsRetriesAndFinallyMigrates() throws Exception {
        // 1. unreachable URL: a visible FAILED state with the reason, retried, Karaf unharmed
        DatabaseStatus failed = awaitStatus("FAILED with at least two attempts",
                s -> s.state() == DatabaseStatus.State.FAILED && s.attempts() >= 2);
        assertThat(failed.embedded()).isFalse();
        assertThat(failed.lastError().orElseThrow()).containsIgnoringCase("refused");
        String out = StrelaKaraf.execute(sessions, "strela:status");
        assertThat(out).contains("external", "FAILED", "last error:").doesNotContain(SECRET);

        // 2. the external server with a wrong password
        reconfigure(System.getProperty(EXTERNAL_URL), "not-" + SECRET);
        awaitStatus("password failure reported", s -> s.state() == DatabaseStatus.State.FAILED
                && s.lastError().orElse("").contains("password authentication failed"));
        assertThat(StrelaKaraf.execute(sessions, "strela:status")).contains("password authentication failed")
                .doesNotContain(SECRET);

        // 3. the right password: connected and migrated
        reconfigure(System.getProperty(EXTERNAL_URL), SECRET);
        DatabaseStatus up = awaitStatus("external database UP", s -> s.state() == DatabaseStatus.State.UP);
        assertThat(up.schemaVersion()).contains(System.getProperty(StrelaKaraf.EXPECTED_SCHEMA));
        assertThat(up.jdbcUrl()).isEqualTo(System.getProperty(EXTERNAL_URL));
        assertThat(migrationsApplied()).isGreaterThanOrEqualTo(Long.parseLong(System.getProperty(StrelaKaraf.EXPECTED_SCHEMA)));
        assertThat(Path.of(System.getProperty("karaf.home"), "db", "pgdata")).as("no embedded server was started")
                .doesNotExist();
        assertThat(StrelaKaraf.execute(sessions, "strela:status")).contains("external", "UP", "schema version:")
                .doesNotContain(SECRET);
    }

    private long migrationsApplied() throws Exception {
        Properties props = new Properties();
        props.setProperty("user", USER);
        props.setProperty("password", SECRET);
        try (Connection c = new org.postgresql.Driver().connect(System.getProperty(EXTERNAL_URL), props);
             Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT count(*) FROM flyway_schema_history WHERE success")) {
            rs.next();
            return rs.getLong(1);
        }
    }

    private void reconfigure(String url, String password) throws IOException {
        org.osgi.service.cm.Configuration cfg = configAdmin.getConfiguration("dev.strela.db", null);
        Dictionary<String, Object> props = cfg.getProperties() == null ? new Hashtable<>() : cfg.getProperties();
        props.put("url", url);
        props.put("password", password);
        cfg.update(props);
    }

    /**
     * The service as it is now, or empty while it is absent (between a configuration change and the component's
     * return). A wait reads one such snapshot per poll: looking the service up twice could find the old component
     * the first time and none the second.
     */
    private Optional<DatabaseStatus> current() {
        ServiceReference<DatabaseStatus> ref = bundleContext.getServiceReference(DatabaseStatus.class);
        return Optional.ofNullable(ref == null ? null : bundleContext.getService(ref));
    }

    /** Waits for a status that satisfies {@code wanted}, and returns the service that showed it. */
    private DatabaseStatus awaitStatus(String what, Predicate<DatabaseStatus> wanted) throws InterruptedException {
        AtomicReference<DatabaseStatus> seen = new AtomicReference<>();
        StrelaKaraf.await(what, Duration.ofSeconds(60), () -> {
            Optional<DatabaseStatus> status = current().filter(wanted);
            status.ifPresent(seen::set);
            return status.isPresent();
        });
        return seen.get();
    }
}
