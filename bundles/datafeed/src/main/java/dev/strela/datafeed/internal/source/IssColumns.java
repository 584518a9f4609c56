package dev.strela.datafeed.internal.source;

import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

/**
 * Where the columns of MOEX ISS candles are, found by name (any order, any case). {@code value}
 * is optional; {@code end} is required because only begin and end together show the period.
 */
record IssColumns(int count, int open, int close, int high, int low, int volume, int begin, int end) {

    static final String EXPECTED = "open,close,high,low,value,volume,begin,end";

    static IssColumns of(Path file, List<String> names) throws CandleFileException {
        List<String> lower = names.stream()
                .map(name -> name == null ? "" : TextLines.unquote(name.strip()).toLowerCase(Locale.ROOT))
                .toList();
        for (String required : List.of("open", "close", "high", "low", "begin")) {
            if (!lower.contains(required)) {
                throw new CandleFileException(file + ": unknown header " + lower
                        + ", expected MOEX ISS candle columns " + EXPECTED);
            }
        }
        if (!lower.contains("volume")) {
            throw new CandleFileException(file + ": MOEX ISS candles have no 'volume' column");
        }
        if (!lower.contains("end")) {
            throw new CandleFileException(file + ": MOEX ISS candles have no 'end' column, so their period is"
                    + " unknown; only 1-minute candles (interval=1) with begin and end can be imported");
        }
        return new IssColumns(lower.size(), lower.indexOf("open"), lower.indexOf("close"), lower.indexOf("high"),
                lower.indexOf("low"), lower.indexOf("volume"), lower.indexOf("begin"), lower.indexOf("end"));
    }
}
