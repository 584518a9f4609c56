package dev.strela.datafeed.internal.source;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;

/**
 * Reads MOEX ISS candles saved as CSV (comma or semicolon): a header naming
 * {@code open,close,high,low,value,volume,begin,end} in any order, then one candle per line. An ISS
 * block title such as {@code candles} and blank lines may precede the header; after such a title
 * a blank line ends the block. The file does not name the instrument, so {@code instrumentId} is
 * required. See {@link IssCandles} for times and the 1-minute rule. Volume is in shares.
 */
public final class MoexIssCsvReader implements CandleFileReader {

    private static final int MAX_PREAMBLE_LINES = 5;

    @Override
    public CandleFileFormat format() {
        return CandleFileFormat.MOEX_ISS_CSV;
    }

    @Override
    public void read(Path file, String instrumentId, CandleFileListener listener)
            throws IOException, CandleFileException {
        TextLines.requireReadable(file);
        IssCandles.requireInstrument(file, instrumentId);
        String source = file.getFileName().toString();
        try (InputStream in = Files.newInputStream(file)) {
            BufferedReader reader = TextLines.reader(in);
            long lineNumber = 0;
            boolean titled = false;
            String header = null;
            while (header == null) {
                String line = reader.readLine();
                lineNumber++;
                if (line == null || lineNumber > MAX_PREAMBLE_LINES) {
                    throw new CandleFileException(file + ": no MOEX ISS candles header found, expected columns "
                            + IssColumns.EXPECTED);
                }
                line = lineNumber == 1 ? TextLines.stripBom(line) : line;
                if (FormatSniffer.isIssHeader(line)) {
                    header = line;
                } else if (!line.isBlank()) {
                    titled = true;
                }
            }
            char separator = TextLines.separatorOf(header);
            IssColumns columns = IssColumns.of(file, Arrays.asList(TextLines.split(header, separator)));
            boolean periodChecked = false;
            for (String line = reader.readLine(); line != null; line = reader.readLine()) {
                lineNumber++;
                if (line.isBlank()) {
                    if (titled) {
                        break;
                    }
                    continue;
                }
                String[] values = unquoted(TextLines.split(line, separator));
                if (!periodChecked) {
                    periodChecked = IssCandles.checkPeriod(file, values, columns);
                }
                try {
                    listener.candle(IssCandles.bar(values, columns, instrumentId), lineNumber);
                } catch (BadLineException e) {
                    listener.rejected(new Rejection(source, lineNumber, e.getMessage()));
                }
            }
        }
    }

    private static String[] unquoted(String[] fields) {
        for (int i = 0; i < fields.length; i++) {
            fields[i] = TextLines.unquote(fields[i].strip());
        }
        return fields;
    }
}
