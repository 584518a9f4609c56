package dev.strela.datafeed.internal.source;

import dev.strela.api.model.Bar;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.format.ResolverStyle;

/**
 * Reads Finam exports with a {@code <TICKER>,<PER>,<DATE>,<TIME>,<OPEN>,<HIGH>,<LOW>,<CLOSE>,<VOL>}
 * header. Columns are found by name; the separator (comma, semicolon or tab) is taken from the
 * header, and with a semicolon or tab separator a decimal comma is accepted. DATE is
 * {@code yyyyMMdd}, TIME {@code HHmmss} Moscow time, taken as the START of the minute (Finam's
 * default; an export stamped with candle end times cannot be told apart). Only PER=1: the first row
 * decides for the file, a later row of another period is rejected. Volume is in shares.
 */
public final class FinamReader implements CandleFileReader {

    private static final DateTimeFormatter DATE = DateTimeFormatter.ofPattern("uuuuMMdd")
            .withResolverStyle(ResolverStyle.STRICT);
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HHmmss")
            .withResolverStyle(ResolverStyle.STRICT);

    @Override
    public CandleFileFormat format() {
        return CandleFileFormat.FINAM;
    }

    @Override
    public void read(Path file, String instrumentId, CandleFileListener listener)
            throws IOException, CandleFileException {
        TextLines.requireReadable(file);
        String source = file.getFileName().toString();
        try (InputStream in = Files.newInputStream(file)) {
            BufferedReader reader = TextLines.reader(in);
            String header = reader.readLine();
            if (header == null) {
                throw new CandleFileException(file + ": empty file, expected a Finam header <TICKER>,<PER>,<DATE>,...");
            }
            FinamColumns columns = FinamColumns.of(file, TextLines.stripBom(header), instrumentId != null);
            long lineNumber = 1;
            boolean periodChecked = false;
            for (String line = reader.readLine(); line != null; line = reader.readLine()) {
                lineNumber++;
                if (line.isBlank()) {
                    continue;
                }
                String[] fields = TextLines.split(line, columns.separator());
                if (!periodChecked && fields.length == columns.count()) {
                    checkFilePeriod(file, columns.period(fields));
                    periodChecked = true;
                }
                try {
                    listener.candle(parse(fields, columns, instrumentId), lineNumber);
                } catch (BadLineException e) {
                    listener.rejected(new Rejection(source, lineNumber, e.getMessage()));
                }
            }
        }
    }

    private static void checkFilePeriod(Path file, String period) throws CandleFileException {
        if (period != null && !"1".equals(period)) {
            throw new CandleFileException(file + ": Finam export has period " + period
                    + ", only 1-minute candles (PER=1) can be imported");
        }
    }

    private static Bar parse(String[] f, FinamColumns c, String instrumentId) throws BadLineException {
        if (f.length != c.count()) {
            throw new BadLineException("expected " + c.count() + " fields, found " + f.length);
        }
        String period = c.period(f);
        if (period != null && !"1".equals(period)) {
            throw new BadLineException("period " + period + ": only 1-minute candles (PER=1)");
        }
        Instant time = CandleChecks.onMinute(CandleChecks.moscow(LocalDateTime.of(date(f[c.date()]), time(f[c.time()]))));
        BigDecimal open = CandleChecks.price("open", c.number(f[c.open()]));
        BigDecimal high = CandleChecks.price("high", c.number(f[c.high()]));
        BigDecimal low = CandleChecks.price("low", c.number(f[c.low()]));
        BigDecimal close = CandleChecks.price("close", c.number(f[c.close()]));
        long volume = CandleChecks.volume(c.number(f[c.volume()]));
        String id = instrumentId != null ? instrumentId : f[c.ticker()].strip();
        return CandleChecks.bar(id, time, open, high, low, close, volume);
    }

    private static LocalDate date(String text) throws BadLineException {
        try {
            return LocalDate.parse(text.strip(), DATE);
        } catch (DateTimeParseException e) {
            throw new BadLineException("date: not yyyyMMdd '" + text.strip() + "'");
        }
    }

    private static LocalTime time(String text) throws BadLineException {
        String digits = text.strip().replace(":", "");
        try {
            return LocalTime.parse(digits.length() == 5 ? "0" + digits : digits, TIME);
        } catch (DateTimeParseException e) {
            throw new BadLineException("time: not HHmmss '" + text.strip() + "'");
        }
    }
}
