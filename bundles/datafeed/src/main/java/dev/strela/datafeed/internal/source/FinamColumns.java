package dev.strela.datafeed.internal.source;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;

/** Where the columns of a Finam export are, found by their {@code <NAME>} in the header. */
record FinamColumns(char separator, int count, int ticker, int period, int date, int time,
                    int open, int high, int low, int close, int volume) {

    static FinamColumns of(Path file, String header, boolean haveInstrument) throws CandleFileException {
        char separator = TextLines.separatorOf(header);
        String[] names = TextLines.split(header, separator);
        Map<String, Integer> index = new HashMap<>();
        for (int i = 0; i < names.length; i++) {
            index.put(names[i].strip().toUpperCase(Locale.ROOT), i);
        }
        if (!index.containsKey("<DATE>") || !index.containsKey("<TIME>")) {
            throw new CandleFileException(file + ": unknown header '" + abbreviate(header)
                    + "', expected a Finam header <TICKER>,<PER>,<DATE>,<TIME>,<OPEN>,<HIGH>,<LOW>,<CLOSE>,<VOL>");
        }
        if (!index.containsKey("<PER>")) {
            throw new CandleFileException(file + ": Finam export has no <PER> column, so it cannot be shown"
                    + " to hold 1-minute candles; export it with the period column");
        }
        if (!index.containsKey("<TICKER>") && !haveInstrument) {
            throw new CandleFileException(file + ": Finam export has no <TICKER> column: give --instrument");
        }
        return new FinamColumns(separator, names.length, index.getOrDefault("<TICKER>", -1),
                index.get("<PER>"), index.get("<DATE>"), index.get("<TIME>"),
                require(file, index, "<OPEN>"), require(file, index, "<HIGH>"), require(file, index, "<LOW>"),
                require(file, index, "<CLOSE>"), require(file, index, "<VOL>"));
    }

    private static int require(Path file, Map<String, Integer> index, String name) throws CandleFileException {
        Integer i = index.get(name);
        if (i == null) {
            throw new CandleFileException(file + ": Finam header has no " + name + " column");
        }
        return i;
    }

    private static String abbreviate(String text) {
        return text.length() <= 80 ? text : text.substring(0, 77) + "...";
    }

    /** The PER value of a row, or null when the row is too short to have one. */
    String period(String[] fields) {
        return period < fields.length ? fields[period].strip() : null;
    }

    /** A number field; with a semicolon or tab separator a decimal comma becomes a point. */
    String number(String text) {
        return separator != ',' ? text.replace(',', '.') : text;
    }
}
