package dev.strela.datafeed.internal.aggregate;

import dev.strela.api.model.Bar;

/**
 * Receives what the {@link Aggregator} makes of the 1-minute candles. Called on the feed thread,
 * synchronously, in the order documented on {@link Aggregator}.
 */
public interface AggregationListener {

    /** A bar whose interval has ended: store it and announce it as BAR_CLOSE. Called once per bar. */
    void barClosed(Bar bar);

    /** A late or corrected minute changed a bar already reported closed: store it again, do NOT announce it. */
    void barRevised(Bar bar);

    /**
     * A minute that is not aggregated: not an exchange minute, not a 1-minute candle, or too late to revise
     * its bar. {@code reason} is one of the {@code Aggregator.SKIP_*} constants.
     */
    void minuteSkipped(Bar minute, String reason);
}
