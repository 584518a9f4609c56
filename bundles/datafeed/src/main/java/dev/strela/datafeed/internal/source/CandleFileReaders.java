package dev.strela.datafeed.internal.source;

import java.nio.file.Path;

/** The reader for each {@link CandleFileFormat}. */
public final class CandleFileReaders {

    private CandleFileReaders() {
    }

    public static CandleFileReader forFormat(CandleFileFormat format) {
        return switch (format) {
            case TINKOFF -> new TinkoffHistoryReader();
            case FINAM -> new FinamReader();
            case MOEX_ISS_CSV -> new MoexIssCsvReader();
            case MOEX_ISS_JSON -> new MoexIssJsonReader();
        };
    }

    /** The reader for the detected format of {@code file}; a missing or unrecognised file is refused. */
    public static CandleFileReader forFile(Path file) throws CandleFileException {
        TextLines.requireReadable(file);
        return forFormat(CandleFileFormat.detect(file).orElseThrow(() -> new CandleFileException(file
                + ": unknown format, expected a Tinkoff history zip/CSV, a Finam export or MOEX ISS candles (CSV or JSON)")));
    }
}
