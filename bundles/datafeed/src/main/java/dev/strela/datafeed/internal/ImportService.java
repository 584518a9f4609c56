package dev.strela.datafeed.internal;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import dev.strela.api.error.ErrorCode;
import dev.strela.api.error.ErrorEvent;
import dev.strela.api.error.ErrorLog;
import dev.strela.datafeed.CandleImport;
import dev.strela.datafeed.ImportProgress;
import dev.strela.datafeed.ImportReport;
import dev.strela.datafeed.internal.source.CandleFileException;
import dev.strela.datafeed.internal.source.CandleFileFormat;
import dev.strela.datafeed.internal.source.CandleFileReaders;
import dev.strela.persistence.MarketDataRepository;

/**
 * Imports candle files through the {@link FeedEngine}, in batches, as a live feed would deliver them.
 * Bad lines are refused with file, line and reason (in {@code live_errors} and the report) and the rest of
 * the file is still imported; a file that cannot be read at all gives one clear error.
 */
@Component(service = CandleImport.class, configurationPid = DatafeedConfig.PID)
public final class ImportService implements CandleImport {

    private static final Logger LOG = LoggerFactory.getLogger(ImportService.class);

    private final FeedEngine feed;
    private final MarketDataRepository repository;
    private final ErrorLog errors;
    private final int batchSize;

    @Activate
    public ImportService(@Reference FeedEngine feed, @Reference MarketDataRepository repository,
                         @Reference ErrorLog errors, DatafeedConfig config) {
        this.feed = feed;
        this.repository = repository;
        this.errors = errors;
        this.batchSize = Math.max(100, config.importBatchSize());
    }

    @Override
    public ImportReport importPath(Path path, String format, String instrument, ImportProgress progress) {
        ImportRun run = new ImportRun(feed, new InstrumentResolver(repository), errors, batchSize,
                progress == null ? ImportProgress.NONE : progress);
        List<Path> files;
        try {
            files = files(path);
        } catch (IOException | IllegalArgumentException e) {
            run.fileError(path.toString(), e.getMessage());
            return run.report(List.of());
        }
        run.expect(files);
        for (Path file : files) {
            importFile(run, file, format, instrument);
        }
        ImportReport report = run.report(files.stream().map(Path::toString).toList());
        LOG.info("Import of {}: {} rows read, {} stored ({} new, {} replaced), {} unchanged, {} refused, {} bars closed in {} ms ({})",
                path, report.rowsRead(), report.stored(), report.inserted(), report.replaced(), report.unchanged(),
                report.rejected(), report.barsClosed(), report.elapsed().toMillis(), run.timing());
        return report;
    }

    private void importFile(ImportRun run, Path file, String format, String instrument) {
        String name = file.getFileName().toString();
        try {
            CandleFileFormat f = format == null || format.isBlank() ? CandleFileFormat.detect(file)
                    .orElseThrow(() -> new CandleFileException(name + ": format not recognised (give --format tinkoff, finam, moex-iss-csv or moex-iss-json)"))
                    : parseFormat(format);
            run.startFile(name, f.volumeUnit());
            CandleFileReaders.forFormat(f).read(file, instrument, run);
            run.flush();
        } catch (CandleFileException e) {
            run.fileError(name, e.getMessage());
        } catch (IOException e) {
            run.fileError(name, "cannot read: " + e.getMessage());
        } catch (RuntimeException e) {
            run.fileError(name, "import stopped, rows before this point are stored: " + e.getMessage());
            errors.record(ErrorEvent.of(ErrorCode.INTERNAL_ERROR, "file", name, "error", e.toString()).withThrowable(e));
        }
    }

    static CandleFileFormat parseFormat(String format) throws CandleFileException {
        String normalized = format.trim().toUpperCase(Locale.ROOT).replace('-', '_');
        try {
            return CandleFileFormat.valueOf(normalized);
        } catch (IllegalArgumentException e) {
            throw new CandleFileException("unknown format '" + format + "': use tinkoff, finam, moex-iss-csv or moex-iss-json");
        }
    }

    /** A regular file, or the regular files of a directory in name order. */
    static List<Path> files(Path path) throws IOException {
        if (Files.isRegularFile(path)) {
            return List.of(path);
        }
        if (!Files.isDirectory(path)) {
            throw new IllegalArgumentException(path + ": no such file or directory");
        }
        try (Stream<Path> entries = Files.list(path)) {
            return entries.filter(Files::isRegularFile).sorted().toList();
        }
    }
}
