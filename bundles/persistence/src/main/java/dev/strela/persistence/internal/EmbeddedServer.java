package dev.strela.persistence.internal;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;

/**
 * The embedded PostgreSQL: real server binaries (zonky), data in a directory that survives restarts,
 * listening on 127.0.0.1 only, with durable commits (fsync on). A postmaster left running by a killed JVM is stopped before the start.
 */
final class EmbeddedServer implements AutoCloseable {

    static final String USER = "postgres";
    static final String DATABASE = "postgres";
    private static final Logger LOG = LoggerFactory.getLogger(EmbeddedServer.class);

    private final EmbeddedPostgres postgres;
    private final Path dataDirectory;

    private EmbeddedServer(EmbeddedPostgres postgres, Path dataDirectory) {
        this.postgres = postgres;
        this.dataDirectory = dataDirectory;
    }

    static EmbeddedServer start(Path dataDirectory, int port) throws IOException {
        Files.createDirectories(dataDirectory.getParent());
        stopStalePostmaster(dataDirectory);
        boolean fresh = !Files.exists(dataDirectory.resolve("PG_VERSION"));
        LOG.info("Starting embedded PostgreSQL on 127.0.0.1:{} with data in {}{}", port, dataDirectory,
                fresh ? " (new data directory: initdb first)" : "");
        EmbeddedPostgres pg = EmbeddedPostgres.builder()
                .setDataDirectory(dataDirectory)
                .setCleanDataDirectory(false)
                .setPort(port)
                .setServerConfig("listen_addresses", "127.0.0.1")
                // zonky starts test servers with -F (no fsync) and asynchronous commits; orders and
                // positions must survive a power cut, so both are switched back on
                .setServerConfig("fsync", "on")
                .setServerConfig("synchronous_commit", "on")
                .setServerConfig("full_page_writes", "on")
                .setPGStartupWait(Duration.ofSeconds(60))
                .start();
        return new EmbeddedServer(pg, dataDirectory);
    }

    String jdbcUrl() {
        return "jdbc:postgresql://127.0.0.1:" + postgres.getPort() + "/" + DATABASE;
    }

    Path dataDirectory() {
        return dataDirectory;
    }

    @Override
    public void close() throws IOException {
        LOG.info("Stopping embedded PostgreSQL ({})", dataDirectory);
        postgres.close();
    }

    /**
     * After a {@code kill -9} of Karaf, the postmaster survives (reparented) and holds the data directory.
     * If {@code postmaster.pid} names a live postgres process, ask it to shut down fast (SIGINT) and wait.
     */
    static void stopStalePostmaster(Path dataDirectory) throws IOException {
        Optional<Long> pid = postmasterPid(dataDirectory);
        if (pid.isEmpty()) {
            return;
        }
        Optional<ProcessHandle> process = ProcessHandle.of(pid.get()).filter(ProcessHandle::isAlive)
                .filter(EmbeddedServer::isPostgres);
        if (process.isEmpty()) {
            return;
        }
        LOG.warn("A PostgreSQL server (pid {}) from an earlier run still holds {}: stopping it before the start",
                pid.get(), dataDirectory);
        try {
            new ProcessBuilder(List.of("kill", "-INT", Long.toString(pid.get()))).inheritIO().start().waitFor();
            boolean exited = process.get().onExit().toCompletableFuture().completeOnTimeout(null, 60, TimeUnit.SECONDS)
                    .thenApply(h -> h != null).join();
            if (!exited) {
                LOG.warn("PostgreSQL (pid {}) did not stop within 60 s: killing it (it will run crash recovery)", pid.get());
                process.get().destroyForcibly();
                process.get().onExit().get(30, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while stopping a stale PostgreSQL server", e);
        } catch (Exception e) {
            throw new IOException("could not stop the stale PostgreSQL server (pid " + pid.get() + "): " + e, e);
        }
    }

    static Optional<Long> postmasterPid(Path dataDirectory) throws IOException {
        Path pidFile = dataDirectory.resolve("postmaster.pid");
        if (!Files.isRegularFile(pidFile)) {
            return Optional.empty();
        }
        List<String> lines = Files.readAllLines(pidFile, StandardCharsets.UTF_8);
        if (lines.isEmpty()) {
            return Optional.empty();
        }
        try {
            return Optional.of(Long.parseLong(lines.get(0).trim()));
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }

    private static boolean isPostgres(ProcessHandle handle) {
        return handle.info().command().map(c -> c.endsWith("postgres") || c.contains("/postgres")).orElse(true);
    }
}
