package dev.strela.testing.tinkoff.internal;

import java.time.Instant;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArraySet;
import java.util.concurrent.atomic.AtomicInteger;

import dev.strela.testing.tinkoff.StreamDropMode;
import io.grpc.Status;
import io.grpc.stub.ServerCallStreamObserver;
import io.grpc.stub.StreamObserver;
import ru.tinkoff.piapi.contract.v1.OrderTrades;
import ru.tinkoff.piapi.contract.v1.Ping;
import ru.tinkoff.piapi.contract.v1.TradesStreamRequest;
import ru.tinkoff.piapi.contract.v1.TradesStreamResponse;

/** The open OrdersStreamService.TradesStream calls and what is sent on them; thread-safe. */
public final class TradeFeed {
    private final Set<Subscriber> subscribers = new CopyOnWriteArraySet<>();
    private final AtomicInteger opened = new AtomicInteger();

    /** Registers a TradesStream call; an empty account list means every account. */
    public void open(TradesStreamRequest request, StreamObserver<TradesStreamResponse> observer) {
        ServerCallStreamObserver<TradesStreamResponse> call = (ServerCallStreamObserver<TradesStreamResponse>) observer;
        Subscriber subscriber = new Subscriber(call, Set.copyOf(request.getAccountsList()));
        call.setOnCancelHandler(() -> subscribers.remove(subscriber));
        subscribers.add(subscriber);
        opened.incrementAndGet();
    }

    void publish(OrderTrades trades) {
        TradesStreamResponse message = TradesStreamResponse.newBuilder().setOrderTrades(trades).build();
        for (Subscriber subscriber : subscribers) {
            if (subscriber.accounts.isEmpty() || subscriber.accounts.contains(trades.getAccountId())) {
                subscriber.send(message);
            }
        }
    }

    public void ping(Instant now) {
        TradesStreamResponse ping = TradesStreamResponse.newBuilder()
                .setPing(Ping.newBuilder().setTime(Times.timestamp(now))).build();
        subscribers.forEach(s -> s.send(ping));
    }

    public void drop(StreamDropMode mode) {
        for (Subscriber subscriber : subscribers) {
            if (mode == StreamDropMode.UNAVAILABLE) {
                subscribers.remove(subscriber);
                subscriber.fail(Status.UNAVAILABLE.withDescription("stream dropped by the test"));
            } else {
                subscriber.silent = true;
            }
        }
    }

    /** Streams open now, including silenced ones the client has not closed. */
    public int openCount() {
        return subscribers.size();
    }

    /** Streams opened since the server started. */
    public int openedTotal() {
        return opened.get();
    }

    private final class Subscriber {
        private final ServerCallStreamObserver<TradesStreamResponse> call;
        private final Set<String> accounts;
        private volatile boolean silent;

        Subscriber(ServerCallStreamObserver<TradesStreamResponse> call, Set<String> accounts) {
            this.call = call;
            this.accounts = accounts;
        }

        synchronized void send(TradesStreamResponse message) {
            if (silent || call.isCancelled()) {
                return;
            }
            try {
                call.onNext(message);
            } catch (RuntimeException closed) {
                subscribers.remove(this);
            }
        }

        synchronized void fail(Status status) {
            try {
                call.onError(status.asRuntimeException());
            } catch (RuntimeException alreadyClosed) {
                // the client went away first: nothing to tell it
            }
        }
    }
}
