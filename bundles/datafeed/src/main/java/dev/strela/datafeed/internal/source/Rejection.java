package dev.strela.datafeed.internal.source;

/**
 * A line of a candle file that was refused; the reader goes on with the next line.
 *
 * @param file   the file's name (not its full path); for a zip member {@code archive.zip!member.csv}
 * @param line   1-based line number within the file or zip member (header lines count)
 * @param reason short and specific, e.g. {@code open: not a number 'abc'}
 */
public record Rejection(String file, long line, String reason) {

    @Override
    public String toString() {
        return file + ":" + line + ": " + reason;
    }
}
