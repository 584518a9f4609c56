package dev.strela.testing.tinkoff;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Objects;

/**
 * A one-minute candle a test loads for GetCandles or pushes to MarketDataStream subscribers.
 *
 * @param time   start of the minute (UTC); must be on a whole minute
 * @param open   open price per instrument
 * @param high   high price
 * @param low    low price
 * @param close  close price
 * @param volume volume in lots
 * @param closed true when the minute is over; a forming candle ({@code false}) is pushed only to subscribers that
 *               did not ask for {@code waiting_close}, and GetCandles reports it with {@code is_complete = false}
 */
public record TestCandle(Instant time, BigDecimal open, BigDecimal high, BigDecimal low, BigDecimal close,
                         long volume, boolean closed) {

    public TestCandle {
        Objects.requireNonNull(time, "time");
        Objects.requireNonNull(open, "open");
        Objects.requireNonNull(high, "high");
        Objects.requireNonNull(low, "low");
        Objects.requireNonNull(close, "close");
        if (!time.truncatedTo(ChronoUnit.MINUTES).equals(time)) {
            throw new IllegalArgumentException("candle time must be on a whole minute: time=" + time);
        }
    }

    /** A closed candle from decimal strings, e.g. {@code of(t, "250.10", "250.50", "249.90", "250.20", 120)}. */
    public static TestCandle of(Instant time, String open, String high, String low, String close, long volume) {
        return new TestCandle(time, new BigDecimal(open), new BigDecimal(high), new BigDecimal(low),
                new BigDecimal(close), volume, true);
    }

    /** The same prices as a candle whose minute is still running. */
    public TestCandle forming() {
        return new TestCandle(time, open, high, low, close, volume, false);
    }
}
