package dev.strela.datafeed.internal.source;

/** A line that cannot become a candle; its message is the {@link Rejection} reason. Cheap: no stack trace. */
final class BadLineException extends Exception {

    private static final long serialVersionUID = 1L;

    BadLineException(String reason) {
        super(reason, null, false, false);
    }
}
