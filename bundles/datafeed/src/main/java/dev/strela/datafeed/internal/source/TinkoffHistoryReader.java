package dev.strela.datafeed.internal.source;

import dev.strela.api.model.Bar;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Enumeration;
import java.util.List;
import java.util.Locale;
import java.util.zip.ZipEntry;
import java.util.zip.ZipException;
import java.util.zip.ZipFile;

/**
 * Reads Tinkoff history-data files: a yearly zip of daily CSVs (members read in name order, which is
 * date order, so the output is in time order) or one such CSV. Lines have no header and read
 * {@code instrument_uid;time_utc;open;close;high;low;volume;} — note the order open, close, high,
 * low, and the trailing semicolon (optional here; one empty last field is that semicolon). Time is ISO-8601 UTC; volume is in lots. Blank
 * lines are skipped; zip members not ending in {@code .csv} are ignored.
 */
public final class TinkoffHistoryReader implements CandleFileReader {

    private static final int FIELDS = 7;

    @Override
    public CandleFileFormat format() {
        return CandleFileFormat.TINKOFF;
    }

    @Override
    public void read(Path file, String instrumentId, CandleFileListener listener)
            throws IOException, CandleFileException {
        TextLines.requireReadable(file);
        String name = file.getFileName().toString();
        if (name.toLowerCase(Locale.ROOT).endsWith(".zip") || startsLikeZip(file)) {
            readZip(file, instrumentId, listener);
        } else {
            try (InputStream in = Files.newInputStream(file)) {
                readCsv(in, name, instrumentId, listener);
            }
        }
    }

    private static boolean startsLikeZip(Path file) throws IOException {
        try (InputStream in = Files.newInputStream(file)) {
            byte[] head = in.readNBytes(4);
            return head.length == 4 && head[0] == 'P' && head[1] == 'K' && head[2] == 3 && head[3] == 4;
        }
    }

    private static void readZip(Path file, String instrumentId, CandleFileListener listener)
            throws IOException, CandleFileException {
        String archive = file.getFileName().toString();
        ZipFile zip;
        try {
            zip = new ZipFile(file.toFile());
        } catch (ZipException e) {
            throw new CandleFileException(file + ": not a zip archive (" + e.getMessage() + ")", e);
        }
        try (zip) {
            List<String> members = csvMembers(zip);
            if (members.isEmpty()) {
                throw new CandleFileException(file + ": the zip archive holds no .csv file");
            }
            for (String member : members) {
                try (InputStream in = zip.getInputStream(zip.getEntry(member))) {
                    readCsv(in, archive + "!" + member, instrumentId, listener);
                }
            }
        }
    }

    private static List<String> csvMembers(ZipFile zip) {
        List<String> names = new ArrayList<>();
        for (Enumeration<? extends ZipEntry> entries = zip.entries(); entries.hasMoreElements(); ) {
            ZipEntry entry = entries.nextElement();
            if (!entry.isDirectory() && entry.getName().toLowerCase(Locale.ROOT).endsWith(".csv")) {
                names.add(entry.getName());
            }
        }
        names.sort(null);
        return names;
    }

    private static void readCsv(InputStream in, String source, String instrumentId, CandleFileListener listener)
            throws IOException {
        BufferedReader reader = TextLines.reader(in);
        long lineNumber = 0;
        for (String line = reader.readLine(); line != null; line = reader.readLine()) {
            lineNumber++;
            if (lineNumber == 1) {
                line = TextLines.stripBom(line);
            }
            if (line.isBlank()) {
                continue;
            }
            try {
                listener.candle(parse(line, instrumentId), lineNumber);
            } catch (BadLineException e) {
                listener.rejected(new Rejection(source, lineNumber, e.getMessage()));
            }
        }
    }

    /** Parses one line; package-private for tests. */
    static Bar parse(String line, String instrumentId) throws BadLineException {
        String[] f = TextLines.split(line, ';');
        int count = f[f.length - 1].isEmpty() ? f.length - 1 : f.length; // the trailing ';' ends the line
        if (count != FIELDS) {
            throw new BadLineException("expected " + FIELDS + " fields, found " + count);
        }
        Instant time = time(f[1]);
        BigDecimal open = CandleChecks.price("open", f[2]);
        BigDecimal close = CandleChecks.price("close", f[3]);
        BigDecimal high = CandleChecks.price("high", f[4]);
        BigDecimal low = CandleChecks.price("low", f[5]);
        long volume = CandleChecks.volume(f[6]);
        String id = instrumentId != null ? instrumentId : f[0].strip();
        return CandleChecks.bar(id, time, open, high, low, close, volume);
    }

    private static Instant time(String text) throws BadLineException {
        Instant time;
        try {
            time = Instant.parse(text.strip());
        } catch (DateTimeParseException e) {
            throw new BadLineException("time: not an ISO-8601 UTC time '" + text + "'");
        }
        return CandleChecks.onMinute(time);
    }
}
