package dev.strela.testing.tinkoff;

import java.time.Duration;
import java.util.function.BooleanSupplier;

import dev.strela.testing.tinkoff.internal.Exchange;

/**
 * Test-side control of the server streams (MarketDataStream and TradesStream): drop them the two ways a connection
 * dies, send pings, count streams and candle subscriptions, and wait until a client has (re)subscribed.
 */
public final class SandboxStreams {
    private static final long POLL_MILLIS = 10;

    private final Exchange exchange;

    SandboxStreams(Exchange exchange) {
        this.exchange = exchange;
    }

    /** Drops every open market data and trades stream. */
    public void dropAll(StreamDropMode mode) {
        dropMarketData(mode);
        dropTrades(mode);
    }

    public void dropMarketData(StreamDropMode mode) {
        exchange.marketData().drop(mode);
    }

    public void dropTrades(StreamDropMode mode) {
        exchange.trades().drop(mode);
    }

    /** Sends a Ping on every open stream that is not silenced, as Tinkoff does now and then. */
    public void ping() {
        exchange.marketData().ping();
        exchange.trades().ping(exchange.clock().instant());
    }

    /** Market data streams open now (silenced ones included until the client closes them). */
    public int openMarketDataStreams() {
        return exchange.marketData().openCount();
    }

    /** Market data streams opened since start: a reconnecting client adds one per reconnect. */
    public int marketDataStreamsOpened() {
        return exchange.marketData().openedTotal();
    }

    public int openTradesStreams() {
        return exchange.trades().openCount();
    }

    public int tradesStreamsOpened() {
        return exchange.trades().openedTotal();
    }

    /** Successful one-minute candle subscriptions to the instrument since start: 2 after one drop and a resubscribe. */
    public int candleSubscriptions(String figiOrUid) {
        return exchange.instruments().find(figiOrUid)
                .map(i -> exchange.marketData().candleSubscriptionCount(i.uid())).orElse(0);
    }

    /** Open streams subscribed to the instrument's one-minute candles right now. */
    public int activeCandleSubscribers(String figiOrUid) {
        return exchange.instruments().find(figiOrUid)
                .map(i -> exchange.marketData().activeCandleSubscriptions(i.uid())).orElse(0);
    }

    /** Waits until at least {@code count} successful candle subscriptions to the instrument were made. */
    public boolean awaitCandleSubscriptions(String figiOrUid, int count, Duration timeout) {
        return await(() -> candleSubscriptions(figiOrUid) >= count, timeout);
    }

    /** Waits until at least {@code count} trades streams are open. */
    public boolean awaitOpenTradesStreams(int count, Duration timeout) {
        return await(() -> openTradesStreams() >= count, timeout);
    }

    /** Polls until the condition holds (true) or the timeout passes (false); the tests' waits use it too. */
    static boolean await(BooleanSupplier condition, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                return false;
            }
            try {
                Thread.sleep(POLL_MILLIS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return false;
            }
        }
        return true;
    }
}
