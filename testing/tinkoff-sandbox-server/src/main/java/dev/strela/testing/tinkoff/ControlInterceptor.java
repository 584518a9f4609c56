package dev.strela.testing.tinkoff;

import java.time.Clock;
import java.time.Duration;
import java.util.UUID;

import dev.strela.testing.tinkoff.internal.ApiError;
import io.grpc.ForwardingServerCall;
import io.grpc.Metadata;
import io.grpc.ServerCall;
import io.grpc.ServerCallHandler;
import io.grpc.ServerInterceptor;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;

/**
 * Sits in front of every service: records the call, stamps an {@code x-tracking-id} as Tinkoff does, checks the
 * token when one is required, and plays the next step of the method's {@link FaultScript}.
 */
final class ControlInterceptor implements ServerInterceptor {
    static final Metadata.Key<String> TRACKING_ID = Metadata.Key.of("x-tracking-id", Metadata.ASCII_STRING_MARSHALLER);
    static final Metadata.Key<String> AUTHORIZATION = Metadata.Key.of("authorization", Metadata.ASCII_STRING_MARSHALLER);

    private final Clock clock;
    private final RequestLog log;
    private final FaultScript faults;
    private volatile String requiredAuthorization;

    ControlInterceptor(Clock clock, RequestLog log, FaultScript faults) {
        this.clock = clock;
        this.log = log;
        this.faults = faults;
    }

    void requireToken(String token) {
        requiredAuthorization = token == null ? null : "Bearer " + token;
    }

    @Override
    public <Q, A> ServerCall.Listener<Q> interceptCall(ServerCall<Q, A> call, Metadata headers,
                                                       ServerCallHandler<Q, A> next) {
        String method = call.getMethodDescriptor().getFullMethodName();
        log.record(method, clock.instant(), headers);
        ServerCall<Q, A> tracked = new TrackedCall<>(call);
        String required = requiredAuthorization;
        if (required != null && !required.equals(headers.get(AUTHORIZATION))) {
            return refuse(tracked, ApiError.UNAUTHENTICATED.exception().toStatusException());
        }
        FaultScript.Fault fault = faults.next(method);
        if (fault == null) {
            return next.startCall(tracked, headers);
        }
        return switch (fault.kind()) {
            case PASS -> next.startCall(tracked, headers);
            case FAIL -> refuse(tracked, fault.exception());
            case DELAY -> next.startCall(new DelayedCall<>(tracked, fault.delay()), headers);
            case HOLD -> {
                hold(fault.delay());
                yield next.startCall(tracked, headers);
            }
            case APPLY_THEN_FAIL -> next.startCall(new FailingCall<>(tracked, fault.exception()), headers);
        };
    }

    /**
     * Waits before the call is handed to its service. gRPC starts a call on the server's executor, one call per
     * thread, and keeps the call's request messages until it has started, so only this call waits.
     */
    private static void hold(Duration delay) {
        try {
            Thread.sleep(delay.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static <Q, A> ServerCall.Listener<Q> refuse(ServerCall<Q, A> call, StatusRuntimeException error) {
        call.close(error.getStatus(), error.getTrailers() == null ? new Metadata() : error.getTrailers());
        return new ServerCall.Listener<>() {
        };
    }

    /** Adds the tracking id to the response headers, or to the trailers when no headers were sent. */
    private static final class TrackedCall<Q, A> extends ForwardingServerCall.SimpleForwardingServerCall<Q, A> {
        private final String trackingId = UUID.randomUUID().toString();
        private boolean headersSent;

        TrackedCall(ServerCall<Q, A> call) {
            super(call);
        }

        @Override
        public void sendHeaders(Metadata headers) {
            headers.put(TRACKING_ID, trackingId);
            headersSent = true;
            super.sendHeaders(headers);
        }

        @Override
        public void close(Status status, Metadata trailers) {
            if (!headersSent) {
                trailers.put(TRACKING_ID, trackingId);
            }
            super.close(status, trailers);
        }
    }

    /** Holds back the first thing the handler sends (headers, message or close) for a while. */
    private static final class DelayedCall<Q, A> extends ForwardingServerCall.SimpleForwardingServerCall<Q, A> {
        private final Duration delay;
        private boolean waited;

        DelayedCall(ServerCall<Q, A> call, Duration delay) {
            super(call);
            this.delay = delay;
        }

        private void waitOnce() {
            if (waited) {
                return;
            }
            waited = true;
            try {
                Thread.sleep(delay.toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }

        @Override
        public void sendHeaders(Metadata headers) {
            waitOnce();
            super.sendHeaders(headers);
        }

        @Override
        public void sendMessage(A message) {
            waitOnce();
            super.sendMessage(message);
        }

        @Override
        public void close(Status status, Metadata trailers) {
            waitOnce();
            super.close(status, trailers);
        }
    }

    /** Lets the handler do its work but replaces a successful answer with an error. */
    private static final class FailingCall<Q, A> extends ForwardingServerCall.SimpleForwardingServerCall<Q, A> {
        private final StatusRuntimeException failure;

        FailingCall(ServerCall<Q, A> call, StatusRuntimeException failure) {
            super(call);
            this.failure = failure;
        }

        @Override
        public void sendMessage(A message) {
            // swallowed: the client must not learn the result
        }

        @Override
        public void close(Status status, Metadata trailers) {
            if (status.isOk()) {
                Metadata failureTrailers = failure.getTrailers();
                if (failureTrailers != null) {
                    trailers.merge(failureTrailers);
                }
                super.close(failure.getStatus(), trailers);
            } else {
                super.close(status, trailers);
            }
        }
    }
}
