package dev.strela.datafeed.internal;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Enumeration;
import java.util.List;
import java.util.Optional;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;

import dev.strela.api.error.ErrorCode;
import dev.strela.api.error.ErrorEvent;
import dev.strela.api.error.ErrorLog;
import dev.strela.api.model.Bar;
import dev.strela.api.model.Instrument;
import dev.strela.datafeed.ImportProgress;
import dev.strela.datafeed.ImportReport;
import dev.strela.datafeed.internal.source.CandleFileListener;
import dev.strela.datafeed.internal.source.Rejection;
import dev.strela.datafeed.internal.source.VolumeUnit;
import dev.strela.persistence.MarketDataRepository.CandleSource;

/**
 * One import: receives the readers' candles and refusals, resolves instruments, converts share volumes to
 * lots, hands batches to the {@link FeedEngine}, counts, and reports progress about once a second.
 */
final class ImportRun implements CandleFileListener {

    static final int SAMPLE_LIMIT = 100;
    private static final long PROGRESS_NANOS = 1_000_000_000L;
    private static final int BYTES_PER_ROW_ESTIMATE = 72;

    private final FeedEngine feed;
    private final InstrumentResolver instruments;
    private final ErrorLog errors;
    private final int batchSize;
    private final ImportProgress progress;
    private final long started = System.nanoTime();
    private final List<Bar> batch = new ArrayList<>();
    private final List<String> samples = new ArrayList<>();
    private final List<String> fileErrors = new ArrayList<>();

    private String file = "";
    private VolumeUnit volumeUnit = VolumeUnit.LOTS;
    private long expectedRows = 1;
    private long lastProgress = started;
    private long rows;
    private long inserted;
    private long replaced;
    private long unchanged;
    private long rejected;
    private long barsClosed;
    private long barsRevised;
    private long notAggregated;
    private final long[] stageNanos = new long[4];

    ImportRun(FeedEngine feed, InstrumentResolver instruments, ErrorLog errors, int batchSize, ImportProgress progress) {
        this.feed = feed;
        this.instruments = instruments;
        this.errors = errors;
        this.batchSize = batchSize;
        this.progress = progress;
    }

    /** Estimates the rows to come from the files' (uncompressed) sizes, for the progress percentage. */
    void expect(List<Path> files) {
        long bytes = 0;
        for (Path f : files) {
            bytes += uncompressedSize(f);
        }
        expectedRows = Math.max(1, bytes / BYTES_PER_ROW_ESTIMATE);
    }

    void startFile(String name, VolumeUnit unit) {
        this.file = name;
        this.volumeUnit = unit;
    }

    @Override
    public void candle(Bar minute, long line) {
        rows++;
        Optional<Instrument> instrument = instruments.resolve(minute.instrumentId());
        if (instrument.isEmpty()) {
            refuse(new Rejection(file, line, "instrument '" + minute.instrumentId()
                    + "' is not known: add it with strela:instrument-add, or give --instrument"));
            return;
        }
        Instrument i = instrument.get();
        long volume = volumeUnit == VolumeUnit.SHARES ? (minute.volume() + i.lot() / 2) / i.lot() : minute.volume();
        batch.add(new Bar(i.id(), minute.timeframe(), minute.openTime(), minute.open(), minute.high(), minute.low(),
                minute.close(), volume));
        if (batch.size() >= batchSize) {
            flush();
        }
        maybeReport();
    }

    @Override
    public void rejected(Rejection rejection) {
        rows++;
        refuse(rejection);
        maybeReport();
    }

    private void refuse(Rejection r) {
        rejected++;
        if (samples.size() < SAMPLE_LIMIT) {
            String text = r.file() + ":" + r.line() + ": " + r.reason();
            samples.add(text);
            errors.record(ErrorEvent.of(ErrorCode.CANDLE_REJECTED, "file", r.file(), "line", r.line(), "reason", r.reason()));
        }
    }

    /** Stores and aggregates what is pending. */
    void flush() {
        if (batch.isEmpty()) {
            return;
        }
        FeedEngine.BatchResult result = feed.acceptImport(List.copyOf(batch), CandleSource.FILE);
        batch.clear();
        inserted += result.stored().inserted();
        replaced += result.stored().replaced();
        unchanged += result.stored().unchanged();
        barsClosed += result.barsClosed();
        barsRevised += result.barsRevised();
        notAggregated += result.notAggregated();
        stageNanos[0] += result.storeNanos();
        stageNanos[1] += result.aggregateNanos();
        stageNanos[2] += result.barsNanos();
        stageNanos[3] += result.announceNanos();
    }

    /** Where the import's time went, for the log: storing minutes, aggregating, storing bars, announcing. */
    String timing() {
        return String.format("store minutes %d ms, aggregate %d ms, store bars %d ms, announce %d ms",
                stageNanos[0] / 1_000_000, stageNanos[1] / 1_000_000, stageNanos[2] / 1_000_000, stageNanos[3] / 1_000_000);
    }

    void fileError(String name, String message) {
        fileErrors.add(message);
        errors.record(ErrorEvent.of(ErrorCode.CANDLE_FILE_UNREADABLE, "file", name, "reason", message));
    }

    ImportReport report(List<String> files) {
        if (rejected > SAMPLE_LIMIT) {
            errors.record(ErrorEvent.of(ErrorCode.CANDLE_REJECTED, "refused", rejected, "recordedIndividually", SAMPLE_LIMIT,
                    "note", "the first refusals are listed one per row"));
        }
        progress.update(file, rows, 100.0, rate());
        return new ImportReport(files, rows, inserted, replaced, unchanged, rejected, samples, barsClosed, barsRevised,
                notAggregated, fileErrors, Duration.ofNanos(System.nanoTime() - started));
    }

    private void maybeReport() {
        long now = System.nanoTime();
        if (now - lastProgress >= PROGRESS_NANOS) {
            lastProgress = now;
            progress.update(file, rows, Math.min(99.0, rows * 100.0 / expectedRows), rate());
        }
    }

    private double rate() {
        return rows / Math.max(1e-9, (System.nanoTime() - started) / 1e9);
    }

    private static long uncompressedSize(Path f) {
        try {
            if (f.getFileName().toString().toLowerCase().endsWith(".zip")) {
                long total = 0;
                try (ZipFile zip = new ZipFile(f.toFile())) {
                    Enumeration<? extends ZipEntry> entries = zip.entries();
                    while (entries.hasMoreElements()) {
                        total += Math.max(0, entries.nextElement().getSize());
                    }
                }
                return total;
            }
            return Files.size(f);
        } catch (IOException e) {
            return 0;
        }
    }
}
