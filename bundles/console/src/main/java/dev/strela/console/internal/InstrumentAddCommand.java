package dev.strela.console.internal;

import java.io.PrintStream;
import java.math.BigDecimal;

import org.apache.karaf.shell.api.action.Action;
import org.apache.karaf.shell.api.action.Argument;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Option;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.apache.karaf.shell.api.console.Session;

import dev.strela.api.model.Instrument;
import dev.strela.persistence.MarketDataRepository;

/** {@code strela:instrument-add <id> <ticker> <lot> <tick>}: adds or updates an instrument. */
@Service
@Command(scope = "strela", name = "instrument-add", description = "Adds or updates an instrument (lot size and price increment are used for sizing)")
public class InstrumentAddCommand implements Action {

    @Argument(index = 0, name = "id", required = true, description = "Tinkoff instrument_uid, or an id of your choice")
    String id;

    @Argument(index = 1, name = "ticker", required = true, description = "Ticker, e.g. SBER")
    String ticker;

    @Argument(index = 2, name = "lot", required = true, description = "Units per lot, e.g. 10")
    int lot;

    @Argument(index = 3, name = "tick", required = true, description = "Minimum price increment, e.g. 0.01")
    String tick;

    @Option(name = "--class-code", description = "Board (default TQBR)")
    String classCode = "TQBR";

    @Option(name = "--currency", description = "Currency (default rub)")
    String currency = "rub";

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
        try {
            Instrument instrument = new Instrument(id, ticker, classCode, lot, new BigDecimal(tick), currency);
            marketData.saveInstrument(instrument);
            out.printf("Instrument %s (%s %s): lot %d, tick %s, %s%n", id, ticker, classCode, lot, tick, currency);
        } catch (NumberFormatException e) {
            out.println("tick: not a number '" + tick + "'");
        } catch (IllegalArgumentException e) {
            out.println(e.getMessage());
        }
        return null;
    }
}
