package dev.strela.testing.tinkoff;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.Map;

import dev.strela.testing.tinkoff.internal.ApiError;
import dev.strela.testing.tinkoff.internal.ApiException;
import io.grpc.MethodDescriptor;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;

/**
 * Scripted answers per RPC method: each call to the method takes the next step of its script; when the script is
 * used up the method answers normally again. Steps are appended in order:
 * <pre>{@code
 * server.faults().on(OrdersServiceGrpc.getPostOrderMethod())
 *         .fail(Status.Code.UNAVAILABLE, 2)      // two refusals, nothing applied
 *         .applyThenFail(Status.Code.UNAVAILABLE) // the order is placed, the client hears UNAVAILABLE
 *         .delay(Duration.ofSeconds(2))           // applied, answered late (past the client's deadline)
 *         .hold(Duration.ofMillis(300))           // handled late: what the test changes meanwhile is in the answer
 *         .reject("30079");                       // INVALID_ARGUMENT with Tinkoff's code
 * }</pre>
 * An error carries the Tinkoff code in the status description (where the SDK reads it) and a text in the
 * {@code message} trailer. Without an explicit code, RESOURCE_EXHAUSTED carries 80002, INTERNAL 70001 and
 * UNAUTHENTICATED 40003, as Tinkoff sends them; other statuses carry none. Thread-safe.
 */
public final class FaultScript {
    private final Map<String, Deque<Fault>> scripts = new HashMap<>();

    public MethodFaults on(MethodDescriptor<?, ?> method) {
        return new MethodFaults(method.getFullMethodName());
    }

    /** Steps not yet used for the method. */
    public synchronized int pending(MethodDescriptor<?, ?> method) {
        Deque<Fault> script = scripts.get(method.getFullMethodName());
        return script == null ? 0 : script.size();
    }

    public synchronized void clear() {
        scripts.clear();
    }

    synchronized Fault next(String fullMethodName) {
        Deque<Fault> script = scripts.get(fullMethodName);
        return script == null ? null : script.pollFirst();
    }

    private synchronized void append(String fullMethodName, Fault fault, int times) {
        if (times < 1) {
            throw new IllegalArgumentException("times must be at least 1: times=" + times);
        }
        Deque<Fault> script = scripts.computeIfAbsent(fullMethodName, k -> new ArrayDeque<>());
        for (int i = 0; i < times; i++) {
            script.addLast(fault);
        }
    }

    /** The script of one method; every call appends steps and returns this. */
    public final class MethodFaults {
        private final String method;

        private MethodFaults(String method) {
            this.method = method;
        }

        /** Refuse the next call with the status (and its default Tinkoff code, if any); nothing is applied. */
        public MethodFaults fail(Status.Code code) {
            return fail(code, 1);
        }

        /** Refuse the next {@code times} calls with the status; nothing is applied. */
        public MethodFaults fail(Status.Code code, int times) {
            append(method, Fault.fail(code, defaultCode(code)), times);
            return this;
        }

        /** Refuse the next call with the status and the given Tinkoff code in its description. */
        public MethodFaults fail(Status.Code code, String tinkoffCode) {
            append(method, Fault.fail(code, tinkoffCode), 1);
            return this;
        }

        /**
         * Refuse the next call as Tinkoff would with this code: the status kind known for it (e.g. 30079 is
         * INVALID_ARGUMENT, 50002 NOT_FOUND), INVALID_ARGUMENT for a code this server does not know.
         */
        public MethodFaults reject(String tinkoffCode) {
            Status.Code code = ApiError.byCode(tinkoffCode).map(ApiError::status).orElse(Status.Code.INVALID_ARGUMENT);
            append(method, Fault.fail(code, tinkoffCode), 1);
            return this;
        }

        /** Run the next call normally but hold its answer back for {@code delay}, e.g. past the client's deadline. */
        public MethodFaults delay(Duration delay) {
            append(method, Fault.delay(delay), 1);
            return this;
        }

        /**
         * Hold the next call back for {@code delay} before the server handles it, then run it normally: unlike
         * {@link #delay(Duration)}, which handles the call at once and holds back its answer, what the test changes
         * during the hold (a candle loaded, a price moved) is in the answer.
         */
        public MethodFaults hold(Duration delay) {
            append(method, Fault.hold(delay), 1);
            return this;
        }

        /** Run the next call normally (an order is placed) but answer it with this status instead of the result. */
        public MethodFaults applyThenFail(Status.Code code) {
            append(method, Fault.applyThenFail(code, defaultCode(code)), 1);
            return this;
        }

        /** Let the next call through untouched (to put a normal answer between faults). */
        public MethodFaults pass() {
            append(method, Fault.PASS, 1);
            return this;
        }
    }

    private static String defaultCode(Status.Code code) {
        return switch (code) {
            case RESOURCE_EXHAUSTED -> ApiError.REQUEST_LIMIT_EXCEEDED.code();
            case INTERNAL -> ApiError.INTERNAL.code();
            case UNAUTHENTICATED -> ApiError.UNAUTHENTICATED.code();
            default -> null;
        };
    }

    /** One step of a script. */
    record Fault(Kind kind, Status.Code code, String tinkoffCode, Duration delay) {
        enum Kind { PASS, FAIL, DELAY, HOLD, APPLY_THEN_FAIL }

        static final Fault PASS = new Fault(Kind.PASS, Status.Code.OK, null, Duration.ZERO);

        static Fault fail(Status.Code code, String tinkoffCode) {
            return new Fault(Kind.FAIL, code, tinkoffCode, Duration.ZERO);
        }

        static Fault delay(Duration delay) {
            return new Fault(Kind.DELAY, Status.Code.OK, null, delay);
        }

        static Fault hold(Duration delay) {
            return new Fault(Kind.HOLD, Status.Code.OK, null, delay);
        }

        static Fault applyThenFail(Status.Code code, String tinkoffCode) {
            return new Fault(Kind.APPLY_THEN_FAIL, code, tinkoffCode, Duration.ZERO);
        }

        StatusRuntimeException exception() {
            String text = tinkoffCode == null ? "injected fault"
                    : ApiError.byCode(tinkoffCode).map(ApiError::message).orElse("injected fault");
            return ApiException.statusException(code, tinkoffCode, text);
        }
    }
}
