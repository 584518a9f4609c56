package dev.strela.testing.tinkoff;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import io.grpc.Metadata;
import io.grpc.MethodDescriptor;

/**
 * Every call the server received, in arrival order, with its time and text headers: enough to assert which token
 * a client sent, how often it called a method, and that it never exceeded a rate limit over any sliding window.
 * Calls refused by an injected fault or a wrong token are recorded too, as Tinkoff counts them against the limit.
 * Thread-safe.
 */
public final class RequestLog {
    private final List<RecordedRequest> requests = new ArrayList<>();

    synchronized void record(String fullMethodName, Instant time, Metadata headers) {
        Map<String, String> text = new HashMap<>();
        for (String key : headers.keys()) {
            if (!key.endsWith(Metadata.BINARY_HEADER_SUFFIX)) {
                text.put(key, headers.get(Metadata.Key.of(key, Metadata.ASCII_STRING_MARSHALLER)));
            }
        }
        requests.add(new RecordedRequest(fullMethodName, time, text));
    }

    public synchronized List<RecordedRequest> all() {
        return List.copyOf(requests);
    }

    public synchronized List<RecordedRequest> of(MethodDescriptor<?, ?> method) {
        return requests.stream().filter(r -> r.fullMethodName().equals(method.getFullMethodName())).toList();
    }

    public int count(MethodDescriptor<?, ?> method) {
        return of(method).size();
    }

    /** Calls to any method of a service, e.g. {@code countService(OrdersServiceGrpc.SERVICE_NAME)}. */
    public synchronized int countService(String serviceName) {
        return (int) requests.stream().filter(r -> r.service().equals(serviceName)).count();
    }

    /**
     * The largest number of calls to the service that fell within any interval {@code [t, t + window)}: compare it
     * with Tinkoff's per-minute limit to prove a client throttles itself.
     */
    public synchronized int maxPerWindow(String serviceName, Duration window) {
        List<Instant> times = requests.stream().filter(r -> r.service().equals(serviceName))
                .map(RecordedRequest::time).sorted().toList();
        int best = 0;
        int first = 0;
        for (int last = 0; last < times.size(); last++) {
            while (!times.get(first).plus(window).isAfter(times.get(last))) {
                first++;
            }
            best = Math.max(best, last - first + 1);
        }
        return best;
    }

    /** The header as sent on the latest call that carried it. */
    public synchronized Optional<String> lastHeader(String name) {
        for (int i = requests.size() - 1; i >= 0; i--) {
            Optional<String> value = requests.get(i).header(name);
            if (value.isPresent()) {
                return value;
            }
        }
        return Optional.empty();
    }

    public synchronized void clear() {
        requests.clear();
    }
}
