package dev.strela.testing.tinkoff.internal;

import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;

import dev.strela.testing.tinkoff.TestInstrument;
import io.grpc.Status;
import io.grpc.stub.ServerCallStreamObserver;
import io.grpc.stub.StreamObserver;
import ru.tinkoff.piapi.contract.v1.CandleInstrument;
import ru.tinkoff.piapi.contract.v1.CandleSubscription;
import ru.tinkoff.piapi.contract.v1.Candle;
import ru.tinkoff.piapi.contract.v1.InfoSubscription;
import ru.tinkoff.piapi.contract.v1.LastPrice;
import ru.tinkoff.piapi.contract.v1.LastPriceSubscription;
import ru.tinkoff.piapi.contract.v1.MarketDataRequest;
import ru.tinkoff.piapi.contract.v1.MarketDataResponse;
import ru.tinkoff.piapi.contract.v1.OrderBookSubscription;
import ru.tinkoff.piapi.contract.v1.SubscribeCandlesRequest;
import ru.tinkoff.piapi.contract.v1.SubscribeCandlesResponse;
import ru.tinkoff.piapi.contract.v1.SubscribeInfoResponse;
import ru.tinkoff.piapi.contract.v1.SubscribeLastPriceRequest;
import ru.tinkoff.piapi.contract.v1.SubscribeLastPriceResponse;
import ru.tinkoff.piapi.contract.v1.SubscribeOrderBookResponse;
import ru.tinkoff.piapi.contract.v1.SubscribeTradesResponse;
import ru.tinkoff.piapi.contract.v1.SubscriptionAction;
import ru.tinkoff.piapi.contract.v1.SubscriptionInterval;
import ru.tinkoff.piapi.contract.v1.SubscriptionStatus;
import ru.tinkoff.piapi.contract.v1.TradeSubscription;

/**
 * One MarketDataStream call: its candle and last-price subscriptions, answered as Tinkoff does with one status per
 * instrument. Order book, trades and trading-status subscriptions are acknowledged but never fed. Every send is
 * serialized on this object, because a gRPC stream must not be written from two threads at once.
 */
final class MarketDataSession implements StreamObserver<MarketDataRequest> {
    private final ServerCallStreamObserver<MarketDataResponse> call;
    private final InstrumentRegistry instruments;
    private final Consumer<String> candleSubscribed;
    private final Consumer<MarketDataSession> ended;
    private final Map<String, Boolean> candleWaitingClose = new LinkedHashMap<>();
    private final Set<String> lastPrices = new HashSet<>();
    private boolean silent;

    MarketDataSession(ServerCallStreamObserver<MarketDataResponse> call, InstrumentRegistry instruments,
                      Consumer<String> candleSubscribed, Consumer<MarketDataSession> ended) {
        this.call = call;
        this.instruments = instruments;
        this.candleSubscribed = candleSubscribed;
        this.ended = ended;
    }

    @Override
    public synchronized void onNext(MarketDataRequest request) {
        MarketDataResponse.Builder answer = MarketDataResponse.newBuilder();
        switch (request.getPayloadCase()) {
            case SUBSCRIBE_CANDLES_REQUEST -> answer.setSubscribeCandlesResponse(candles(request.getSubscribeCandlesRequest()));
            case SUBSCRIBE_LAST_PRICE_REQUEST -> answer.setSubscribeLastPriceResponse(lastPrices(request.getSubscribeLastPriceRequest()));
            case GET_MY_SUBSCRIPTIONS -> answer.setSubscribeCandlesResponse(mySubscriptions());
            case SUBSCRIBE_ORDER_BOOK_REQUEST -> {
                SubscribeOrderBookResponse.Builder books = SubscribeOrderBookResponse.newBuilder().setTrackingId(MarketDataFeed.trackingId());
                request.getSubscribeOrderBookRequest().getInstrumentsList().forEach(i -> books.addOrderBookSubscriptions(
                        OrderBookSubscription.newBuilder().setFigi(i.getInstrumentId()).setDepth(i.getDepth())
                                .setSubscriptionStatus(known(i.getInstrumentId()))));
                answer.setSubscribeOrderBookResponse(books);
            }
            case SUBSCRIBE_TRADES_REQUEST -> {
                SubscribeTradesResponse.Builder trades = SubscribeTradesResponse.newBuilder().setTrackingId(MarketDataFeed.trackingId());
                request.getSubscribeTradesRequest().getInstrumentsList().forEach(i -> trades.addTradeSubscriptions(
                        TradeSubscription.newBuilder().setFigi(i.getInstrumentId()).setSubscriptionStatus(known(i.getInstrumentId()))));
                answer.setSubscribeTradesResponse(trades);
            }
            case SUBSCRIBE_INFO_REQUEST -> {
                SubscribeInfoResponse.Builder info = SubscribeInfoResponse.newBuilder().setTrackingId(MarketDataFeed.trackingId());
                request.getSubscribeInfoRequest().getInstrumentsList().forEach(i -> info.addInfoSubscriptions(
                        InfoSubscription.newBuilder().setFigi(i.getInstrumentId()).setSubscriptionStatus(known(i.getInstrumentId()))));
                answer.setSubscribeInfoResponse(info);
            }
            default -> {
                return;
            }
        }
        send(answer.build());
    }

    private SubscribeCandlesResponse candles(SubscribeCandlesRequest request) {
        SubscribeCandlesResponse.Builder answer = SubscribeCandlesResponse.newBuilder().setTrackingId(MarketDataFeed.trackingId());
        for (CandleInstrument wanted : request.getInstrumentsList()) {
            String id = wanted.getInstrumentId().isEmpty() ? wanted.getFigi() : wanted.getInstrumentId();
            Optional<TestInstrument> instrument = instruments.find(id);
            CandleSubscription.Builder status = CandleSubscription.newBuilder()
                    .setFigi(instrument.map(TestInstrument::figi).orElse(id))
                    .setInstrumentUid(instrument.map(TestInstrument::uid).orElse(""))
                    .setInterval(wanted.getInterval())
                    .setWaitingClose(request.getWaitingClose())
                    .setSubscriptionStatus(candleStatus(request, wanted, instrument));
            answer.addCandlesSubscriptions(status);
        }
        return answer.build();
    }

    private SubscriptionStatus candleStatus(SubscribeCandlesRequest request, CandleInstrument wanted,
                                            Optional<TestInstrument> instrument) {
        if (instrument.isEmpty()) {
            return SubscriptionStatus.SUBSCRIPTION_STATUS_INSTRUMENT_NOT_FOUND;
        }
        if (wanted.getInterval() != SubscriptionInterval.SUBSCRIPTION_INTERVAL_ONE_MINUTE) {
            return SubscriptionStatus.SUBSCRIPTION_STATUS_INTERVAL_IS_INVALID;
        }
        String uid = instrument.get().uid();
        if (request.getSubscriptionAction() == SubscriptionAction.SUBSCRIPTION_ACTION_SUBSCRIBE) {
            candleWaitingClose.put(uid, request.getWaitingClose());
            candleSubscribed.accept(uid);
            return SubscriptionStatus.SUBSCRIPTION_STATUS_SUCCESS;
        }
        if (request.getSubscriptionAction() == SubscriptionAction.SUBSCRIPTION_ACTION_UNSUBSCRIBE) {
            return candleWaitingClose.remove(uid) != null
                    ? SubscriptionStatus.SUBSCRIPTION_STATUS_SUCCESS
                    : SubscriptionStatus.SUBSCRIPTION_STATUS_SUBSCRIPTION_NOT_FOUND;
        }
        return SubscriptionStatus.SUBSCRIPTION_STATUS_SUBSCRIPTION_ACTION_IS_INVALID;
    }

    private SubscribeCandlesResponse mySubscriptions() {
        SubscribeCandlesResponse.Builder answer = SubscribeCandlesResponse.newBuilder().setTrackingId(MarketDataFeed.trackingId());
        candleWaitingClose.forEach((uid, waitingClose) -> instruments.find(uid).ifPresent(i ->
                answer.addCandlesSubscriptions(CandleSubscription.newBuilder()
                        .setFigi(i.figi()).setInstrumentUid(uid)
                        .setInterval(SubscriptionInterval.SUBSCRIPTION_INTERVAL_ONE_MINUTE)
                        .setWaitingClose(waitingClose)
                        .setSubscriptionStatus(SubscriptionStatus.SUBSCRIPTION_STATUS_SUCCESS))));
        return answer.build();
    }

    private SubscribeLastPriceResponse lastPrices(SubscribeLastPriceRequest request) {
        SubscribeLastPriceResponse.Builder answer = SubscribeLastPriceResponse.newBuilder().setTrackingId(MarketDataFeed.trackingId());
        request.getInstrumentsList().forEach(wanted -> {
            String id = wanted.getInstrumentId().isEmpty() ? wanted.getFigi() : wanted.getInstrumentId();
            Optional<TestInstrument> instrument = instruments.find(id);
            SubscriptionStatus status = lastPriceStatus(request.getSubscriptionAction(), instrument);
            answer.addLastPriceSubscriptions(LastPriceSubscription.newBuilder()
                    .setFigi(instrument.map(TestInstrument::figi).orElse(id))
                    .setInstrumentUid(instrument.map(TestInstrument::uid).orElse(""))
                    .setSubscriptionStatus(status));
        });
        return answer.build();
    }

    private SubscriptionStatus lastPriceStatus(SubscriptionAction action, Optional<TestInstrument> instrument) {
        if (instrument.isEmpty()) {
            return SubscriptionStatus.SUBSCRIPTION_STATUS_INSTRUMENT_NOT_FOUND;
        }
        String uid = instrument.get().uid();
        if (action == SubscriptionAction.SUBSCRIPTION_ACTION_SUBSCRIBE) {
            lastPrices.add(uid);
            return SubscriptionStatus.SUBSCRIPTION_STATUS_SUCCESS;
        }
        if (action == SubscriptionAction.SUBSCRIPTION_ACTION_UNSUBSCRIBE) {
            return lastPrices.remove(uid)
                    ? SubscriptionStatus.SUBSCRIPTION_STATUS_SUCCESS
                    : SubscriptionStatus.SUBSCRIPTION_STATUS_SUBSCRIPTION_NOT_FOUND;
        }
        return SubscriptionStatus.SUBSCRIPTION_STATUS_SUBSCRIPTION_ACTION_IS_INVALID;
    }

    private SubscriptionStatus known(String id) {
        return instruments.find(id).isPresent()
                ? SubscriptionStatus.SUBSCRIPTION_STATUS_SUCCESS
                : SubscriptionStatus.SUBSCRIPTION_STATUS_INSTRUMENT_NOT_FOUND;
    }

    synchronized void sendCandle(String uid, Candle candle, boolean closed) {
        Boolean waitingClose = candleWaitingClose.get(uid);
        if (waitingClose != null && (closed || !waitingClose)) {
            send(MarketDataResponse.newBuilder().setCandle(candle).build());
        }
    }

    synchronized void sendLastPrice(String uid, LastPrice price) {
        if (lastPrices.contains(uid)) {
            send(MarketDataResponse.newBuilder().setLastPrice(price).build());
        }
    }

    synchronized boolean hasCandles(String uid) {
        return candleWaitingClose.containsKey(uid);
    }

    synchronized void silence() {
        silent = true;
    }

    synchronized void send(MarketDataResponse message) {
        if (silent || call.isCancelled()) {
            return;
        }
        try {
            call.onNext(message);
        } catch (RuntimeException closed) {
            ended.accept(this);
        }
    }

    synchronized void fail(Status status) {
        try {
            call.onError(status.asRuntimeException());
        } catch (RuntimeException alreadyClosed) {
            // the client went away first: nothing to tell it
        }
    }

    @Override
    public void onError(Throwable cause) {
        ended.accept(this);
    }

    @Override
    public synchronized void onCompleted() {
        ended.accept(this);
        try {
            call.onCompleted();
        } catch (RuntimeException alreadyClosed) {
            // the client cancelled at the same time
        }
    }
}
