package dev.strela.persistence.internal;

import java.net.ServerSocket;
import java.nio.file.Files;

import org.flywaydb.core.Flyway;
import org.jdbi.v3.core.Jdbi;
import org.postgresql.ds.PGSimpleDataSource;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;

/** The platform's PostgreSQL repositories on a fresh, migrated embedded server, for comparing a replay with them. */
public final class PostgresStores implements AutoCloseable {

    private final EmbeddedServer server;
    private final HikariDataSource pool;
    public final JdbiMarketDataRepository market;
    public final JdbiStrategyUniverseRepository universe;
    public final JdbiRunRepository runs;
    public final JdbiSignalRepository signals;
    public final JdbiTradingStateRepository state;
    public final JdbiExecutionStore execution;
    public final JdbiBrokerStore broker;
    public final JdbiTradingControlRepository controls;

    private PostgresStores(EmbeddedServer server, HikariDataSource pool, ConnectedDatabase db) {
        this.server = server;
        this.pool = pool;
        this.market = new JdbiMarketDataRepository(db);
        this.universe = new JdbiStrategyUniverseRepository(db);
        this.runs = new JdbiRunRepository(db);
        this.signals = new JdbiSignalRepository(db);
        this.state = new JdbiTradingStateRepository(db);
        this.execution = new JdbiExecutionStore(db);
        this.broker = new JdbiBrokerStore(db);
        this.controls = new JdbiTradingControlRepository(db);
    }

    public static PostgresStores start() throws Exception {
        int port;
        try (ServerSocket socket = new ServerSocket(0)) {
            port = socket.getLocalPort();
        }
        EmbeddedServer server = EmbeddedServer.start(Files.createTempDirectory("strela-memory-replay").resolve("pgdata"), port);
        PGSimpleDataSource pg = new PGSimpleDataSource();
        pg.setURL(server.jdbcUrl());
        pg.setUser(EmbeddedServer.USER);
        HikariConfig config = new HikariConfig();
        config.setDataSource(pg);
        config.setMaximumPoolSize(4);
        HikariDataSource pool = new HikariDataSource(config);
        Flyway.configure().dataSource(pool).locations("classpath:db/migration").load().migrate();
        return new PostgresStores(server, pool, new ConnectedDatabase(Jdbi.create(pool), pool, "test"));
    }

    @Override
    public void close() throws Exception {
        pool.close();
        server.close();
    }
}
