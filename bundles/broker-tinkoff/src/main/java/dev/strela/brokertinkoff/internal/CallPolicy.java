package dev.strela.brokertinkoff.internal;

import java.time.Duration;
import java.util.concurrent.TimeUnit;

import io.grpc.CallOptions;
import io.grpc.Channel;
import io.grpc.ClientCall;
import io.grpc.ClientInterceptor;
import io.grpc.ForwardingClientCall;
import io.grpc.Metadata;
import io.grpc.MethodDescriptor;
import io.grpc.Status;

/**
 * What every call to Tinkoff carries: the token and the application name in its headers, a deadline (the SDK sets
 * none on a channel it did not build), and its place in the {@link RateBudget}, taken before it is sent. Streams get
 * no deadline and are not counted against a request budget.
 */
final class CallPolicy implements ClientInterceptor {

    private static final Metadata.Key<String> AUTHORIZATION = Metadata.Key.of("authorization", Metadata.ASCII_STRING_MARSHALLER);
    private static final Metadata.Key<String> APP_NAME = Metadata.Key.of("x-app-name", Metadata.ASCII_STRING_MARSHALLER);

    private final Token token;
    private final String appName;
    private final Duration deadline;
    private final RateBudget budget;

    CallPolicy(Token token, String appName, Duration deadline, RateBudget budget) {
        this.token = token;
        this.appName = appName;
        this.deadline = deadline;
        this.budget = budget;
    }

    @Override
    public <Q, R> ClientCall<Q, R> interceptCall(MethodDescriptor<Q, R> method, CallOptions options, Channel next) {
        CallOptions effective = options;
        if (method.getType() == MethodDescriptor.MethodType.UNARY) {
            try {
                budget.acquire(method.getFullMethodName());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw Status.CANCELLED.withDescription("interrupted while waiting for the rate budget").asRuntimeException();
            } catch (RateBudget.Exhausted e) {
                throw Status.RESOURCE_EXHAUSTED.withDescription("client rate budget: " + e.getMessage()).asRuntimeException();
            }
            if (options.getDeadline() == null) {
                effective = options.withDeadlineAfter(deadline.toMillis(), TimeUnit.MILLISECONDS);
            }
        }
        return new ForwardingClientCall.SimpleForwardingClientCall<>(next.newCall(method, effective)) {
            @Override
            public void start(Listener<R> listener, Metadata headers) {
                headers.put(AUTHORIZATION, "Bearer " + token.value());
                headers.put(APP_NAME, appName);
                super.start(listener, headers);
            }
        };
    }
}
