package dev.strela.brokertinkoff.internal;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

/**
 * The client-side request budget per Tinkoff service: at most {@code limit} requests in any sliding minute, of which
 * a share is kept for calls that protect money (cancelling an order, placing or cancelling a stop order), so a burst
 * of entries can never use up the room a stop-loss needs. A call over its budget waits until the oldest request of the
 * window is a minute old; one that would wait longer than {@code maxWait} is refused instead.
 *
 * <p>Budgets are set below the quotas Tinkoff documents per service, so the server's own limit
 * ({@code RESOURCE_EXHAUSTED}) is a fault, not the normal way of being slowed down. Thread-safe.
 */
final class RateBudget {

    /** Time as the budget sees it, and how it waits: real in the platform, simulated in tests. */
    interface Time {
        long nanos();

        void sleep(Duration d) throws InterruptedException;

        Time SYSTEM = new Time() {
            @Override
            public long nanos() {
                return System.nanoTime();
            }

            @Override
            public void sleep(Duration d) throws InterruptedException {
                Thread.sleep(Math.max(1, d.toMillis()));
            }
        };
    }

    /** A call refused because its budget would not have room for it soon enough. */
    static final class Exhausted extends RuntimeException {
        private static final long serialVersionUID = 1L;

        Exhausted(String message) {
            super(message);
        }
    }

    static final Duration WINDOW = Duration.ofMinutes(1);

    private final Map<String, Window> windows = new LinkedHashMap<>();
    private final Time time;
    private final Duration maxWait;
    /** The window as this client counts it: a twentieth longer than the server's, for clock skew and transit. */
    private final long windowNanos;

    /**
     * @param limits        requests per minute per budget key (see {@link #key(String)}); a key not listed has no budget
     * @param reserveShare  share of each limit kept for protective calls, 0 to 0.5
     */
    RateBudget(Map<String, Integer> limits, double reserveShare, Duration maxWait, Time time) {
        this(limits, reserveShare, maxWait, time, WINDOW);
    }

    /** With a window other than a minute (tests run a burst through a short one in real time). */
    RateBudget(Map<String, Integer> limits, double reserveShare, Duration maxWait, Time time, Duration window) {
        this.windowNanos = window.toNanos() + window.toNanos() / 20;
        if (!(reserveShare >= 0 && reserveShare <= 0.5)) {
            throw new IllegalArgumentException("reserveShare: 0 to 0.5 expected, was " + reserveShare);
        }
        this.time = Objects.requireNonNull(time, "time");
        this.maxWait = Objects.requireNonNull(maxWait, "maxWait");
        limits.forEach((key, limit) -> {
            if (limit == null || limit < 2) {
                throw new IllegalArgumentException("limit of " + key + ": at least 2 per minute expected, was " + limit);
            }
            int reserve = (int) Math.ceil(limit * reserveShare);
            windows.put(key, new Window(limit, Math.min(reserve, limit - 1)));
        });
    }

    /**
     * The budget key of a gRPC method ({@code tinkoff.public.invest.api.contract.v1.OrdersService/PostOrder} is
     * {@code orders}); null for a method whose service has no budget.
     */
    static String key(String fullMethodName) {
        int slash = fullMethodName.indexOf('/');
        String service = slash < 0 ? fullMethodName : fullMethodName.substring(0, slash);
        service = service.substring(service.lastIndexOf('.') + 1);
        if (!service.endsWith("Service")) {
            return null;
        }
        String base = service.substring(0, service.length() - "Service".length());
        StringBuilder snake = new StringBuilder();
        for (int i = 0; i < base.length(); i++) {
            char c = base.charAt(i);
            if (Character.isUpperCase(c) && i > 0) {
                snake.append('_');
            }
            snake.append(Character.toLowerCase(c));
        }
        return snake.toString().toLowerCase(Locale.ROOT);
    }

    /** True for the calls the reserve is kept for: cancels, and placing a stop order. */
    static boolean protective(String fullMethodName) {
        String method = fullMethodName.substring(fullMethodName.indexOf('/') + 1);
        return method.startsWith("Cancel") || method.equals("PostStopOrder");
    }

    /** Takes one request of {@code fullMethodName}'s budget, waiting for room if needed. */
    void acquire(String fullMethodName) throws InterruptedException {
        String key = key(fullMethodName);
        Window window = key == null ? null : windows.get(key);
        if (window == null) {
            return;
        }
        boolean protective = protective(fullMethodName);
        long deadline = time.nanos() + maxWait.toNanos();
        while (true) {
            long wait;
            synchronized (window) {
                long now = time.nanos();
                window.expire(now, windowNanos);
                int allowed = protective ? window.limit : window.limit - window.reserve;
                if (window.sent.size() < allowed) {
                    window.sent.addLast(now);
                    return;
                }
                // room comes when enough of the oldest requests leave the window
                long oldestThatMustLeave = window.nth(window.sent.size() - allowed);
                wait = oldestThatMustLeave + windowNanos - now;
            }
            if (time.nanos() + wait > deadline) {
                throw new Exhausted("rate budget '" + key + "' (" + window.limit + "/min, " + window.reserve
                        + " kept for cancels and stop orders) has no room within " + maxWait.toMillis() + " ms for "
                        + fullMethodName);
            }
            time.sleep(Duration.ofNanos(Math.max(wait, 1_000_000)));
        }
    }

    /** Requests of {@code key} in the current window (for status and tests). */
    int used(String key) {
        Window window = windows.get(key);
        if (window == null) {
            return 0;
        }
        synchronized (window) {
            window.expire(time.nanos(), windowNanos);
            return window.sent.size();
        }
    }

    /** Parses {@code "orders=80, stop_orders=40"}; throws {@link IllegalArgumentException} naming the bad part. */
    static Map<String, Integer> parseLimits(String text) {
        Map<String, Integer> limits = new LinkedHashMap<>();
        for (String part : text.split(",")) {
            String p = part.trim();
            if (p.isEmpty()) {
                continue;
            }
            int eq = p.indexOf('=');
            if (eq <= 0) {
                throw new IllegalArgumentException("rate limit '" + p + "': service=requests per minute expected");
            }
            try {
                limits.put(p.substring(0, eq).trim(), Integer.parseInt(p.substring(eq + 1).trim()));
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("rate limit '" + p + "': not a whole number of requests per minute");
            }
        }
        return limits;
    }

    /** One budget's sliding window: when each request in it was sent, oldest first. */
    private static final class Window {
        final int limit;
        final int reserve;
        final Deque<Long> sent = new ArrayDeque<>();

        Window(int limit, int reserve) {
            this.limit = limit;
            this.reserve = reserve;
        }

        void expire(long now, long windowNanos) {
            while (!sent.isEmpty() && now - sent.peekFirst() >= windowNanos) {
                sent.removeFirst();
            }
        }

        long nth(int index) {
            int i = 0;
            for (long t : sent) {
                if (i++ == index) {
                    return t;
                }
            }
            throw new IllegalStateException("index " + index + " of " + sent.size());
        }
    }
}
