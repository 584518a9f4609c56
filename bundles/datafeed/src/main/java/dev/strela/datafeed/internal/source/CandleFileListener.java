package dev.strela.datafeed.internal.source;

import dev.strela.api.model.Bar;

/** Receives what a {@link CandleFileReader} finds, in file order, on the reading thread. */
public interface CandleFileListener {

    /**
     * One accepted 1-minute candle.
     *
     * @param minute a {@link dev.strela.api.model.Timeframe#M1} bar; volume in the format's {@link VolumeUnit}
     * @param line   1-based line of the candle in its file (or zip member)
     */
    void candle(Bar minute, long line);

    /** One refused line; reading goes on. */
    void rejected(Rejection rejection);
}
