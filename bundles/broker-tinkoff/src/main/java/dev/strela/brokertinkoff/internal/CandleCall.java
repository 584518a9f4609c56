package dev.strela.brokertinkoff.internal;

import java.util.List;
import java.util.concurrent.BlockingQueue;

import io.grpc.Channel;
import io.grpc.stub.ClientCallStreamObserver;
import io.grpc.stub.StreamObserver;

import ru.tinkoff.piapi.contract.v1.CandleInstrument;
import ru.tinkoff.piapi.contract.v1.GetMySubscriptions;
import ru.tinkoff.piapi.contract.v1.MarketDataRequest;
import ru.tinkoff.piapi.contract.v1.MarketDataResponse;
import ru.tinkoff.piapi.contract.v1.MarketDataStreamServiceGrpc;
import ru.tinkoff.piapi.contract.v1.SubscribeCandlesRequest;
import ru.tinkoff.piapi.contract.v1.SubscriptionAction;
import ru.tinkoff.piapi.contract.v1.SubscriptionInterval;

/**
 * One MarketDataStream call, over the contract's own stub (the SDK 1.6's wrapper does not report a stream the server
 * ends normally): everything the server sends, and how it ends, goes into a queue as {@link Event}s stamped with the
 * call's generation, so that what an old call still delivers after it was replaced is told apart. Requests (the
 * subscription, a probe, the cancel) are sent by one thread, the candle stream's.
 */
final class CandleCall {

    /**
     * What a call delivered: a message, or its end (an error, or none when the server completed it).
     *
     * @param generation the call's number, higher for each new call
     */
    record Event(long generation, MarketDataResponse message, Throwable error) {

        boolean isEnd() {
            return message == null;
        }
    }

    private final ClientCallStreamObserver<MarketDataRequest> requests;

    private CandleCall(ClientCallStreamObserver<MarketDataRequest> requests) {
        this.requests = requests;
    }

    /** Opens the call on {@code channel} (which carries the token and app name); nothing is subscribed yet. */
    static CandleCall open(Channel channel, long generation, BlockingQueue<Event> events) {
        StreamObserver<MarketDataResponse> responses = new StreamObserver<>() {
            @Override
            public void onNext(MarketDataResponse message) {
                events.add(new Event(generation, message, null));
            }

            @Override
            public void onError(Throwable error) {
                events.add(new Event(generation, null, error));
            }

            @Override
            public void onCompleted() {
                events.add(new Event(generation, null, null));
            }
        };
        return new CandleCall((ClientCallStreamObserver<MarketDataRequest>) MarketDataStreamServiceGrpc.newStub(channel)
                .marketDataStream(responses));
    }

    /** Subscribes the instruments (uid or figi) to finished 1-minute candles: {@code waiting_close = true}. */
    void subscribe(List<String> instrumentIds) {
        SubscribeCandlesRequest.Builder subscribe = SubscribeCandlesRequest.newBuilder()
                .setSubscriptionAction(SubscriptionAction.SUBSCRIPTION_ACTION_SUBSCRIBE)
                .setWaitingClose(true);
        for (String id : instrumentIds) {
            subscribe.addInstruments(CandleInstrument.newBuilder().setInstrumentId(id)
                    .setInterval(SubscriptionInterval.SUBSCRIPTION_INTERVAL_ONE_MINUTE));
        }
        requests.onNext(MarketDataRequest.newBuilder().setSubscribeCandlesRequest(subscribe).build());
    }

    /** Asks the server for this stream's subscriptions: a live stream answers at once, a dead one does not. */
    void probe() {
        requests.onNext(MarketDataRequest.newBuilder().setGetMySubscriptions(GetMySubscriptions.getDefaultInstance()).build());
    }

    /** Ends the call from this side (its end still arrives as an event, of a generation no longer listened to). */
    void cancel() {
        requests.cancel("the candle stream is replaced or stopped", null);
    }
}
