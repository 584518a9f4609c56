package dev.strela.web.internal.auth;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Slows down password guessing without letting a stranger lock the owner out. Sign-ins are counted by client address
 * (the TCP peer, {@code ServletRequest.getRemoteAddr()}) and user name, and by client address alone:
 * <ul>
 *   <li>after {@code maxFailures} failures of one name from one address, that address may not try that name for
 *       {@code lock} ({@link Scope#NAME});</li>
 *   <li>after {@value #ADDRESS_FACTOR} times as many failures from one address, whatever the names, that address may
 *       not sign in at all for {@code lock} ({@link Scope#ADDRESS}).</li>
 * </ul>
 * A lock holds only for its address: failures from one address never lock a name tried from another. A count is
 * forgotten {@code lock} after its last failure (so a lock lasts {@code lock}). A success forgets its address and
 * name's failures, and only takes its own attempt back from the address's count (signing in from an address someone
 * guesses from does not reset the guesser). Whether a name exists plays no part: every name is counted and refused
 * alike, before its password is checked.
 *
 * <p>Check and count are one step: {@link #reserve} counts an attempt as pending (refusing it when locked) before the
 * password is checked, and {@link #settle} turns it into a failure or takes it back. While failures and pending
 * attempts together reach a limit, further attempts wait for those in progress, and are refused ({@link Scope#BUSY})
 * only if they have not ended within {@link #BUSY_WAIT}: so N concurrent wrong guesses cannot all be checked while the
 * limit is N, and parallel requests with the right password still get through.
 *
 * <p>Memory: an entry exists only for an address (or address and name) with failures or attempts in progress, and is
 * dropped once expired. Entries are kept in the order of their last failure, which is the order they expire in, so
 * each {@link #reserve} drops the expired ones from the front. At most {@code maxEntries} (10,000) are kept. When that
 * many live entries exist, a sign-in that would need a new entry is refused ({@link Scope#FULL}): it fails closed, so
 * guesses are never let through uncounted, and a flood from that many addresses delays other new sign-ins by at most
 * {@code lock} after it stops. Open sessions are not affected.
 *
 * <p>Kept in memory (a restart forgets it). Behind a proxy or an SSH tunnel every client has the same address, and
 * shares its counts: there the address limit is the one that matters. {@code X-Forwarded-For} is not trusted.
 *
 * <p>Not final so that a test can count how often {@link AccessPolicy} asks it.
 */
public class LoginThrottle {

    /** How many times {@code maxFailures} one address may fail, across all names, before the address is locked. */
    public static final int ADDRESS_FACTOR = 4;
    static final int MAX_ENTRIES = 10_000;
    /** How long an attempt waits for those in progress from its address to end before it is refused as BUSY. */
    static final Duration BUSY_WAIT = Duration.ofSeconds(2);
    private static final Logger LOG = LoggerFactory.getLogger(LoginThrottle.class);

    /** What a refusal locks. */
    public enum Scope {
        NAME("too many failed sign-ins from this address for this user name"),
        ADDRESS("too many failed sign-ins from this address"),
        BUSY("too many sign-ins from this address at once"),
        FULL("too many addresses with failed sign-ins");

        private final String text;

        Scope(String text) {
            this.text = text;
        }
    }

    /** A refused sign-in: what is locked, and how long until it may be tried again. */
    public record Lock(Scope scope, Duration remaining) {

        /** Whole seconds to wait, at least 1. */
        public long seconds() {
            return Math.max(1, (remaining.toMillis() + 999) / 1000);
        }

        /** For people: what is locked and for how long; the same for every user name. */
        public String message() {
            return scope.text + ": try again in " + seconds() + " s";
        }
    }

    /** How a sign-in ended: {@code lock} is set when it was refused without checking the password. */
    public record Outcome(boolean signedIn, Lock lock) {
    }

    /** {@code user} null: the address alone. */
    private record Key(String address, String user) {
    }

    /** Guarded by the throttle's monitor. */
    private static final class Entry {
        int failures;
        int pending;
        Instant expires = Instant.MIN;

        boolean expired(Instant now) {
            return pending == 0 && !now.isBefore(expires);
        }
    }

    private final int maxFailures;
    private final int maxAddressFailures;
    private final Duration lock;
    private final Clock clock;
    private final int maxEntries;
    private final LinkedHashMap<Key, Entry> entries = new LinkedHashMap<>();
    private boolean full;

    /** {@code maxFailures} per address and user name; {@value #ADDRESS_FACTOR} times that per address. */
    public LoginThrottle(int maxFailures, Duration lock, Clock clock) {
        this(maxFailures, lock, clock, MAX_ENTRIES);
    }

    LoginThrottle(int maxFailures, Duration lock, Clock clock, int maxEntries) {
        this.maxFailures = Math.max(1, maxFailures);
        this.maxAddressFailures = (int) Math.min(Integer.MAX_VALUE, (long) ADDRESS_FACTOR * this.maxFailures);
        this.lock = lock;
        this.clock = clock;
        this.maxEntries = Math.max(2, maxEntries);
    }

    /** Checks the password through {@code authenticator} unless {@code address} (or it and {@code user}) is locked. */
    public Outcome attempt(String address, String user, char[] password, Authenticator authenticator) {
        Optional<Lock> refused = reserve(address, user);
        if (refused.isPresent()) {
            return new Outcome(false, refused.get());
        }
        boolean ok = false;
        try {
            ok = authenticator.authenticate(user, password);
        } finally {
            settle(address, user, ok);
        }
        return new Outcome(ok, null);
    }

    /**
     * Counts an attempt as pending, or says why it is refused. Each reservation must be {@link #settle settled}. While
     * only attempts in progress stand in the way ({@link Scope#BUSY}), it waits up to {@link #BUSY_WAIT} for them to
     * end: parallel requests with the right password get through one after another, wrong guesses meet the lock their
     * predecessors earned.
     */
    synchronized Optional<Lock> reserve(String address, String user) {
        long deadline = System.nanoTime() + BUSY_WAIT.toNanos();
        while (true) {
            Optional<Lock> refused = tryReserve(address, user);
            long left = deadline - System.nanoTime();
            if (refused.isEmpty() || refused.get().scope() != Scope.BUSY || left <= 0) {
                return refused;
            }
            try {
                TimeUnit.NANOSECONDS.timedWait(this, left);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return refused;
            }
        }
    }

    private Optional<Lock> tryReserve(String address, String user) {
        Instant now = clock.instant();
        dropExpired(now);
        Key byAddress = new Key(client(address), null);
        Key byName = new Key(client(address), name(user));
        Optional<Lock> refused = refusal(entries.get(byAddress), maxAddressFailures, Scope.ADDRESS, now)
                .or(() -> refusal(entries.get(byName), maxFailures, Scope.NAME, now));
        if (refused.isEmpty() && !room(byAddress, byName, now)) {
            refused = Optional.of(new Lock(Scope.FULL, lock));
        }
        if (refused.isPresent()) {
            return refused;
        }
        current(byAddress, now).pending++;
        current(byName, now).pending++;
        return Optional.empty();
    }

    /** Ends a reserved attempt: a failure is counted; a success forgets the address and name's failures. */
    synchronized void settle(String address, String user, boolean ok) {
        Instant now = clock.instant();
        settle(new Key(client(address), null), ok, false, maxAddressFailures, now);
        settle(new Key(client(address), name(user)), ok, ok, maxFailures, now);
        notifyAll();   // attempts waiting for this one to end
    }

    /** Entries held, for tests. */
    synchronized int size() {
        return entries.size();
    }

    private void settle(Key key, boolean ok, boolean forget, int limit, Instant now) {
        Entry e = current(key, now);
        e.pending = Math.max(0, e.pending - 1);
        if (forget) {
            e.failures = 0;
        }
        if (!ok) {
            e.failures++;
            e.expires = now.plus(lock);
            entries.remove(key);
            entries.put(key, e);
            if (e.failures == limit) {
                LOG.info("Web monitor: sign-ins from {} locked for {} s after {} failures ({})", key.address(),
                        lock.toSeconds(), limit, key.user() == null ? "any user name" : "one user name");
            }
        }
        if (e.failures == 0 && e.pending == 0) {
            entries.remove(key);
        }
    }

    private Optional<Lock> refusal(Entry e, int limit, Scope scope, Instant now) {
        if (e == null) {
            return Optional.empty();
        }
        int failures = now.isBefore(e.expires) ? e.failures : 0;
        if (failures >= limit) {
            return Optional.of(new Lock(scope, Duration.between(now, e.expires)));
        }
        boolean busy = failures + e.pending >= limit;
        return busy ? Optional.of(new Lock(Scope.BUSY, Duration.ofSeconds(1))) : Optional.empty();
    }

    /** Whether the keys an attempt needs fit; when full, drops every expired entry (not only those at the front). */
    private boolean room(Key byAddress, Key byName, Instant now) {
        int needed = (entries.containsKey(byAddress) ? 0 : 1) + (entries.containsKey(byName) ? 0 : 1);
        if (entries.size() + needed > maxEntries) {
            entries.values().removeIf(e -> e.expired(now));
            needed = (entries.containsKey(byAddress) ? 0 : 1) + (entries.containsKey(byName) ? 0 : 1);
        }
        boolean fits = entries.size() + needed <= maxEntries;
        if (full != !fits) {
            full = !fits;
            if (full) {
                LOG.warn("Web monitor: {} addresses and names with failed sign-ins held; sign-ins needing a new one are"
                        + " refused until some expire", maxEntries);
            }
        }
        return fits;
    }

    /** The key's entry (added last when new), its failures forgotten once their time has passed. */
    private Entry current(Key key, Instant now) {
        Entry e = entries.computeIfAbsent(key, k -> new Entry());
        if (!now.isBefore(e.expires)) {
            e.failures = 0;
        }
        return e;
    }

    private void dropExpired(Instant now) {
        Iterator<Entry> it = entries.values().iterator();
        while (it.hasNext() && it.next().expired(now)) {
            it.remove();
        }
    }

    private static String client(String address) {
        return address == null ? "" : address.trim().toLowerCase(Locale.ROOT);
    }

    private static String name(String user) {
        return user == null ? "" : user.trim().toLowerCase(Locale.ROOT);
    }
}
