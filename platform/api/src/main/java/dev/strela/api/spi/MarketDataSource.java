package dev.strela.api.spi;

import org.osgi.annotation.versioning.ConsumerType;

/**
 * A source of 1-minute candles: Tinkoff's live stream, a historical file replay, or a generator.
 * Push design: the source calls the sink from its own thread, so replays and live streams fit the
 * same interface. The feed's clock follows the candles' times, not the wall clock.
 */
@ConsumerType
public interface MarketDataSource {

    /** Source name, e.g. "tinkoff" or "replay". */
    String name();

    /** True for a live stream (wall time matters), false for a replay or generator. */
    boolean isLive();

    /**
     * Starts delivering candles to {@code sink}; returns at once.
     *
     * @return closing it stops the delivery (then {@link CandleSink#onEnd()} may follow); closing twice is harmless
     */
    AutoCloseable start(CandleSink sink);
}
