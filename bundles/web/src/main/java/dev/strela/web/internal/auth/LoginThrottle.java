package dev.strela.web.internal.auth;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Slows down password guessing: after {@code maxFailures} failed sign-ins in a row, a user name is refused for
 * {@code lock}, whatever the password. A success clears the count. Kept in memory (a restart forgets it).
 */
public final class LoginThrottle {

    private record Failures(int count, Instant lockedUntil) {
    }

    private final int maxFailures;
    private final Duration lock;
    private final Clock clock;
    private final ConcurrentHashMap<String, Failures> failures = new ConcurrentHashMap<>();

    public LoginThrottle(int maxFailures, Duration lock, Clock clock) {
        this.maxFailures = Math.max(1, maxFailures);
        this.lock = lock;
        this.clock = clock;
    }

    /** True while the user name is locked out. */
    public boolean locked(String user) {
        Failures f = failures.get(key(user));
        return f != null && f.lockedUntil() != null && clock.instant().isBefore(f.lockedUntil());
    }

    /** Signs in through {@code authenticator} unless locked; counts the outcome. */
    public boolean attempt(String user, char[] password, Authenticator authenticator) {
        if (locked(user)) {
            return false;
        }
        boolean ok = authenticator.authenticate(user, password);
        if (ok) {
            failures.remove(key(user));
        } else {
            failures.compute(key(user), (k, f) -> {
                int count = (f == null || f.lockedUntil() != null ? 0 : f.count()) + 1;
                return new Failures(count, count >= maxFailures ? clock.instant().plus(lock) : null);
            });
        }
        return ok;
    }

    private static String key(String user) {
        return user == null ? "" : user.trim().toLowerCase(Locale.ROOT);
    }
}
