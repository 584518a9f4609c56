package dev.strela.console.internal;

import java.io.PrintStream;
import java.util.Optional;

import org.apache.karaf.shell.api.action.Action;
import org.apache.karaf.shell.api.action.Argument;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Option;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.apache.karaf.shell.api.console.Session;

import dev.strela.api.model.Instrument;
import dev.strela.api.model.SignalFormatException;
import dev.strela.api.model.SignalJson;
import dev.strela.api.model.Timeframe;
import dev.strela.api.model.TradingMode;
import dev.strela.persistence.MarketDataRepository;
import dev.strela.persistence.StrategyUniverseRepository;

/** {@code strela:universe-add}: binds a strategy to an instrument and timeframe. */
@Service
@Command(scope = "strela", name = "universe-add", description = "Binds a strategy to an instrument and timeframe (a strategy_universe row)")
public class UniverseAddCommand implements Action {

    @Argument(index = 0, name = "strategy", required = true, description = "Strategy name, e.g. sma_crossover")
    String strategy;

    @Argument(index = 1, name = "instrument", required = true, description = "Instrument id or ticker")
    String instrument;

    @Argument(index = 2, name = "timeframe", required = true, description = "1m, 5m, 15m, 1h or 1d")
    String timeframe;

    @Option(name = "--params", description = "Parameters as a JSON object, e.g. {\"fast\":10,\"slow\":30}")
    String params = "{}";

    @Option(name = "--mode", description = "paper (default), live or off")
    String mode = "paper";

    @Option(name = "--disabled", description = "Add the row disabled")
    boolean disabled;

    @Reference(optional = true)
    StrategyUniverseRepository universe;

    @Reference(optional = true)
    MarketDataRepository marketData;

    @Reference
    Session session;

    @Override
    public Object execute() {
        PrintStream out = session.getConsole();
        if (universe == null || marketData == null) {
            out.println(Table.NO_DATABASE);
            return null;
        }
        try {
            Timeframe tf = Timeframe.fromCode(timeframe);
            TradingMode m = TradingMode.fromCode(mode);
            try {
                SignalJson.mapFromJson(params);
            } catch (SignalFormatException e) {
                out.println("--params: not a JSON object (quote it: --params '{\"fast\":10}'): " + e.getMessage());
                return null;
            }
            Optional<Instrument> found = marketData.findInstrument(instrument);
            if (found.isEmpty()) {
                out.println("Unknown instrument '" + instrument + "' (strela:instrument-add adds one)");
                return null;
            }
            long id = universe.add(strategy, found.get().id(), tf, m, params, !disabled);
            out.printf("Universe row %d: %s on %s %s, mode %s, %s, params %s%n", id, strategy, found.get().ticker(), tf.code(),
                    m.code(), disabled ? "disabled" : "enabled", params);
        } catch (IllegalArgumentException e) {
            out.println(e.getMessage());
        }
        return null;
    }
}
