package dev.strela.testing.tinkoff.internal;

import java.math.BigDecimal;
import java.time.Clock;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArraySet;
import java.util.concurrent.atomic.AtomicInteger;

import dev.strela.testing.tinkoff.StreamDropMode;
import dev.strela.testing.tinkoff.TestCandle;
import dev.strela.testing.tinkoff.TestInstrument;
import io.grpc.Status;
import io.grpc.stub.ServerCallStreamObserver;
import io.grpc.stub.StreamObserver;
import ru.tinkoff.piapi.contract.v1.Candle;
import ru.tinkoff.piapi.contract.v1.LastPrice;
import ru.tinkoff.piapi.contract.v1.MarketDataRequest;
import ru.tinkoff.piapi.contract.v1.MarketDataResponse;
import ru.tinkoff.piapi.contract.v1.MarketDataServerSideStreamRequest;
import ru.tinkoff.piapi.contract.v1.Ping;
import ru.tinkoff.piapi.contract.v1.SubscriptionInterval;

/**
 * The open MarketDataStream calls, their subscriptions, and what the test pushes to them; thread-safe. Counts
 * every successful candle subscription per instrument, so a test can see a client subscribe again after a drop.
 */
public final class MarketDataFeed {
    private final InstrumentRegistry instruments;
    private final Clock clock;
    private final Set<MarketDataSession> sessions = new CopyOnWriteArraySet<>();
    private final AtomicInteger opened = new AtomicInteger();
    private final Map<String, AtomicInteger> candleSubscriptions = new ConcurrentHashMap<>();

    public MarketDataFeed(InstrumentRegistry instruments, Clock clock) {
        this.instruments = instruments;
        this.clock = clock;
    }

    /** A bidirectional MarketDataStream call; returns the observer of the client's requests. */
    public StreamObserver<MarketDataRequest> open(StreamObserver<MarketDataResponse> responses) {
        return register(responses);
    }

    /** MarketDataServerSideStream: the subscriptions come once, in the request. */
    public void openServerSide(MarketDataServerSideStreamRequest request, StreamObserver<MarketDataResponse> responses) {
        MarketDataSession session = register(responses);
        if (request.hasSubscribeCandlesRequest()) {
            session.onNext(MarketDataRequest.newBuilder().setSubscribeCandlesRequest(request.getSubscribeCandlesRequest()).build());
        }
        if (request.hasSubscribeLastPriceRequest()) {
            session.onNext(MarketDataRequest.newBuilder().setSubscribeLastPriceRequest(request.getSubscribeLastPriceRequest()).build());
        }
    }

    private MarketDataSession register(StreamObserver<MarketDataResponse> responses) {
        ServerCallStreamObserver<MarketDataResponse> call = (ServerCallStreamObserver<MarketDataResponse>) responses;
        MarketDataSession session = new MarketDataSession(call, instruments, this::countSubscription, sessions::remove);
        call.setOnCancelHandler(() -> sessions.remove(session));
        sessions.add(session);
        opened.incrementAndGet();
        return session;
    }

    private void countSubscription(String uid) {
        candleSubscriptions.computeIfAbsent(uid, k -> new AtomicInteger()).incrementAndGet();
    }

    /** Sends a candle to every stream subscribed to the instrument's one-minute candles. */
    public void pushCandle(TestInstrument instrument, TestCandle candle) {
        Candle message = Candle.newBuilder()
                .setFigi(instrument.figi())
                .setInstrumentUid(instrument.uid())
                .setInterval(SubscriptionInterval.SUBSCRIPTION_INTERVAL_ONE_MINUTE)
                .setOpen(Decimals.quotation(candle.open()))
                .setHigh(Decimals.quotation(candle.high()))
                .setLow(Decimals.quotation(candle.low()))
                .setClose(Decimals.quotation(candle.close()))
                .setVolume(candle.volume())
                .setTime(Times.timestamp(candle.time()))
                .setLastTradeTs(Times.timestamp(candle.closed() ? candle.time().plusSeconds(59) : candle.time()))
                .build();
        sessions.forEach(s -> s.sendCandle(instrument.uid(), message, candle.closed()));
    }

    /** Sends a last price to every stream subscribed to the instrument's last prices. */
    public void pushLastPrice(TestInstrument instrument, BigDecimal price) {
        LastPrice message = LastPrice.newBuilder()
                .setFigi(instrument.figi())
                .setInstrumentUid(instrument.uid())
                .setPrice(Decimals.quotation(price))
                .setTime(Times.timestamp(clock.instant()))
                .build();
        sessions.forEach(s -> s.sendLastPrice(instrument.uid(), message));
    }

    public void ping() {
        MarketDataResponse ping = MarketDataResponse.newBuilder()
                .setPing(Ping.newBuilder().setTime(Times.timestamp(clock.instant()))).build();
        sessions.forEach(s -> s.send(ping));
    }

    public void drop(StreamDropMode mode) {
        for (MarketDataSession session : sessions) {
            if (mode == StreamDropMode.UNAVAILABLE) {
                sessions.remove(session);
                session.fail(Status.UNAVAILABLE.withDescription("stream dropped by the test"));
            } else {
                session.silence();
            }
        }
    }

    public int openCount() {
        return sessions.size();
    }

    public int openedTotal() {
        return opened.get();
    }

    /** Successful one-minute candle subscriptions to the instrument since start, over all streams. */
    public int candleSubscriptionCount(String uid) {
        AtomicInteger count = candleSubscriptions.get(uid);
        return count == null ? 0 : count.get();
    }

    /** Open streams now subscribed to the instrument's one-minute candles. */
    public int activeCandleSubscriptions(String uid) {
        return (int) sessions.stream().filter(s -> s.hasCandles(uid)).count();
    }

    /** A fresh tracking id, as Tinkoff puts in every subscription answer. */
    static String trackingId() {
        return UUID.randomUUID().toString();
    }
}
