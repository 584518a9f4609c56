package dev.strela.persistence.internal;

import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;

import org.flywaydb.core.Flyway;
import org.jdbi.v3.core.Jdbi;
import org.postgresql.ds.PGSimpleDataSource;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;

/** A real, migrated PostgreSQL for repository tests: the embedded server in a temporary directory. */
final class TestDatabase implements AutoCloseable {

    private EmbeddedServer server;
    private final int port;
    final ConnectedDatabase db;

    private TestDatabase(EmbeddedServer server, int port, ConnectedDatabase db) {
        this.server = server;
        this.port = port;
        this.db = db;
    }

    static TestDatabase start() throws Exception {
        int port;
        try (ServerSocket socket = new ServerSocket(0)) {
            port = socket.getLocalPort();
        }
        EmbeddedServer server = EmbeddedServer.start(Files.createTempDirectory("strela-test-db").resolve("pgdata"), port);
        PGSimpleDataSource ds = new PGSimpleDataSource();
        ds.setURL(server.jdbcUrl());
        ds.setUser(EmbeddedServer.USER);
        Flyway.configure().dataSource(ds).locations("classpath:db/migration").load().migrate();
        return new TestDatabase(server, port, new ConnectedDatabase(Jdbi.create(ds), ds, "test"));
    }

    /**
     * The same database through a small connection pool, as the platform reaches it: for timing queries without the
     * cost of opening a connection per call. The caller closes it.
     */
    HikariDataSource pool() {
        HikariConfig config = new HikariConfig();
        config.setJdbcUrl(server.jdbcUrl());
        config.setUsername(EmbeddedServer.USER);
        config.setMaximumPoolSize(2);
        return new HikariDataSource(config);
    }

    Jdbi jdbi() {
        return db.jdbi();
    }

    Path dataDirectory() {
        return server.dataDirectory();
    }

    /** Stops the server (a fast shutdown: open connections are ended). */
    synchronized void stopServer() throws Exception {
        server.close();
    }

    /** Starts the server again on the same data directory and port. */
    synchronized void startServer() throws Exception {
        server = EmbeddedServer.start(server.dataDirectory(), port);
    }

    @Override
    public synchronized void close() throws Exception {
        server.close();
    }
}
