package dev.strela.console.internal;

import java.io.PrintStream;
import java.util.List;
import java.util.Optional;

import org.apache.karaf.shell.api.action.Action;
import org.apache.karaf.shell.api.action.Argument;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Option;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.apache.karaf.shell.api.console.Session;

import dev.strela.api.model.Bar;
import dev.strela.api.model.Instrument;
import dev.strela.api.model.Timeframe;
import dev.strela.persistence.MarketDataRepository;

/** {@code strela:candles <instrument> <timeframe> [--last N]}: the stored bars, oldest first. */
@Service
@Command(scope = "strela", name = "candles", description = "Shows the last stored candles of an instrument and timeframe")
public class CandlesCommand implements Action {

    @Argument(index = 0, name = "instrument", required = true, description = "Instrument id or ticker")
    String instrument;

    @Argument(index = 1, name = "timeframe", required = true, description = "1m, 5m, 15m, 1h or 1d")
    String timeframe;

    @Option(name = "--last", description = "How many bars (default 20)")
    int last = 20;

    @Reference(optional = true)
    MarketDataRepository marketData;

    @Reference
    Session session;

    @Override
    public Object execute() {
        PrintStream out = session.getConsole();
        if (marketData == null) {
            out.println(Table.NO_DATABASE);
            return null;
        }
        Timeframe tf;
        try {
            tf = Timeframe.fromCode(timeframe);
        } catch (IllegalArgumentException e) {
            out.println(e.getMessage());
            return null;
        }
        Optional<Instrument> found = marketData.findInstrument(instrument);
        if (found.isEmpty()) {
            out.println("Unknown instrument '" + instrument + "' (strela:instrument-add adds one)");
            return null;
        }
        Instrument i = found.get();
        List<Bar> bars = marketData.lastBars(i.id(), tf, Math.max(1, last));
        out.printf("%s (%s) %s: %d bar(s), times in UTC%n", i.ticker(), i.id(), tf.code(), bars.size());
        out.printf("%-20s %12s %12s %12s %12s %12s%n", "open time", "open", "high", "low", "close", "volume");
        for (Bar b : bars) {
            out.printf("%-20s %12s %12s %12s %12s %12d%n", Table.time(b.openTime()).replace(" UTC", ""),
                    b.open().toPlainString(), b.high().toPlainString(), b.low().toPlainString(), b.close().toPlainString(), b.volume());
        }
        return null;
    }
}
