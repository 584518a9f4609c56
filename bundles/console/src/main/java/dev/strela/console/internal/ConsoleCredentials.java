package dev.strela.console.internal;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.List;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Karaf ships no usable console user (every line of {@code etc/users.properties} is commented out) and we
 * never ship {@code karaf/karaf}. On the first start, when no user is defined, this creates the user
 * {@code strela} with a random password, written to {@code etc/strela-console.password} (readable by the
 * owner only). The password itself is never logged.
 */
@Component(immediate = true, service = ConsoleCredentials.class)
public final class ConsoleCredentials {

    static final String USER = "strela";
    static final String PASSWORD_FILE = "strela-console.password";
    static final String ROLES = "admin,manager,viewer,systembundles,ssh";
    private static final Logger LOG = LoggerFactory.getLogger(ConsoleCredentials.class);
    private static final String ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz23456789";

    @Activate
    public ConsoleCredentials() {
        String etc = System.getProperty("karaf.etc");
        if (etc == null) {
            LOG.warn("karaf.etc is not set: console credentials not checked");
            return;
        }
        try {
            ensureUser(Path.of(etc), new SecureRandom());
        } catch (IOException e) {
            LOG.error("Could not create the console user in {}: {}", etc, e.toString());
        }
    }

    /** Creates the user when {@code users.properties} defines none; returns true when it did. */
    static boolean ensureUser(Path etc, SecureRandom random) throws IOException {
        Path users = etc.resolve("users.properties");
        List<String> lines = Files.exists(users) ? Files.readAllLines(users, StandardCharsets.UTF_8) : List.of();
        if (lines.stream().anyMatch(ConsoleCredentials::definesUser)) {
            return false;
        }
        String password = password(random, 20);
        Path passwordFile = etc.resolve(PASSWORD_FILE);
        Files.deleteIfExists(passwordFile);
        Files.createFile(passwordFile, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        Files.writeString(passwordFile, password + System.lineSeparator(), StandardCharsets.UTF_8);
        Files.writeString(users, System.lineSeparator() + "# created by Strela on first start; password in etc/" + PASSWORD_FILE
                        + System.lineSeparator() + USER + " = " + password + "," + ROLES + System.lineSeparator(),
                StandardCharsets.UTF_8, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
        Files.setPosixFilePermissions(users, PosixFilePermissions.fromString("rw-------"));
        LOG.warn("Console user '{}' created with a generated password: read it from {} (bin/client -u {} -p ...)",
                USER, passwordFile, USER);
        return true;
    }

    /** A line like {@code name = password,roles} that is not a comment and not a group ({@code _g_:...}). */
    static boolean definesUser(String line) {
        String trimmed = line.trim();
        return !trimmed.isEmpty() && !trimmed.startsWith("#") && !trimmed.startsWith("!")
                && !trimmed.startsWith("_g_") && trimmed.contains("=");
    }

    static String password(SecureRandom random, int length) {
        StringBuilder sb = new StringBuilder(length);
        for (int i = 0; i < length; i++) {
            sb.append(ALPHABET.charAt(random.nextInt(ALPHABET.length())));
        }
        return sb.toString();
    }
}
