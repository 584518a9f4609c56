package dev.strela.persistence.internal;

import java.nio.file.Path;
import java.sql.SQLException;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.MigrationInfo;
import org.jdbi.v3.core.Jdbi;
import org.osgi.framework.BundleContext;
import org.osgi.framework.ServiceRegistration;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.metatype.annotations.Designate;
import org.postgresql.ds.PGSimpleDataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;

import dev.strela.persistence.DatabaseStatus;

/**
 * Brings the database up: starts the embedded server or connects to the configured one, migrates the
 * schema with Flyway, and registers {@link ConnectedDatabase}. A failure never fails the component: it
 * becomes a visible state with the reason, and the attempt is retried with a growing delay.
 */
@Component(immediate = true, configurationPid = DatabaseConfig.PID, service = DatabaseStatus.class)
@Designate(ocd = DatabaseConfig.class)
public final class DatabaseManager implements DatabaseStatus {

    private static final Logger LOG = LoggerFactory.getLogger(DatabaseManager.class);

    private final BundleContext bundleContext;
    private final DatabaseConfig config;
    private final boolean embedded;
    private final Path dataDirectory;
    private final ExecutorService worker;

    private volatile State state = State.STARTING;
    private volatile Instant since = Instant.now();
    private volatile String jdbcUrl;
    private volatile String schemaVersion;
    private volatile String lastError;
    private volatile int attempts;
    private volatile boolean closing;

    private EmbeddedServer server;
    private HikariDataSource pool;
    private ServiceRegistration<ConnectedDatabase> registration;

    @Activate
    public DatabaseManager(BundleContext bundleContext, DatabaseConfig config) {
        this.bundleContext = bundleContext;
        this.config = config;
        this.embedded = config.url().isBlank();
        this.dataDirectory = embedded ? resolveDataDirectory(config.embedded_dataDirectory()) : null;
        this.jdbcUrl = embedded ? "jdbc:postgresql://127.0.0.1:" + config.embedded_port() + "/" + EmbeddedServer.DATABASE
                : JdbcUrls.redact(config.url().trim());
        this.worker = Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, "strela-db-connect");
            t.setDaemon(true);
            return t;
        });
        worker.execute(this::connectWithRetry);
    }

    @Deactivate
    void deactivate() throws InterruptedException {
        closing = true;
        worker.shutdownNow();
        worker.awaitTermination(30, TimeUnit.SECONDS);
        release();
        state(State.STOPPED, null);
    }

    private void connectWithRetry() {
        long delay = Math.max(1, config.retry_initialSeconds());
        while (!closing) {
            attempts++;
            try {
                connect();
                return;
            } catch (Exception e) {
                String reason = describe(e);
                if (!reason.equals(lastError)) {
                    LOG.error("Database {} not available (attempt {}): {}. Retrying every {}-{} s; fix etc/{}.cfg if the URL or credentials are wrong.",
                            jdbcUrl, attempts, reason, delay, config.retry_maxSeconds(), DatabaseConfig.PID);
                } else {
                    LOG.warn("Database {} still not available (attempt {}): {}", jdbcUrl, attempts, reason);
                }
                state(State.FAILED, reason);
                release();
                if (!sleep(delay)) {
                    return;
                }
                delay = Math.min(delay * 2, Math.max(1, config.retry_maxSeconds()));
            }
        }
    }

    private void connect() throws Exception {
        String url;
        String user;
        String password;
        if (embedded) {
            server = EmbeddedServer.start(dataDirectory, config.embedded_port());
            url = server.jdbcUrl();
            user = EmbeddedServer.USER;
            password = "";
        } else {
            url = config.url().trim();
            user = config.user();
            password = config.password();
        }
        pool = openPool(url, user, password);
        Flyway flyway = Flyway.configure(DatabaseManager.class.getClassLoader())
                .dataSource(pool)
                .locations("classpath:db/migration")
                .load();
        int applied = flyway.migrate().migrationsExecuted;
        MigrationInfo current = flyway.info().current();
        schemaVersion = current == null ? "none" : current.getVersion().getVersion();
        LOG.info("Database {} ready: schema version {} ({} migration(s) applied now)", jdbcUrl, schemaVersion, applied);
        Jdbi jdbi = Jdbi.create(pool);
        if (closing) {
            release();
            return;
        }
        registration = bundleContext.registerService(ConnectedDatabase.class,
                new ConnectedDatabase(jdbi, pool, schemaVersion), null);
        state(State.UP, null);
    }

    private HikariDataSource openPool(String url, String user, String password) {
        PGSimpleDataSource pg = new PGSimpleDataSource();
        pg.setURL(url);
        if (!user.isBlank()) {
            pg.setUser(user);
        }
        if (!password.isEmpty()) {
            pg.setPassword(password);
        }
        pg.setConnectTimeout(5);
        pg.setApplicationName("strela");
        HikariConfig hikari = new HikariConfig();
        hikari.setDataSource(pg);
        hikari.setPoolName("strela");
        hikari.setMaximumPoolSize(Math.max(2, config.pool_maxSize()));
        hikari.setConnectionTimeout(10_000);
        hikari.setInitializationFailTimeout(1);
        return new HikariDataSource(hikari);
    }

    private synchronized void release() {
        if (registration != null) {
            try {
                registration.unregister();
            } catch (IllegalStateException alreadyGone) {
                LOG.debug("connected-database registration already gone");
            }
            registration = null;
        }
        if (pool != null) {
            pool.close();
            pool = null;
        }
        if (server != null) {
            try {
                server.close();
            } catch (Exception e) {
                LOG.warn("Embedded PostgreSQL did not stop cleanly: {}", e.toString());
            }
            server = null;
        }
    }

    private void state(State newState, String error) {
        if (newState != state) {
            since = Instant.now();
        }
        state = newState;
        lastError = error;
    }

    private boolean sleep(long seconds) {
        try {
            TimeUnit.SECONDS.sleep(seconds);
            return true;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /** The innermost meaningful message of a failure chain, e.g. the server's authentication error. */
    static String describe(Throwable e) {
        Throwable root = e;
        String message = e.getMessage();
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
            if (root.getMessage() != null && (root instanceof SQLException || message == null)) {
                message = root.getMessage();
            }
        }
        if (message == null) {
            message = root.getClass().getSimpleName();
        }
        String oneLine = message.replaceAll("\\s+", " ").trim();
        return oneLine.endsWith(".") ? oneLine.substring(0, oneLine.length() - 1) : oneLine;
    }

    private static Path resolveDataDirectory(String configured) {
        Path path = Path.of(configured);
        if (path.isAbsolute()) {
            return path.normalize();
        }
        String home = System.getProperty("karaf.home", System.getProperty("user.dir"));
        return Path.of(home).resolve(path).toAbsolutePath().normalize();
    }

    @Override
    public State state() {
        return state;
    }

    @Override
    public boolean embedded() {
        return embedded;
    }

    @Override
    public String jdbcUrl() {
        return jdbcUrl;
    }

    @Override
    public String user() {
        return embedded ? EmbeddedServer.USER : config.user();
    }

    @Override
    public Optional<String> schemaVersion() {
        return Optional.ofNullable(schemaVersion);
    }

    @Override
    public Optional<String> dataDirectory() {
        return Optional.ofNullable(dataDirectory).map(Path::toString);
    }

    @Override
    public Optional<String> lastError() {
        return Optional.ofNullable(lastError);
    }

    @Override
    public Instant since() {
        return since;
    }

    @Override
    public int attempts() {
        return attempts;
    }
}
