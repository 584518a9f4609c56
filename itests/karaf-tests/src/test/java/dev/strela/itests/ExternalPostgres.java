package dev.strela.itests;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;

/**
 * A second, real PostgreSQL started on the test driver's side (never inside the container), requiring a
 * password for the given role over TCP. {@link StopExternalPostgres} stops it when the test plan ends (a
 * shutdown hook would not get the time: the forked test JVM is killed 2 s after it starts to exit).
 */
final class ExternalPostgres {

    private static EmbeddedPostgres server;
    private static String url;

    private ExternalPostgres() {
    }

    /** Starts the server once per JVM and returns the JDBC URL of {@code database}, owned by {@code user}. */
    static synchronized String start(String user, String password, String database) throws Exception {
        if (server != null) {
            return url;
        }
        Path dir = Files.createTempDirectory("strela-external-pg");
        server = EmbeddedPostgres.builder().setDataDirectory(dir).setCleanDataDirectory(true)
                .setPort(StrelaKaraf.freePort()).start();
        try (Connection c = server.getPostgresDatabase().getConnection(); Statement s = c.createStatement()) {
            s.execute("CREATE ROLE " + user + " LOGIN PASSWORD '" + password + "'");
            s.execute("CREATE DATABASE " + database + " OWNER " + user);
        }
        writeHba(dir);
        try (Connection c = server.getPostgresDatabase().getConnection(); Statement s = c.createStatement()) {
            s.execute("SELECT pg_reload_conf()");
        }
        url = "jdbc:postgresql://127.0.0.1:" + server.getPort() + "/" + database;
        return url;
    }

    /** Stops the server if this JVM started one; called when the test plan has finished. */
    static synchronized void stopIfStarted() {
        if (server == null) {
            return;
        }
        try {
            server.close();
        } catch (IOException e) {
            System.err.println("external PostgreSQL did not stop: " + e);
        }
        server = null;
        url = null;
    }

    /** Trust for the superuser (the test's own setup), a password for every other role. */
    private static void writeHba(Path dir) throws IOException {
        Files.writeString(dir.resolve("pg_hba.conf"), String.join("\n",
                "local all all trust",
                "host all postgres 127.0.0.1/32 trust",
                "host all postgres ::1/128 trust",
                "host all all 127.0.0.1/32 scram-sha-256",
                "host all all ::1/128 scram-sha-256", ""));
    }
}
