package dev.strela.datafeed.internal.source;

import dev.strela.api.model.Bar;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDateTime;
import java.time.format.DateTimeParseException;

/**
 * Turns one row of MOEX ISS candle values into a bar. {@code begin} and {@code end} are Moscow
 * local times {@code yyyy-MM-dd HH:mm:ss}; a 1-minute candle ends within its begin's minute
 * (ISS writes {@code 10:00:00 .. 10:00:59}). The first row decides for the whole file (another
 * period is a {@link CandleFileException}); a later row that spans more than its minute is rejected.
 */
final class IssCandles {

    private static final Duration MINUTE = Duration.ofMinutes(1);

    private IssCandles() {
    }

    static void requireInstrument(Path file, String instrumentId) throws CandleFileException {
        if (instrumentId == null || instrumentId.isBlank()) {
            throw new CandleFileException(file + ": MOEX ISS files do not name the instrument: give --instrument");
        }
    }

    /**
     * Refuses the file when this row, the first readable one, is a candle of another period than
     * one minute.
     *
     * @return true once a row could be checked (right field count, begin and end readable)
     */
    static boolean checkPeriod(Path file, String[] values, IssColumns c) throws CandleFileException {
        if (values.length != c.count()) {
            return false;
        }
        try {
            LocalDateTime begin = localTime("begin", values[c.begin()]);
            LocalDateTime end = localTime("end", values[c.end()]);
            if (!withinMinute(begin, end)) {
                throw new CandleFileException(file + ": MOEX ISS candles are not 1-minute (begin "
                        + values[c.begin()].strip() + ", end " + values[c.end()].strip()
                        + "), only 1-minute candles (interval=1) can be imported");
            }
            return true;
        } catch (BadLineException e) {
            return false; // the row itself is rejected with this reason
        }
    }

    static Bar bar(String[] v, IssColumns c, String instrumentId) throws BadLineException {
        if (v.length != c.count()) {
            throw new BadLineException("expected " + c.count() + " fields, found " + v.length);
        }
        LocalDateTime begin = localTime("begin", v[c.begin()]);
        LocalDateTime end = localTime("end", v[c.end()]);
        if (!withinMinute(begin, end)) {
            throw new BadLineException("end " + v[c.end()].strip() + " is not in the minute of begin "
                    + v[c.begin()].strip());
        }
        BigDecimal open = CandleChecks.price("open", v[c.open()]);
        BigDecimal high = CandleChecks.price("high", v[c.high()]);
        BigDecimal low = CandleChecks.price("low", v[c.low()]);
        BigDecimal close = CandleChecks.price("close", v[c.close()]);
        long volume = CandleChecks.volume(v[c.volume()]);
        return CandleChecks.bar(instrumentId, CandleChecks.onMinute(CandleChecks.moscow(begin)),
                open, high, low, close, volume);
    }

    private static boolean withinMinute(LocalDateTime begin, LocalDateTime end) {
        return !end.isBefore(begin) && end.isBefore(begin.plus(MINUTE));
    }

    private static LocalDateTime localTime(String field, String text) throws BadLineException {
        String value = text == null ? "" : text.strip();
        if (value.isEmpty()) {
            throw new BadLineException(field + ": missing");
        }
        try {
            return LocalDateTime.parse(value.replace(' ', 'T'));
        } catch (DateTimeParseException e) {
            throw new BadLineException(field + ": not yyyy-MM-dd HH:mm:ss '" + value + "'");
        }
    }
}
