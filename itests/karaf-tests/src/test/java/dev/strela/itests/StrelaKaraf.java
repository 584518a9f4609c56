package dev.strela.itests;

import static org.ops4j.pax.exam.CoreOptions.maven;
import static org.ops4j.pax.exam.CoreOptions.mavenBundle;
import static org.ops4j.pax.exam.CoreOptions.systemProperty;
import static org.ops4j.pax.exam.karaf.options.KarafDistributionOption.configureConsole;
import static org.ops4j.pax.exam.karaf.options.KarafDistributionOption.editConfigurationFilePut;
import static org.ops4j.pax.exam.karaf.options.KarafDistributionOption.karafDistributionConfiguration;
import static org.ops4j.pax.exam.karaf.options.KarafDistributionOption.keepRuntimeFolder;
import static org.ops4j.pax.exam.karaf.options.KarafDistributionOption.logLevel;

import java.io.ByteArrayOutputStream;
import java.io.File;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.BooleanSupplier;
import java.util.stream.Stream;

import org.apache.karaf.shell.api.console.Session;
import org.apache.karaf.shell.api.console.SessionFactory;
import org.ops4j.pax.exam.Option;
import org.ops4j.pax.exam.karaf.options.LogLevelOption.LogLevel;
import org.ops4j.pax.exam.options.MavenArtifactUrlReference;

/** Options that boot the real Strela distribution under Pax Exam, and helpers used inside the container. */
public final class StrelaKaraf {

    /** Container system property carrying the schema version the migrations folder expects. */
    public static final String EXPECTED_SCHEMA = "strela.it.expectedSchemaVersion";

    private StrelaKaraf() {
    }

    /** The distribution with free ports, the offline local Maven repository, and the given extra options. */
    public static Option[] distribution(Option... extra) {
        MavenArtifactUrlReference dist = maven().groupId("dev.strela").artifactId("strela-distribution")
                .type("tar.gz").versionAsInProject();
        String localRepo = System.getProperty("org.ops4j.pax.url.mvn.localRepository",
                System.getProperty("user.home") + "/.m2/repository");
        List<Option> options = new ArrayList<>(List.of(
                karafDistributionConfiguration().frameworkUrl(dist).name("Strela")
                        .unpackDirectory(new File(System.getProperty("strela.it.work", "target/exam")))
                        .useDeployFolder(false),
                configureConsole().ignoreLocalConsole().ignoreRemoteShell(),
                logLevel(LogLevel.INFO),
                editConfigurationFilePut("etc/org.apache.karaf.shell.cfg", "sshPort", Integer.toString(freePort())),
                editConfigurationFilePut("etc/org.apache.karaf.management.cfg", "rmiRegistryPort", Integer.toString(freePort())),
                editConfigurationFilePut("etc/org.apache.karaf.management.cfg", "rmiServerPort", Integer.toString(freePort())),
                editConfigurationFilePut("etc/org.ops4j.pax.url.mvn.cfg", "org.ops4j.pax.url.mvn.repositories", ""),
                editConfigurationFilePut("etc/org.ops4j.pax.url.mvn.cfg", "org.ops4j.pax.url.mvn.localRepository", localRepo),
                editConfigurationFilePut("etc/org.ops4j.pax.url.mvn.cfg", "org.ops4j.pax.url.mvn.offline", "true"),
                editConfigurationFilePut("etc/dev.strela.db.cfg", "embedded.port", Integer.toString(freePort())),
                // the paper-trading demo is on in the shipped distribution; tests switch it on where they want it
                editConfigurationFilePut("etc/dev.strela.demo.cfg", "enabled", "false"),
                // the distribution hot-deploys the example strategies from deploy/; tests install what they need
                editConfigurationFilePut("etc/org.apache.felix.fileinstall-deploy.cfg", "felix.fileinstall.dir",
                        "${karaf.base}/itest-deploy"),
                systemProperty(EXPECTED_SCHEMA).value(expectedSchemaVersion()),
                systemProperty(Diagnostics.DIR).value(new File(System.getProperty(Diagnostics.DIR, "target/it-diagnostics"))
                        .getAbsolutePath()),
                mavenBundle("net.bytebuddy", "byte-buddy", "1.18.3"),
                mavenBundle("org.assertj", "assertj-core").versionAsInProject()));
        if (Boolean.getBoolean("strela.it.keep")) {
            // keep each container's folder (logs, database) under target/exam for debugging: -Dstrela.it.keep=true
            options.add(keepRuntimeFolder());
        }
        options.addAll(Arrays.asList(extra));
        return options.toArray(Option[]::new);
    }

    /** The highest {@code V<n>__} migration in the project's {@code db/} folder (read on the test driver side). */
    static String expectedSchemaVersion() {
        Path dir = Path.of(System.getProperty("strela.migrations.dir", "../../db/src/main/resources/db/migration"));
        try (Stream<Path> files = Files.list(dir)) {
            return files.map(p -> p.getFileName().toString())
                    .filter(n -> n.matches("V\\d+__.*\\.sql"))
                    .map(n -> Integer.parseInt(n.substring(1, n.indexOf("__"))))
                    .max(Integer::compare)
                    .map(String::valueOf)
                    .orElseThrow(() -> new IllegalStateException("no migrations in " + dir));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list migrations in " + dir, e);
        }
    }

    public static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Runs one console command in a fresh session and returns what it printed. */
    public static String execute(SessionFactory sessions, String command) throws Exception {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        PrintStream out = new PrintStream(bytes, true, StandardCharsets.UTF_8);
        Session session = sessions.create(System.in, out, out);
        try {
            Object result = session.execute(command);
            if (result != null) {
                out.println(result);
            }
        } finally {
            session.close();
        }
        return bytes.toString(StandardCharsets.UTF_8);
    }

    /**
     * Runs a console command, again every second (up to a minute) while it answers that the service it needs is
     * not there yet: right after boot each DS component registers on its own, and a command may come first.
     */
    public static String executeWhenReady(SessionFactory sessions, String command) throws Exception {
        String out = executeOrNotFound(sessions, command);
        for (int attempt = 0; attempt < 60 && (out == null || out.contains("is not running") || out.contains("is not connected"));
                attempt++) {
            Thread.sleep(1000);
            out = executeOrNotFound(sessions, command);
        }
        return out == null ? execute(sessions, command) : out;
    }

    /** What the command printed, or null while the console does not know it yet (its bundle is still starting). */
    private static String executeOrNotFound(SessionFactory sessions, String command) throws Exception {
        try {
            return execute(sessions, command);
        } catch (Exception e) {
            if (e.getClass().getSimpleName().equals("CommandNotFoundException")) {
                return null;
            }
            throw e;
        }
    }

    /** A count query on the platform's database (the embedded server's URL and user come from its status). */
    public static long count(dev.strela.persistence.DatabaseStatus database, String sql) {
        java.util.Properties props = new java.util.Properties();
        props.setProperty("user", database.user());
        try (java.sql.Connection c = new org.postgresql.Driver().connect(database.jdbcUrl(), props);
             java.sql.Statement s = c.createStatement();
             java.sql.ResultSet rs = s.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        } catch (Exception e) {
            throw new AssertionError("query failed: " + sql + ": " + e, e);
        }
    }

    /**
     * Polls until the condition holds, or fails with the message after the timeout. A condition that throws (a service
     * between two registrations, a route being re-created, a query refused while the database restarts) counts as not
     * holding yet; the last such failure is attached to the timeout's error.
     */
    public static void await(String what, Duration timeout, BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        Throwable lastFailure = null;
        while (true) {
            try {
                if (condition.getAsBoolean()) {
                    return;
                }
            } catch (RuntimeException | AssertionError e) {
                lastFailure = e;
            }
            if (System.nanoTime() > deadline) {
                AssertionError timedOut = new AssertionError("timed out after " + timeout + " waiting for: " + what
                        + (lastFailure == null ? "" : " (last check failed: " + lastFailure + ")")
                        + " (container state: " + Diagnostics.dump(what) + ")");
                if (lastFailure != null) {
                    timedOut.initCause(lastFailure);
                }
                throw timedOut;
            }
            Thread.sleep(100);
        }
    }

    /** The routes that carry a closed bar to the strategies and their signals to execution. */
    public static final List<String> CORE_ROUTES = List.of("datafeed.bar-close-fanout", "strategy-runner.bar-close",
            "execution.signals");

    /**
     * Waits until the routes are started. Every route comes up only after the database is ready, each bundle's on its
     * own, so a test that sends candles right after boot could close bars before the strategy runner listens (a bar
     * closed while no runner listens reaches no strategy, by design): tests that feed candles wait for this first.
     */
    public static void awaitRoutes(org.apache.camel.CamelContext camel, List<String> routeIds) throws InterruptedException {
        await("routes started: " + routeIds, Duration.ofMinutes(2), () -> routeIds.stream().allMatch(id -> {
            org.apache.camel.ServiceStatus status = camel.getRouteController().getRouteStatus(id);
            return status != null && status.isStarted();
        }));
    }

    /**
     * A Tinkoff-format file of {@code n} one-minute candles from {@code t0} + {@code from} minutes, the close of
     * minute {@code i} being {@code close(i)} (open 0.5 lower, high 1 above the close, low 1 below the open).
     */
    public static java.nio.file.Path minutes(java.time.Instant t0, int from, int n, java.util.function.IntUnaryOperator close)
            throws java.io.IOException {
        java.util.List<String> lines = new java.util.ArrayList<>();
        for (int i = from; i < from + n; i++) {
            java.math.BigDecimal c = java.math.BigDecimal.valueOf(close.applyAsInt(i));
            java.math.BigDecimal open = c.subtract(new java.math.BigDecimal("0.5"));
            lines.add("x;" + t0.plusSeconds(60L * i) + ";" + open + ";" + c + ";" + c.add(java.math.BigDecimal.ONE) + ";"
                    + open.subtract(java.math.BigDecimal.ONE) + ";10;");
        }
        java.nio.file.Path file = java.nio.file.Files.createTempDirectory("strela-it").resolve("minutes.csv");
        java.nio.file.Files.write(file, lines);
        return file;
    }
}
