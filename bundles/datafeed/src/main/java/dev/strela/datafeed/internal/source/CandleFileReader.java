package dev.strela.datafeed.internal.source;

import java.io.IOException;
import java.nio.file.Path;

/**
 * Streams the 1-minute candles of one historical file to a listener, line by line, without loading
 * the file into memory. A bad line becomes a {@link Rejection} and reading goes on; a file that
 * cannot be read at all is a {@link CandleFileException}. Implementations are stateless and
 * thread-safe; get one from {@link CandleFileReaders}.
 */
public interface CandleFileReader {

    CandleFileFormat format();

    /**
     * Reads {@code file} to the end.
     *
     * @param instrumentId the instrument id to put on every bar, or {@code null} to take it from the
     *                     file (Tinkoff uid column, Finam ticker); MOEX ISS files need it
     * @throws CandleFileException the file cannot be read at all (it may come after some candles,
     *                             e.g. for a JSON file that breaks off)
     * @throws IOException         an I/O failure while reading
     */
    void read(Path file, String instrumentId, CandleFileListener listener) throws IOException, CandleFileException;
}
