package dev.strela.brokertinkoff.internal;

import java.math.BigDecimal;
import java.time.Instant;

import com.google.protobuf.Timestamp;

import ru.tinkoff.piapi.contract.v1.Candle;
import ru.tinkoff.piapi.contract.v1.HistoricCandle;
import ru.tinkoff.piapi.contract.v1.Quotation;

import dev.strela.api.model.Bar;
import dev.strela.api.model.Timeframe;

/**
 * Tinkoff's 1-minute candles (from the stream and from GetCandles) as the platform's {@link Bar}s: prices from the
 * {@link Quotation} exactly ({@code units + nano / 10^9}, never through a double), volume in lots, time the start of
 * the minute in UTC.
 */
final class Candles {

    private Candles() {
    }

    /** A streamed candle of the platform's instrument {@code instrumentId}; throws IllegalArgumentException when invalid. */
    static Bar minute(String instrumentId, Candle c) {
        return bar(instrumentId, c.getTime(), c.getOpen(), c.getHigh(), c.getLow(), c.getClose(), c.getVolume());
    }

    /** A candle read back with GetCandles; throws IllegalArgumentException when invalid. */
    static Bar minute(String instrumentId, HistoricCandle c) {
        return bar(instrumentId, c.getTime(), c.getOpen(), c.getHigh(), c.getLow(), c.getClose(), c.getVolume());
    }

    private static Bar bar(String instrumentId, Timestamp time, Quotation open, Quotation high, Quotation low,
                           Quotation close, long volume) {
        return new Bar(instrumentId, Timeframe.M1, instant(time), price(open), price(high), price(low), price(close), volume);
    }

    /** The exact decimal of a quotation, without trailing zeros (250.100000000 is 250.1; 250 stays 250). */
    static BigDecimal price(Quotation q) {
        BigDecimal value = BigDecimal.valueOf(q.getUnits()).add(BigDecimal.valueOf(q.getNano(), 9)).stripTrailingZeros();
        return value.scale() < 0 ? value.setScale(0) : value;
    }

    static Instant instant(Timestamp t) {
        return Instant.ofEpochSecond(t.getSeconds(), t.getNanos());
    }
}
