package dev.strela.datafeed;

import java.time.Duration;
import java.util.List;

/**
 * The outcome of an import.
 *
 * @param files             files read
 * @param rowsRead          candle rows read (stored, unchanged or refused)
 * @param inserted          new rows in {@code candles_1m}
 * @param replaced          stored rows replaced by a corrected candle
 * @param unchanged         rows already stored with the same values
 * @param rejected          rows refused (bad line, unknown instrument)
 * @param rejections        the first refusals, as {@code file:line: reason}
 * @param barsClosed        5m..1d bars closed and announced
 * @param barsRevised       closed bars changed by a late minute (stored again, not announced)
 * @param notAggregated     minutes stored but outside exchange trading (weekend, holiday, dealer pre-market)
 * @param fileErrors        files that could not be read at all, one message each
 * @param elapsed           wall time of the import
 */
public record ImportReport(List<String> files, long rowsRead, long inserted, long replaced, long unchanged, long rejected,
                           List<String> rejections, long barsClosed, long barsRevised, long notAggregated,
                           List<String> fileErrors, Duration elapsed) {

    public ImportReport {
        files = List.copyOf(files);
        rejections = List.copyOf(rejections);
        fileErrors = List.copyOf(fileErrors);
    }

    public long stored() {
        return inserted + replaced;
    }

    public double rowsPerSecond() {
        double seconds = Math.max(1e-9, elapsed.toNanos() / 1e9);
        return rowsRead / seconds;
    }
}
