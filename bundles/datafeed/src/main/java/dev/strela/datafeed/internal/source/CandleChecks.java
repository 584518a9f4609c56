package dev.strela.datafeed.internal.source;

import dev.strela.api.model.Bar;
import dev.strela.api.model.Timeframe;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;

/** Field parsing and checks shared by the readers; every failure is a {@link BadLineException}. */
final class CandleChecks {

    /** Exchange time zone (UTC+3 since 2014, no DST; the zone rules also cover older data). */
    static final ZoneId MOSCOW = ZoneId.of("Europe/Moscow");

    private CandleChecks() {
    }

    /** A price: a plain decimal, parsed exactly, greater than zero. */
    static BigDecimal price(String field, String text) throws BadLineException {
        String value = text == null ? "" : text.strip();
        if (value.isEmpty()) {
            throw new BadLineException(field + ": missing");
        }
        BigDecimal price;
        try {
            price = new BigDecimal(value);
        } catch (NumberFormatException e) {
            throw new BadLineException(field + ": not a number '" + value + "'");
        }
        if (price.signum() <= 0) {
            throw new BadLineException(field + ": not positive " + price.toPlainString());
        }
        return price;
    }

    /** A volume: a whole number, not negative. */
    static long volume(String text) throws BadLineException {
        String value = text == null ? "" : text.strip();
        if (value.isEmpty()) {
            throw new BadLineException("volume: missing");
        }
        long volume;
        try {
            volume = Long.parseLong(value);
        } catch (NumberFormatException e) {
            throw new BadLineException("volume: not a whole number '" + value + "'");
        }
        if (volume < 0) {
            throw new BadLineException("volume: negative " + volume);
        }
        return volume;
    }

    /** Checks that {@code time} starts a whole minute. */
    static Instant onMinute(Instant time) throws BadLineException {
        if (time.getEpochSecond() % 60 != 0 || time.getNano() != 0) {
            throw new BadLineException("time " + time + " is not on a minute");
        }
        return time;
    }

    static Instant moscow(LocalDateTime local) {
        return local.atZone(MOSCOW).toInstant();
    }

    /** Builds the M1 bar; the bar's own checks (e.g. high below low) become the reason. */
    static Bar bar(String instrumentId, Instant openTime, BigDecimal open, BigDecimal high, BigDecimal low,
                   BigDecimal close, long volume) throws BadLineException {
        try {
            return new Bar(instrumentId, Timeframe.M1, openTime, open, high, low, close, volume);
        } catch (IllegalArgumentException e) {
            throw new BadLineException(e.getMessage());
        }
    }
}
