package dev.strela.persistence.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The embedded PostgreSQL keeps its data across a clean stop and across a killed JVM. */
class EmbeddedServerTest {

    @Test
    void start_afterCleanStop_thenDataIsStillThere(@TempDir Path tmp) throws Exception {
        Path data = tmp.resolve("pgdata");
        int port = freePort();
        try (EmbeddedServer server = EmbeddedServer.start(data, port)) {
            execute(server, "CREATE TABLE marker (note text)", "INSERT INTO marker VALUES ('kept')");
        }
        try (EmbeddedServer server = EmbeddedServer.start(data, port)) {
            assertThat(count(server)).isEqualTo(1);
            assertThat(server.jdbcUrl()).isEqualTo("jdbc:postgresql://127.0.0.1:" + port + "/postgres");
        }
    }

    @Test
    void start_always_thenCommitsAreDurable(@TempDir Path tmp) throws Exception {
        try (EmbeddedServer server = EmbeddedServer.start(tmp.resolve("pgdata"), freePort())) {
            assertThat(show(server, "fsync")).isEqualTo("on");
            assertThat(show(server, "synchronous_commit")).isEqualTo("on");
            assertThat(show(server, "listen_addresses")).isEqualTo("127.0.0.1");
        }
    }

    @Test
    void start_whenThePostmasterOfAKilledJvmStillRuns_thenStopsItAndStartsWithTheData(@TempDir Path tmp) throws Exception {
        Path data = tmp.resolve("pgdata");
        int port = freePort();
        String java = ProcessHandle.current().info().command().orElse("java");
        Process child = new ProcessBuilder(List.of(java, "-cp", System.getProperty("java.class.path"),
                OrphanedServerMain.class.getName(), data.toString(), Integer.toString(port)))
                .redirectErrorStream(true).start();
        try {
            assertThat(readyWithin(child, 120)).as("child JVM started the server").isTrue();
            long postmaster = EmbeddedServer.postmasterPid(data).orElseThrow();
            child.destroyForcibly().waitFor(30, TimeUnit.SECONDS);
            assertThat(ProcessHandle.of(postmaster).map(ProcessHandle::isAlive)).as("orphaned postmaster survives the kill")
                    .contains(true);

            try (EmbeddedServer server = EmbeddedServer.start(data, port)) {
                assertThat(count(server)).isEqualTo(1);
            }
            assertThat(ProcessHandle.of(postmaster).map(ProcessHandle::isAlive).orElse(false))
                    .as("the stale postmaster was stopped").isFalse();
        } finally {
            child.destroyForcibly();
            EmbeddedServer.stopStalePostmaster(data);
        }
    }

    private static boolean readyWithin(Process child, int seconds) throws Exception {
        CompletableFuture<Boolean> ready = CompletableFuture.supplyAsync(() -> {
            try (BufferedReader r = new BufferedReader(new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8))) {
                String line;
                while ((line = r.readLine()) != null) {
                    if (line.equals("READY")) {
                        return true;
                    }
                }
                return false;
            } catch (Exception e) {
                return false;
            }
        });
        return ready.get(seconds, TimeUnit.SECONDS);
    }

    private static void execute(EmbeddedServer server, String... sql) throws Exception {
        try (Connection c = DriverManager.getConnection(server.jdbcUrl(), EmbeddedServer.USER, "");
             Statement s = c.createStatement()) {
            for (String statement : sql) {
                s.execute(statement);
            }
        }
    }

    private static long count(EmbeddedServer server) throws Exception {
        try (Connection c = DriverManager.getConnection(server.jdbcUrl(), EmbeddedServer.USER, "");
             Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT count(*) FROM marker")) {
            rs.next();
            return rs.getLong(1);
        }
    }

    private static String show(EmbeddedServer server, String setting) throws Exception {
        try (Connection c = DriverManager.getConnection(server.jdbcUrl(), EmbeddedServer.USER, "");
             Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SHOW " + setting)) {
            rs.next();
            return rs.getString(1);
        }
    }

    private static int freePort() throws Exception {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
