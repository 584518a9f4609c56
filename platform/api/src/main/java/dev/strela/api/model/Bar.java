package dev.strela.api.model;

import java.math.BigDecimal;
import java.time.Instant;

/**
 * One OHLCV bar (a 1-minute candle is a bar with {@link Timeframe#M1}).
 *
 * @param instrumentId {@link Instrument#id()}
 * @param openTime     start of the bar's interval (UTC); bars are identified by it
 * @param volume       traded volume in lots, &gt;= 0
 */
public record Bar(String instrumentId, Timeframe timeframe, Instant openTime, BigDecimal open,
                  BigDecimal high, BigDecimal low, BigDecimal close, long volume) {

    public Bar {
        Checks.notBlank(instrumentId, "instrumentId");
        Checks.notNull(timeframe, "timeframe");
        Checks.notNull(openTime, "openTime");
        Checks.positive(open, "open");
        Checks.positive(high, "high");
        Checks.positive(low, "low");
        Checks.positive(close, "close");
        Checks.nonNegative(volume, "volume");
        requireAtLeast("high", high, "low", low);
        requireAtLeast("high", high, "open", open);
        requireAtLeast("high", high, "close", close);
        requireAtLeast("open", open, "low", low);
        requireAtLeast("close", close, "low", low);
    }

    /** End of the bar's interval: {@code openTime + timeframe.duration()} (one day for D1). */
    public Instant closeTime() {
        return openTime.plus(timeframe.duration());
    }

    private static void requireAtLeast(String field, BigDecimal value, String otherField, BigDecimal other) {
        if (value.compareTo(other) < 0) {
            throw new IllegalArgumentException(field + ": " + value.toPlainString()
                    + " is below " + otherField + " " + other.toPlainString());
        }
    }
}
