package dev.strela.datafeed.internal.aggregate;

import dev.strela.api.model.Bar;
import dev.strela.api.model.Timeframe;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDateTime;

/** Builds 1-minute candles from MSK wall-clock times for the tests. */
final class TestMinutes {

    private TestMinutes() {
    }

    /** The instant of an MSK wall-clock time such as {@code "2024-03-04T10:00"}. */
    static Instant msk(String localDateTime) {
        return LocalDateTime.parse(localDateTime).toInstant(TradingCalendar.MSK);
    }

    /** A minute with the given open, high, low, close (decimal strings, scale kept) and volume in lots. */
    static Bar minute(String id, String mskTime, String open, String high, String low, String close, long volume) {
        return new Bar(id, Timeframe.M1, msk(mskTime), new BigDecimal(open), new BigDecimal(high),
                new BigDecimal(low), new BigDecimal(close), volume);
    }

    /** A flat minute: open = high = low = close = {@code price}. */
    static Bar minute(String id, String mskTime, String price, long volume) {
        return minute(id, mskTime, price, price, price, price, volume);
    }

    /** A flat SBER minute. */
    static Bar sber(String mskTime, String price, long volume) {
        return minute("SBER", mskTime, price, volume);
    }
}
