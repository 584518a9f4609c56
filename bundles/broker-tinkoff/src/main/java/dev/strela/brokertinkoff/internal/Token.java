package dev.strela.brokertinkoff.internal;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.util.EnumSet;
import java.util.Map;
import java.util.Set;

/**
 * The Tinkoff API token. It comes from an environment variable, or else from a file only its owner may read; it is
 * never printed: {@link #toString()} shows a mask, and the value leaves this object only to go into the
 * {@code Authorization} header.
 */
final class Token {

    /** Permissions that make a token file readable by someone other than its owner. */
    private static final Set<PosixFilePermission> TOO_OPEN = EnumSet.of(PosixFilePermission.GROUP_READ,
            PosixFilePermission.GROUP_WRITE, PosixFilePermission.OTHERS_READ, PosixFilePermission.OTHERS_WRITE,
            PosixFilePermission.GROUP_EXECUTE, PosixFilePermission.OTHERS_EXECUTE);

    private final String value;
    private final String origin;

    private Token(String value, String origin) {
        this.value = value;
        this.origin = origin;
    }

    /**
     * The token from {@code env[envName]} when set, else from {@code file}. Throws {@link IllegalStateException} with
     * what to do when there is none, the file is readable by others, or it is empty.
     */
    static Token load(String envName, Map<String, String> env, Path file) {
        String fromEnv = envName == null || envName.isBlank() ? null : env.get(envName);
        if (fromEnv != null && !fromEnv.isBlank()) {
            return new Token(fromEnv.trim(), "environment variable " + envName);
        }
        if (file == null || !Files.isRegularFile(file)) {
            throw new IllegalStateException("no Tinkoff token: set the environment variable " + envName
                    + " or put the token in " + file + " (chmod 600)");
        }
        try {
            Set<PosixFilePermission> permissions = Files.getPosixFilePermissions(file);
            Set<PosixFilePermission> open = EnumSet.noneOf(PosixFilePermission.class);
            open.addAll(permissions);
            open.retainAll(TOO_OPEN);
            if (!open.isEmpty()) {
                throw new IllegalStateException("the token file " + file + " may be read by others (" + open
                        + "): the token is not used; chmod 600 " + file);
            }
        } catch (UnsupportedOperationException noPosix) {
            // not a POSIX file system: the check cannot be made here
        } catch (IOException e) {
            throw new IllegalStateException("the token file " + file + " cannot be checked: " + e.getMessage(), e);
        }
        String text;
        try {
            text = Files.readString(file, StandardCharsets.UTF_8).trim();
        } catch (IOException e) {
            throw new IllegalStateException("the token file " + file + " cannot be read: " + e.getMessage(), e);
        }
        if (text.isEmpty() || text.contains("\n")) {
            throw new IllegalStateException("the token file " + file + " must hold the token on one line, and nothing else");
        }
        return new Token(text, "file " + file);
    }

    static Token of(String value, String origin) {
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException("token: empty");
        }
        return new Token(value.trim(), origin);
    }

    /** The value, for the {@code Authorization} header only. */
    String value() {
        return value;
    }

    /** Where the token came from, safe to print. */
    String origin() {
        return origin;
    }

    /** Replaces every occurrence of the token in {@code text} with the mask (for messages that might echo it). */
    String redact(String text) {
        return text == null ? null : text.replace(value, toString());
    }

    @Override
    public String toString() {
        return "t.****";
    }
}
