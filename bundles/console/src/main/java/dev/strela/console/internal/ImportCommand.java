package dev.strela.console.internal;

import java.io.PrintStream;
import java.nio.file.Path;

import org.apache.karaf.shell.api.action.Action;
import org.apache.karaf.shell.api.action.Argument;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Completion;
import org.apache.karaf.shell.api.action.Option;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.apache.karaf.shell.api.console.Session;
import org.apache.karaf.shell.support.completers.FileCompleter;

import dev.strela.datafeed.CandleImport;
import dev.strela.datafeed.ImportReport;

/** {@code strela:import <file|dir> [--format ...] [--instrument ...]}: imports 1-minute candle files. */
@Service
@Command(scope = "strela", name = "import", description = "Imports 1-minute candle files (Tinkoff history archives, Finam, MOEX ISS CSV/JSON)")
public class ImportCommand implements Action {

    @Argument(index = 0, name = "path", required = true, description = "A candle file, or a directory of them")
    @Completion(FileCompleter.class)
    String path;

    @Option(name = "--format", description = "tinkoff, finam, moex-iss-csv or moex-iss-json (default: detected)")
    String format;

    @Option(name = "--instrument", description = "Instrument id or ticker for every candle (required for MOEX ISS files)")
    String instrument;

    @Reference(optional = true)
    CandleImport candleImport;

    @Reference
    Session session;

    @Override
    public Object execute() {
        PrintStream out = session.getConsole();
        if (candleImport == null) {
            out.println("The data feed is not running (is the database up? see strela:status)");
            return null;
        }
        Path file = Path.of(path).toAbsolutePath();
        ImportReport report = candleImport.importPath(file, format, instrument, (name, rows, percent, rate) ->
                out.printf("  %s: %5.1f%%  %,d rows  %,.0f rows/s%n", name, percent, rows, rate));
        print(out, report);
        return null;
    }

    static void print(PrintStream out, ImportReport r) {
        out.printf("Imported %d file(s) in %.1f s (%,.0f rows/s)%n", r.files().size(), r.elapsed().toMillis() / 1000.0, r.rowsPerSecond());
        out.println(Table.row("rows read", String.format("%,d", r.rowsRead())));
        out.println(Table.row("stored", String.format("%,d (%,d new, %,d corrected)", r.stored(), r.inserted(), r.replaced())));
        out.println(Table.row("already stored", String.format("%,d", r.unchanged())));
        out.println(Table.row("refused", String.format("%,d", r.rejected())));
        out.println(Table.row("bars closed", String.format("%,d (%,d revised by late minutes)", r.barsClosed(), r.barsRevised())));
        out.println(Table.row("not aggregated", String.format("%,d (weekend, holiday or outside exchange hours)", r.notAggregated())));
        r.rejections().forEach(line -> out.println("  refused " + line));
        if (r.rejected() > r.rejections().size()) {
            out.printf("  ... and %,d more refusals (strela:errors / live_errors)%n", r.rejected() - r.rejections().size());
        }
        r.fileErrors().forEach(e -> out.println("  ERROR " + e));
    }
}
