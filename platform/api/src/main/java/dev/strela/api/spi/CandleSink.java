package dev.strela.api.spi;

import dev.strela.api.model.Bar;
import org.osgi.annotation.versioning.ProviderType;

/** Receives what a {@link MarketDataSource} produces; implemented by the platform's data feed. */
@ProviderType
public interface CandleSink {

    /** One finished 1-minute candle ({@link dev.strela.api.model.Timeframe#M1}), in time order per instrument. */
    void onCandle(Bar minute);

    /** The source had trouble (disconnect, bad record); it keeps running unless it also calls {@link #onEnd()}. */
    void onError(String message, Throwable cause);

    /** The source has nothing more to deliver (end of a replay, or stopped). */
    void onEnd();
}
