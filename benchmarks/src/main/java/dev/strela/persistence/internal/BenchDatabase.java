package dev.strela.persistence.internal;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;

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

    private final Path directory;
    private final EmbeddedServer server;
    private final HikariDataSource pool;
    private final ConnectedDatabase db;

    private BenchDatabase(Path directory, EmbeddedServer server, HikariDataSource pool) {
        this.directory = directory;
        this.server = server;
        this.pool = pool;
        this.db = new ConnectedDatabase(Jdbi.create(pool), pool, "bench");
    }

    public static BenchDatabase start(int poolSize) throws Exception {
        int port;
        try (ServerSocket socket = new ServerSocket(0)) {
            port = socket.getLocalPort();
        }
        Path directory = Files.createTempDirectory("strela-bench");
        EmbeddedServer server = EmbeddedServer.start(directory.resolve("pgdata"), port);
        HikariDataSource pool = null;
        try {
            PGSimpleDataSource pg = new PGSimpleDataSource();
            pg.setURL(server.jdbcUrl());
            pg.setUser(EmbeddedServer.USER);
            HikariConfig config = new HikariConfig();
            config.setDataSource(pg);
            config.setMaximumPoolSize(poolSize);
            pool = new HikariDataSource(config);
            Flyway.configure().dataSource(pool).locations("classpath:db/migration").load().migrate();
            return new BenchDatabase(directory, server, pool);
        } catch (Exception | Error e) {
            if (pool != null) {
                pool.close();
            }
            server.close();
            delete(directory);
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

    /** Stops the server and deletes its data directory. */
    @Override
    public void close() throws Exception {
        try {
            pool.close();
            server.close();
        } finally {
            delete(directory);
        }
    }

    private static void delete(Path directory) throws IOException {
        if (!Files.exists(directory)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(directory)) {
            for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }
}
