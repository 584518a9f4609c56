package dev.strela.datafeed.internal.source;

/**
 * A candle file that cannot be read at all: missing, unreadable, not a zip, unknown header, or
 * candles of another period than one minute. The message is one sentence meant for the user,
 * starting with the file, e.g. {@code SBER.txt: Finam export has period D, only 1-minute candles
 * (PER=1) can be imported}.
 */
public class CandleFileException extends Exception {

    private static final long serialVersionUID = 1L;

    public CandleFileException(String message) {
        super(message);
    }

    public CandleFileException(String message, Throwable cause) {
        super(message, cause);
    }
}
