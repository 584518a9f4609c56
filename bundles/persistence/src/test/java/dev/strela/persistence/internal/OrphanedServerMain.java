package dev.strela.persistence.internal;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;

/**
 * Run in a child JVM by {@link EmbeddedServerTest}: starts the embedded server, writes a marker row,
 * prints READY and waits to be killed with SIGKILL, as a {@code kill -9} of Karaf would do.
 */
public final class OrphanedServerMain {

    private OrphanedServerMain() {
    }

    public static void main(String[] args) throws Exception {
        EmbeddedServer server = EmbeddedServer.start(Path.of(args[0]), Integer.parseInt(args[1]));
        try (Connection c = DriverManager.getConnection(server.jdbcUrl(), EmbeddedServer.USER, "");
             Statement s = c.createStatement()) {
            s.execute("CREATE TABLE IF NOT EXISTS marker (note text)");
            s.execute("INSERT INTO marker VALUES ('written before kill -9')");
        }
        System.out.println("READY");
        System.out.flush();
        Thread.sleep(Long.MAX_VALUE);
    }
}
