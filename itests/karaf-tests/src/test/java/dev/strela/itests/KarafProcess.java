package dev.strela.itests;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The real distribution as an external process ({@code bin/karaf server}) for the crash tests: unpacked into a folder
 * of its own with free ports and offline Maven, started, killed with SIGKILL, restarted and stopped cleanly. Its
 * embedded PostgreSQL (which survives a SIGKILL of the JVM) is reached over JDBC, its console over the distribution's
 * own {@code bin/client}. Everything it prints starts with the test's tag, e.g. {@code [crash-it]}.
 */
final class KarafProcess {

    /** Console answers of a platform that is still starting: the command, its service or the database is not there yet. */
    private static final Pattern NOT_READY = Pattern.compile("Command not found|is not running|is not connected");
    private static final Duration CONSOLE_TIMEOUT = Duration.ofSeconds(90);

    private final String tag;
    private final Path folder;
    private final Path home;
    private final int sshPort;
    private final String jdbcUrl;
    private Process script;
    private ProcessHandle java;

    private KarafProcess(String tag, Path folder, Path home, int dbPort, int sshPort) {
        this.tag = tag;
        this.folder = folder;
        this.home = home;
        this.sshPort = sshPort;
        this.jdbcUrl = "jdbc:postgresql://127.0.0.1:" + dbPort + "/postgres";
    }

    /**
     * The distribution unpacked into {@code target/<tag>/<time>-<seed>}: free ports, offline Maven resolution, no
     * demo feed. Tests set their own configuration with {@link #setProperty(String, String, String)} before starting.
     */
    static KarafProcess unpack(String tag, long seed) throws Exception {
        Path folder = Path.of("target", tag,
                LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss")) + "-" + Long.toHexString(seed & 0xffff))
                .toAbsolutePath();
        Path home = unpack(distribution(), folder);
        int dbPort = freePort();
        int sshPort = freePort();
        KarafProcess karaf = new KarafProcess(tag, folder, home, dbPort, sshPort);
        karaf.setProperty("org.apache.karaf.shell.cfg", "sshPort", Integer.toString(sshPort));
        karaf.setProperty("org.apache.karaf.management.cfg", "rmiRegistryPort", Integer.toString(freePort()));
        karaf.setProperty("org.apache.karaf.management.cfg", "rmiServerPort", Integer.toString(freePort()));
        Path mvn = home.resolve("etc/org.ops4j.pax.url.mvn.cfg");
        String mvnCfg = Files.readString(mvn, StandardCharsets.UTF_8)
                // the default repository list continues over several lines ending in '\'
                .replaceAll("(?m)^org\\.ops4j\\.pax\\.url\\.mvn\\.repositories\\s*=(?:[^\\n]*\\\\\\n)*[^\\n]*\\n?", "");
        Files.writeString(mvn, mvnCfg, StandardCharsets.UTF_8);
        karaf.setProperty("org.ops4j.pax.url.mvn.cfg", "org.ops4j.pax.url.mvn.repositories", "");
        karaf.setProperty("org.ops4j.pax.url.mvn.cfg", "org.ops4j.pax.url.mvn.offline", "true");
        karaf.setProperty("dev.strela.db.cfg", "embedded.port", Integer.toString(dbPort));
        karaf.setProperty("dev.strela.demo.cfg", "enabled", "false");
        karaf.log("distribution unpacked to %s, database port %d, ssh port %d", home, dbPort, sshPort);
        return karaf;
    }

    Path folder() {
        return folder;
    }

    /** The unpacked distribution ({@code bin}, {@code etc}, {@code data}). */
    Path home() {
        return home;
    }

    /** A port free on 127.0.0.1 right now, for a service the test configures. */
    static int freeLoopbackPort() {
        return freePort();
    }

    /** Sets {@code key = value} in {@code etc/<file>}. */
    void setProperty(String file, String key, String value) throws IOException {
        setProperty(home.resolve("etc").resolve(file), key, value);
    }

    /** A test body that may throw anything. */
    interface Body {
        void run() throws Exception;
    }

    /**
     * Runs the body with this Karaf and its PostgreSQL stopped at the end whatever happens (also when the test JVM
     * exits), and deletes the folder if the body passed, unless {@code strela.it.keep=true}.
     */
    void guard(Body body) throws Exception {
        Thread emergencyStop = new Thread(this::emergencyStop, tag + "-emergency-stop");
        Runtime.getRuntime().addShutdownHook(emergencyStop);
        boolean passed = false;
        try {
            body.run();
            passed = true;
        } finally {
            emergencyStop();
            try {
                Runtime.getRuntime().removeShutdownHook(emergencyStop);
            } catch (IllegalStateException e) {
                // the JVM is already shutting down
            }
            if (passed && !Boolean.getBoolean("strela.it.keep")) {
                deleteRecursively(folder);
            } else {
                log("kept %s (karaf.log in data/log, console output in karaf-console.out)", folder);
            }
        }
    }

    // ------------------------------------------------------------------------------------------------------------
    // The process

    void start() throws Exception {
        ProcessBuilder pb = new ProcessBuilder(home.resolve("bin/karaf").toString(), "server")
                .directory(home.toFile())
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(home.resolve("karaf-console.out").toFile()));
        pb.environment().put("JAVA_HOME", System.getProperty("java.home"));
        pb.environment().put("CHECK_ROOT_INSTANCE_RUNNING", "false");
        pb.environment().remove("KARAF_OPTS");
        pb.environment().remove("EXTRA_JAVA_OPTS");
        script = pb.start();
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        java = null;
        while (java == null) {
            java = karafJvm().orElse(null);
            if (java == null) {
                if (!script.isAlive()) {
                    fail("bin/karaf server exited with " + script.exitValue() + " before starting Karaf's JVM:\n"
                            + tail(home.resolve("karaf-console.out"), 40));
                }
                if (System.nanoTime() > deadline) {
                    fail("no Karaf JVM (java -Dkaraf.home=...) under bin/karaf server after 60 s:\n"
                            + tail(home.resolve("karaf-console.out"), 40));
                }
                Thread.sleep(50);
            }
        }
        log("Karaf started: script pid %d, JVM pid %d", script.pid(), java.pid());
    }

    /**
     * The JVM that bin/karaf runs (as a child, or itself when it execs java). Linux shows only the first 4096
     * characters of a command line, so the JVM is recognised by its -Dkaraf.home option, which comes before the
     * long class path (the script's short {@code java -version} check has none).
     */
    private Optional<ProcessHandle> karafJvm() {
        return Stream.concat(Stream.of(script.toHandle()), script.descendants())
                .filter(h -> h.info().command().orElse("").endsWith("java"))
                .filter(h -> h.info().commandLine().orElse("").contains("-Dkaraf.home="))
                .findFirst();
    }

    /** SIGKILL of the Karaf JVM, then of the script; the embedded postmaster survives, reparented. */
    void kill() throws Exception {
        ProcessHandle jvm = java;
        jvm.destroyForcibly();
        if (jvm.onExit().toCompletableFuture().completeOnTimeout(null, 30, TimeUnit.SECONDS).join() == null
                && jvm.isAlive()) {
            fail("the Karaf JVM (pid " + jvm.pid() + ") survived SIGKILL for 30 s");
        }
        script.destroyForcibly();
        script.waitFor(30, TimeUnit.SECONDS);
    }

    /** A clean stop (SIGTERM: Karaf's shutdown hook stops the framework and the embedded PostgreSQL). */
    void stop() throws Exception {
        long t0 = System.nanoTime();
        java.destroy();
        boolean exited = java.onExit().toCompletableFuture().completeOnTimeout(null, 90, TimeUnit.SECONDS).join() != null;
        script.waitFor(30, TimeUnit.SECONDS);
        assertThat(exited).as("Karaf (pid %d) stopped within 90 s of SIGTERM", java.pid()).isTrue();
        log("Karaf stopped cleanly in %.1f s", (System.nanoTime() - t0) / 1e9);
    }

    /** The postmaster of db/pgdata is gone after the clean stop; one that lingers is stopped (SIGINT) and reported. */
    void assertPostgresStopped() throws Exception {
        Optional<ProcessHandle> pg = postmaster();
        if (pg.isEmpty()) {
            log("embedded PostgreSQL stopped with Karaf (no live postmaster for db/pgdata)");
            return;
        }
        boolean exited = pg.get().onExit().toCompletableFuture().completeOnTimeout(null, 30, TimeUnit.SECONDS).join() != null;
        if (!exited) {
            interrupt(pg.get());
            fail("the embedded PostgreSQL (pid " + pg.get().pid() + ") was still running 30 s after Karaf stopped;"
                    + " it was sent SIGINT");
        }
    }

    /** The live postgres process named by db/pgdata/postmaster.pid, if any. */
    Optional<ProcessHandle> postmaster() throws IOException {
        Path pidFile = home.resolve("db/pgdata/postmaster.pid");
        if (!Files.isRegularFile(pidFile)) {
            return Optional.empty();
        }
        List<String> lines = Files.readAllLines(pidFile, StandardCharsets.UTF_8);
        if (lines.isEmpty() || !lines.get(0).trim().matches("\\d+")) {
            return Optional.empty();
        }
        return ProcessHandle.of(Long.parseLong(lines.get(0).trim())).filter(ProcessHandle::isAlive)
                .filter(h -> h.info().command().map(c -> c.contains("postgres")).orElse(true));
    }

    /**
     * Stops the embedded PostgreSQL under the running platform (SIGINT: PostgreSQL's fast shutdown, which ends open
     * connections and rolls back open transactions) and waits until it has exited. Returns its command line (from
     * {@code postmaster.opts}) for {@link #startPostgres(List)}.
     */
    List<String> stopPostgres() throws Exception {
        Path data = home.resolve("db/pgdata");
        List<String> command = new ArrayList<>();
        Matcher m = Pattern.compile("\"([^\"]*)\"|(\\S+)").matcher(Files.readString(data.resolve("postmaster.opts")));
        while (m.find()) {
            command.add(m.group(1) != null ? m.group(1) : m.group(2));
        }
        ProcessHandle pg = postmaster().orElseThrow(() -> new AssertionError("no live postmaster for " + data));
        interrupt(pg);
        if (pg.onExit().toCompletableFuture().completeOnTimeout(null, 60, TimeUnit.SECONDS).join() == null) {
            fail("PostgreSQL (pid " + pg.pid() + ") did not stop within 60 s of SIGINT");
        }
        return command;
    }

    /** Starts PostgreSQL again with the command line {@link #stopPostgres()} returned; waits until it answers. */
    void startPostgres(List<String> command) throws Exception {
        List<String> line = new ArrayList<>();
        if ("root".equals(System.getProperty("user.name"))) {
            line.addAll(List.of("unshare", "-U"));   // PostgreSQL refuses root; the embedded server starts the same way
        }
        line.addAll(command);
        new ProcessBuilder(line).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(folder.resolve("postgres-restarted.log").toFile())).start();
        await("PostgreSQL to answer again", Duration.ofSeconds(60), () -> {
            try (Connection c = connect(); Statement s = c.createStatement()) {
                return s.execute("SELECT 1");
            } catch (SQLException e) {
                return false;
            }
        });
    }

    /** Last resort (failure, or the test JVM exiting): kill what is left of this Karaf and its PostgreSQL. */
    void emergencyStop() {
        try {
            if (java == null && script != null && script.isAlive()) {
                java = karafJvm().orElse(null);
            }
            if (java != null && java.isAlive()) {
                java.destroyForcibly();
                java.onExit().toCompletableFuture().completeOnTimeout(null, 30, TimeUnit.SECONDS).join();
            }
            if (script != null && script.isAlive()) {
                script.destroyForcibly();
            }
            Optional<ProcessHandle> pg = postmaster();
            if (pg.isPresent()) {
                interrupt(pg.get());
                pg.get().onExit().toCompletableFuture().completeOnTimeout(null, 30, TimeUnit.SECONDS).join();
            }
        } catch (Exception e) {
            System.err.println("[" + tag + "] emergency stop failed: " + e);
        }
    }

    private static void interrupt(ProcessHandle process) throws IOException, InterruptedException {
        new ProcessBuilder("kill", "-INT", Long.toString(process.pid())).inheritIO().start().waitFor();
    }

    void assertAlive(String when) {
        if (java != null && !java.isAlive()) {
            fail("the Karaf JVM (pid " + java.pid() + ") died by itself " + when + ":\n"
                    + tail(home.resolve("karaf-console.out"), 40));
        }
    }

    // ------------------------------------------------------------------------------------------------------------
    // The console

    /** {@link #console(String, Duration)} with a 90 s timeout. */
    String console(String command) throws Exception {
        return console(command, CONSOLE_TIMEOUT);
    }

    /**
     * Runs one console command over ssh with the distribution's {@code bin/client}, as the user {@code strela} whose
     * password the platform writes to {@code etc/strela-console.password} at its first start, and returns what the
     * command printed. Fails when the client does not end within the timeout or ends with an error status.
     */
    String console(String command, Duration timeout) throws Exception {
        Path passwordFile = home.resolve("etc/strela-console.password");
        if (!Files.isRegularFile(passwordFile)) {
            fail("no " + passwordFile + " (the platform writes it at its first start)");
        }
        String password = Files.readAllLines(passwordFile, StandardCharsets.UTF_8).get(0).trim();
        ProcessBuilder pb = new ProcessBuilder(home.resolve("bin/client").toString(), "-a", Integer.toString(sshPort),
                "-u", "strela", "-p", password, "-b")
                .directory(home.toFile())
                .redirectErrorStream(true);
        pb.environment().put("JAVA_HOME", System.getProperty("java.home"));
        pb.environment().remove("JAVA_OPTS");
        pb.environment().remove("KARAF_OPTS");
        // a short-lived client: quick to start on a busy machine
        pb.environment().put("EXTRA_JAVA_OPTS", "-XX:TieredStopAtLevel=1 -XX:+UseSerialGC");
        Process client = pb.start();
        CompletableFuture<String> output = CompletableFuture.supplyAsync(() -> readAll(client.getInputStream()));
        try (OutputStream in = client.getOutputStream()) {
            in.write((command + "\n").getBytes(StandardCharsets.UTF_8));
        }
        if (!client.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
            client.descendants().forEach(ProcessHandle::destroyForcibly);
            client.destroyForcibly();
            fail("console command '" + command + "' did not end within " + timeout + "; printed so far:\n"
                    + output.completeOnTimeout("", 5, TimeUnit.SECONDS).join());
        }
        String out = output.get(30, TimeUnit.SECONDS);
        if (client.exitValue() != 0) {
            throw new AssertionError("console command '" + command + "': bin/client exited with " + client.exitValue()
                    + ":\n" + out);
        }
        return out;
    }

    /**
     * Runs a console command, again every second until the timeout while the platform is still starting (ssh not up,
     * the command, its service or the database not there yet), and returns what it printed at last.
     */
    String consoleWhenReady(String command, Duration timeout) throws Exception {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            assertAlive("while running '" + command + "'");
            String answer;
            try {
                answer = console(command);
                if (!NOT_READY.matcher(answer).find()) {
                    return answer;
                }
            } catch (AssertionError e) {
                answer = e.getMessage();
            }
            if (System.nanoTime() > deadline) {
                fail("console command '" + command + "' not answered within " + timeout + "; last answer:\n" + answer
                        + "\n" + logDigest());
            }
            Thread.sleep(1000);
        }
    }

    private static String readAll(InputStream in) {
        try {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    // ------------------------------------------------------------------------------------------------------------
    // The database

    Connection connect() throws SQLException {
        Properties p = new Properties();
        p.setProperty("user", "postgres");
        p.setProperty("ApplicationName", tag);
        p.setProperty("connectTimeout", "5");
        p.setProperty("socketTimeout", "60");
        Connection c = new org.postgresql.Driver().connect(jdbcUrl, p);
        if (c == null) {
            throw new SQLException("driver refused " + jdbcUrl);
        }
        return c;
    }

    long count(String sql) {
        try (Connection c = connect(); Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        } catch (SQLException e) {
            throw new AssertionError("query failed: " + sql + ": " + e, e);
        }
    }

    /** Until the server accepts connections and the execution tables exist. */
    void awaitDatabase(Duration timeout) throws Exception {
        long deadline = System.nanoTime() + timeout.toNanos();
        String last = "";
        while (true) {
            assertAlive("while waiting for the database");
            try (Connection c = connect(); Statement s = c.createStatement();
                 ResultSet rs = s.executeQuery("SELECT to_regclass('public.decisions') IS NOT NULL"
                         + " AND to_regclass('public.live_orders') IS NOT NULL")) {
                rs.next();
                if (rs.getBoolean(1)) {
                    return;
                }
                last = "schema not migrated yet";
            } catch (SQLException e) {
                last = e.getMessage();
            }
            if (System.nanoTime() > deadline) {
                fail("database " + jdbcUrl + " not ready after " + timeout + " (last: " + last + "); " + logDigest());
            }
            Thread.sleep(200);
        }
    }

    interface Condition {
        boolean holds() throws Exception;
    }

    void await(String what, Duration timeout, Condition condition) throws Exception {
        long deadline = System.nanoTime() + timeout.toNanos();
        String last = "";
        while (true) {
            assertAlive("while waiting for " + what);
            try {
                if (condition.holds()) {
                    return;
                }
            } catch (Exception | AssertionError e) {
                last = " (last: " + e.getMessage() + ")";
            }
            if (System.nanoTime() > deadline) {
                fail("timed out after " + timeout + " waiting for " + what + last + "; " + logDigest());
            }
            Thread.sleep(100);
        }
    }

    /** A read of the database that may throw {@link SQLException}. */
    interface Read<T> {
        T from(Connection c) throws SQLException;
    }

    /**
     * Right after a kill: once the killed JVM's connections are gone from PostgreSQL (their open transactions rolled
     * back), the read against the postmaster the JVM left running. Empty when the database cannot be reached.
     */
    <T> Optional<T> readAfterKill(Read<T> read) throws Exception {
        try (Connection c = connect()) {
            awaitKilledConnectionsClosed(c);
            return Optional.of(read.from(c));
        } catch (SQLException e) {
            log("database not reachable right after the kill: %s", e.getMessage());
            return Optional.empty();
        }
    }

    private static void awaitKilledConnectionsClosed(Connection c) throws SQLException, InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        while (true) {
            int left;
            try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery(
                    "SELECT count(*) FROM pg_stat_activity WHERE application_name = 'strela' AND pid <> pg_backend_pid()")) {
                rs.next();
                left = rs.getInt(1);
            }
            if (left == 0) {
                return;
            }
            if (System.nanoTime() > deadline) {
                fail(left + " connection(s) of the killed JVM still open in PostgreSQL 20 s after the SIGKILL");
            }
            Thread.sleep(20);
        }
    }

    /** Starts a read-only REPEATABLE READ transaction: what follows reads one consistent snapshot until rollback. */
    static void beginSnapshot(Connection c) throws SQLException {
        c.setAutoCommit(false);
        c.setTransactionIsolation(Connection.TRANSACTION_REPEATABLE_READ);
        c.setReadOnly(true);
    }

    /** Fails listing the first 30 violations, if there are any. */
    static void assertNoViolations(String when, String rules, List<String> violations) {
        if (!violations.isEmpty()) {
            StringBuilder message = new StringBuilder(when + ": " + violations.size() + " violation(s) of " + rules + ":");
            violations.stream().limit(30).forEach(s -> message.append("\n  ").append(s));
            if (violations.size() > 30) {
                message.append("\n  ... and ").append(violations.size() - 30).append(" more");
            }
            fail(message.toString());
        }
    }

    // ------------------------------------------------------------------------------------------------------------
    // Distribution, configuration, files, logs

    private static Path distribution() {
        String version = System.getProperty("project.version", "0.1.0-SNAPSHOT");
        Path repo = Path.of(System.getProperty("org.ops4j.pax.url.mvn.localRepository",
                System.getProperty("user.home") + "/.m2/repository"));
        Path dist = repo.resolve("dev/strela/strela-distribution/" + version + "/strela-distribution-" + version + ".tar.gz");
        assertThat(dist).as("the distribution (a test dependency of this module)").isRegularFile();
        return dist;
    }

    private static Path unpack(Path tarGz, Path folder) throws Exception {
        Files.createDirectories(folder);
        Process tar = new ProcessBuilder("tar", "-xzf", tarGz.toString(), "-C", folder.toString())
                .redirectErrorStream(true).start();
        String out = new String(tar.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(tar.waitFor()).as("tar -xzf %s: %s", tarGz, out).isZero();
        try (Stream<Path> children = Files.list(folder)) {
            return children.filter(p -> Files.isRegularFile(p.resolve("bin/karaf"))).findFirst()
                    .orElseThrow(() -> new AssertionError("no bin/karaf in the unpacked " + tarGz));
        }
    }

    /** Sets {@code key = value} in a .cfg file, replacing an uncommented line for the key or appending one. */
    private static void setProperty(Path file, String key, String value) throws IOException {
        List<String> lines = Files.exists(file) ? new ArrayList<>(Files.readAllLines(file, StandardCharsets.UTF_8))
                : new ArrayList<>();
        Pattern line = Pattern.compile("^\\s*" + Pattern.quote(key) + "\\s*[=:].*$");
        boolean replaced = false;
        for (int i = 0; i < lines.size(); i++) {
            if (line.matcher(lines.get(i)).matches()) {
                lines.set(i, key + " = " + value);
                replaced = true;
                break;
            }
        }
        if (!replaced) {
            lines.add(key + " = " + value);
        }
        Files.write(file, lines, StandardCharsets.UTF_8);
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Logs what karaf.log says about errors (reported, not failed on: refusals are logged as warnings by design). */
    void scanKarafLog() throws IOException {
        Path dir = home.resolve("data/log");
        if (!Files.isDirectory(dir)) {
            log("no data/log folder");
            return;
        }
        List<String> errors = new ArrayList<>();
        int warnings = 0;
        Map<String, Integer> warningKinds = new TreeMap<>();
        try (Stream<Path> files = Files.list(dir)) {
            for (Path f : files.sorted().toList()) {
                for (String l : Files.readAllLines(f, StandardCharsets.ISO_8859_1)) {
                    if (l.contains("| ERROR |")) {
                        errors.add(f.getFileName() + ": " + l);
                    } else if (l.contains("| WARN  |")) {
                        warnings++;
                        String[] fields = l.split("\\|", 6);
                        String what = fields.length == 6 ? fields[3].trim() + ": " + fields[5].trim() : l;
                        // one kind per logger and message shape: numbers and ids blanked, cut after 80 characters
                        what = what.replaceAll("[0-9a-f]{8}-[0-9a-f-]{27}", "<uuid>").replaceAll("\\d+", "N");
                        warningKinds.merge(what.length() > 80 ? what.substring(0, 80) : what, 1, Integer::sum);
                    }
                }
            }
        }
        log("karaf.log: %d ERROR line(s), %d WARN line(s)", errors.size(), warnings);
        warningKinds.forEach((what, n) -> log("  WARN x%d %s", n, what));
        errors.stream().limit(20).forEach(l -> log("  %s", l.length() > 400 ? l.substring(0, 400) + "..." : l));
    }

    /** For failure messages: how many ERROR entries karaf.log has, and the last one with its causes. */
    String logDigest() {
        Path file = home.resolve("data/log/karaf.log");
        try {
            if (!Files.isRegularFile(file)) {
                return "no " + file;
            }
            List<String> lines = Files.readAllLines(file, StandardCharsets.ISO_8859_1);
            int errors = 0;
            int last = -1;
            for (int i = 0; i < lines.size(); i++) {
                if (lines.get(i).contains("| ERROR |")) {
                    errors++;
                    last = i;
                }
            }
            if (last < 0) {
                return file + " has no ERROR entries; its last lines:\n" + tail(file, 15);
            }
            StringBuilder digest = new StringBuilder(file + " has " + errors + " ERROR entries; the last one:\n")
                    .append(lines.get(last));
            for (int i = last + 1; i < lines.size() && !lines.get(i).matches("^\\d{4}-\\d\\d-\\d\\d.*"); i++) {
                String l = lines.get(i);
                if (i == last + 1 || l.startsWith("Caused by")) {
                    digest.append("\n").append(l);
                }
            }
            return digest.toString();
        } catch (IOException e) {
            return "cannot read " + file + ": " + e;
        }
    }

    private static String tail(Path file, int lines) {
        try {
            if (!Files.isRegularFile(file)) {
                return "(no " + file + ")";
            }
            List<String> all = Files.readAllLines(file, StandardCharsets.ISO_8859_1);
            return String.join("\n", all.subList(Math.max(0, all.size() - lines), all.size()));
        } catch (IOException e) {
            return "(cannot read " + file + ": " + e + ")";
        }
    }

    private static void deleteRecursively(Path folder) throws IOException {
        if (!Files.exists(folder)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(folder)) {
            for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }

    void log(String format, Object... args) {
        log(tag, format, args);
    }

    static void log(String tag, String format, Object... args) {
        System.out.println("[" + tag + "] " + String.format(format, args));
    }
}
