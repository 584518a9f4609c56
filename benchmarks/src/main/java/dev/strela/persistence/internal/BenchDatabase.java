package dev.strela.persistence.internal;

import java.net.ServerSocket;
import java.nio.file.Files;

import org.flywaydb.core.Flyway;
import org.jdbi.v3.core.Jdbi;
import org.postgresql.ds.PGSimpleDataSource;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;

/**
 * A fresh embedded PostgreSQL (fsync on, as the platform runs it) in a temporary directory, migrated, reached through a
 * small connection pool as in the platform: the database of the benchmarks and of the memory replay's comparison test.
 */
public final class BenchDatabase implements AutoCloseable {

    private final EmbeddedServer server;
    private final HikariDataSource pool;
    private final ConnectedDatabase db;

    private BenchDatabase(EmbeddedServer server, HikariDataSource pool) {
        this.server = server;
        this.pool = pool;
        this.db = new ConnectedDatabase(Jdbi.create(pool), pool, "bench");
    }

    public static BenchDatabase start(int poolSize) throws Exception {
        int port;
        try (ServerSocket socket = new ServerSocket(0)) {
            port = socket.getLocalPort();
        }
        EmbeddedServer server = EmbeddedServer.start(Files.createTempDirectory("strela-bench").resolve("pgdata"), port);
        try {
            PGSimpleDataSource pg = new PGSimpleDataSource();
            pg.setURL(server.jdbcUrl());
            pg.setUser(EmbeddedServer.USER);
            HikariConfig config = new HikariConfig();
            config.setDataSource(pg);
            config.setMaximumPoolSize(poolSize);
            HikariDataSource pool = new HikariDataSource(config);
            Flyway.configure().dataSource(pool).locations("classpath:db/migration").load().migrate();
            return new BenchDatabase(server, pool);
        } catch (Exception | Error e) {
            server.close();
            throw e;
        }
    }

    /** What the repositories are built on. */
    public ConnectedDatabase db() {
        return db;
    }

    public Jdbi jdbi() {
        return db.jdbi();
    }

    @Override
    public void close() throws Exception {
        pool.close();
        server.close();
    }
}
