package dev.strela.brokertinkoff.internal;

import java.time.Duration;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.Callable;

import io.grpc.Metadata;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import ru.tinkoff.piapi.core.exception.ApiRuntimeException;

/**
 * Runs one call to Tinkoff, repeating it on the failures that may pass (the network, the server being unavailable or
 * slow, the server's rate limit) with exponential backoff and full jitter: before attempt {@code n + 1} it waits a
 * random time up to {@code min(max, initial * 2^(n-1))}, or until the server's rate-limit window resets when it said
 * so ({@code x-ratelimit-reset}). Anything else (a rejected order, a bad argument, no permission) is not repeated. After
 * the last attempt the failure is thrown as {@link Failure}, with everything the server said.
 */
final class Retrier {

    /** gRPC codes worth another attempt. */
    static final Set<Status.Code> RETRYABLE = Set.of(Status.Code.UNAVAILABLE, Status.Code.DEADLINE_EXCEEDED,
            Status.Code.RESOURCE_EXHAUSTED, Status.Code.INTERNAL, Status.Code.ABORTED, Status.Code.UNKNOWN);
    private static final Metadata.Key<String> RATELIMIT_RESET = Metadata.Key.of("x-ratelimit-reset", Metadata.ASCII_STRING_MARSHALLER);
    private static final Logger LOG = LoggerFactory.getLogger(Retrier.class);

    /** The call failed for good: after its last attempt, or at once when the failure cannot pass. */
    static final class Failure extends Exception {
        private static final long serialVersionUID = 1L;
        private final transient Status.Code status;
        private final String tinkoffCode;
        private final int attempts;
        private final boolean retryable;

        Failure(String message, Status.Code status, String tinkoffCode, int attempts, boolean retryable, Throwable cause) {
            super(message, cause);
            this.status = status;
            this.tinkoffCode = tinkoffCode;
            this.attempts = attempts;
            this.retryable = retryable;
        }

        /** The gRPC status code, or null when the failure was not a gRPC status. */
        Status.Code status() {
            return status;
        }

        /** Tinkoff's own error code (e.g. 30079), or empty. */
        String tinkoffCode() {
            return tinkoffCode;
        }

        int attempts() {
            return attempts;
        }

        /** True when the failure was of a kind that may pass (the attempts ran out). */
        boolean retryable() {
            return retryable;
        }
    }

    /** How the retrier waits: real in the platform, recorded in tests. */
    interface Sleeper {
        void sleep(Duration d) throws InterruptedException;
    }

    private final int maxAttempts;
    private final Duration initial;
    private final Duration max;
    private final Random random;
    private final Sleeper sleeper;

    Retrier(int maxAttempts, Duration initial, Duration max, Random random, Sleeper sleeper) {
        if (maxAttempts < 1) {
            throw new IllegalArgumentException("maxAttempts: at least 1, was " + maxAttempts);
        }
        if (initial.isNegative() || initial.isZero() || max.compareTo(initial) < 0) {
            throw new IllegalArgumentException("backoff: 0 < initial <= max expected, was " + initial + " .. " + max);
        }
        this.maxAttempts = maxAttempts;
        this.initial = initial;
        this.max = max;
        this.random = random;
        this.sleeper = sleeper;
    }

    <T> T call(String what, Callable<T> call) throws Failure, InterruptedException {
        for (int attempt = 1; ; attempt++) {
            try {
                return call.call();
            } catch (InterruptedException e) {
                throw e;
            } catch (Exception e) {
                Optional<Status> status = status(e);
                boolean retryable = status.map(s -> RETRYABLE.contains(s.getCode())).orElse(false);
                if (!retryable || attempt >= maxAttempts) {
                    throw new Failure(describe(what, e, attempt, retryable), status.map(Status::getCode).orElse(null),
                            tinkoffCode(e), attempt, retryable, e);
                }
                Duration pause = pause(attempt, e);
                LOG.warn("{}: attempt {} of {} failed ({}); next in {} ms", what, attempt, maxAttempts,
                        describe(e), pause.toMillis());
                sleeper.sleep(pause);
            }
        }
    }

    /**
     * Waits {@code pause} the way this retrier waits between attempts: for whoever repeats something other than one
     * call (a stream subscribed again) with this retrier's {@link #pause backoff}.
     */
    void sleep(Duration pause) throws InterruptedException {
        sleeper.sleep(pause);
    }

    /**
     * Full jitter over the exponential step, or the server's reset time for its rate limit, whichever is longer;
     * {@code e} may be null (no exception, e.g. a silent stream).
     */
    Duration pause(int attempt, Throwable e) {
        long ceiling = Math.min(max.toMillis(), initial.toMillis() << Math.min(attempt - 1, 20));
        long jittered = (long) (random.nextDouble() * ceiling) + 1;
        long reset = resetMillis(e);
        return Duration.ofMillis(Math.max(jittered, reset));
    }

    static Optional<Status> status(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof StatusRuntimeException sre) {
                return Optional.of(sre.getStatus());
            }
            if (t instanceof io.grpc.StatusException se) {
                return Optional.of(se.getStatus());
            }
            if (t instanceof ApiRuntimeException api && api.getThrowable() != null && api.getThrowable() != t) {
                Optional<Status> inner = status(api.getThrowable());
                if (inner.isPresent()) {
                    return inner;
                }
            }
        }
        return Optional.empty();
    }

    private static String tinkoffCode(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof ApiRuntimeException api && api.getCode() != null) {
                return api.getCode();
            }
        }
        Optional<Status> status = status(e);
        return status.map(Status::getDescription).filter(d -> d != null && d.matches("\\d{5}.*"))
                .map(d -> d.substring(0, 5)).orElse("");
    }

    private static long resetMillis(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
            Metadata trailers = t instanceof StatusRuntimeException sre ? sre.getTrailers()
                    : t instanceof ApiRuntimeException api ? api.getMetadata() : null;
            if (trailers != null && trailers.get(RATELIMIT_RESET) != null) {
                try {
                    return Math.min(60_000, Long.parseLong(trailers.get(RATELIMIT_RESET).trim()) * 1000);
                } catch (NumberFormatException ignored) {
                    return 0;
                }
            }
        }
        return 0;
    }

    private static String describe(String what, Throwable e, int attempts, boolean retryable) {
        return what + " failed" + (retryable ? " after " + attempts + " attempt(s)" : "") + ": " + describe(e);
    }

    /** Everything the server said: gRPC code and description, Tinkoff's code and message, the tracking id. */
    static String describe(Throwable e) {
        StringBuilder b = new StringBuilder();
        status(e).ifPresent(s -> b.append(s.getCode()).append(s.getDescription() == null ? "" : " " + s.getDescription()));
        for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof ApiRuntimeException api) {
                if (b.length() > 0) {
                    b.append("; ");
                }
                b.append("tinkoff code ").append(api.getCode()).append(": ").append(api.getMessage());
                if (api.getTrackingId() != null && !api.getTrackingId().isBlank()) {
                    b.append(" (tracking id ").append(api.getTrackingId()).append(')');
                }
                break;
            }
        }
        return b.length() == 0 ? e.toString() : b.toString();
    }
}
