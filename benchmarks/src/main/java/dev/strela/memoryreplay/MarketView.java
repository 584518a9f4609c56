package dev.strela.memoryreplay;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.Optional;

import dev.strela.api.model.Instrument;
import dev.strela.api.model.Timeframe;

/** The market data the in-memory trading state reads, as the SQL reads {@code instruments} and the candle tables. */
public interface MarketView {

    /** The {@code instruments} row of this id. */
    Optional<Instrument> instrument(String id);

    /** Close of the {@code candles_<timeframe>} bar of the symbol that opens at {@code openTime}; empty when absent. */
    Optional<BigDecimal> close(String symbol, Timeframe timeframe, Instant openTime);

    /** Close of the symbol's latest 1-minute candle with {@code open_time < before}; empty when none. */
    Optional<BigDecimal> latestMinuteClose(String symbol, Instant before);
}
