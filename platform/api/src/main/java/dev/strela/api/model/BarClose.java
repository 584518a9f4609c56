package dev.strela.api.model;

import java.time.Instant;

/**
 * Event: a bar of {@code timeframe} closed for an instrument (BAR_CLOSE in ARCHITECTURE.md).
 *
 * @param barTime the closed bar's {@link Bar#openTime()} (its interval start, UTC), as in the candles tables
 */
public record BarClose(String instrumentId, Timeframe timeframe, Instant barTime) {

    public BarClose {
        Checks.notBlank(instrumentId, "instrumentId");
        Checks.notNull(timeframe, "timeframe");
        Checks.notNull(barTime, "barTime");
    }

    /** End of the closed bar's interval. */
    public Instant closeTime() {
        return barTime.plus(timeframe.duration());
    }
}
