package dev.strela.datafeed;

/** Progress of an import, reported about once a second. */
@FunctionalInterface
public interface ImportProgress {

    /**
     * @param file          the file being read
     * @param rows          candle rows read so far, over all files
     * @param percent       estimated share of the whole import done, 0..100
     * @param rowsPerSecond rows read per second since the start
     */
    void update(String file, long rows, double percent, double rowsPerSecond);

    ImportProgress NONE = (file, rows, percent, rate) -> { };
}
