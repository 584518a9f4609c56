package dev.strela.datafeed;

import java.nio.file.Path;

import org.osgi.annotation.versioning.ProviderType;

/**
 * Imports historical 1-minute candle files into {@code candles_1m}, builds the higher timeframes and
 * announces closed bars, exactly as a live feed does.
 */
@ProviderType
public interface CandleImport {

    /**
     * Imports one file, or every regular file of a directory (in name order).
     *
     * @param format     {@code tinkoff}, {@code finam}, {@code moex-iss-csv}, {@code moex-iss-json}; null to detect
     * @param instrument instrument id or ticker for every candle of the files; null to take it from the file
     * @param progress   told about progress about once a second
     * @return what was stored, refused and announced; a file that cannot be read is an entry of
     *         {@link ImportReport#fileErrors()}, never an exception
     */
    ImportReport importPath(Path path, String format, String instrument, ImportProgress progress);
}
