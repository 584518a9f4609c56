package dev.strela.datafeed.internal.demo;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import dev.strela.api.model.Instrument;
import dev.strela.api.model.Timeframe;
import dev.strela.api.model.TradingMode;
import dev.strela.persistence.MarketDataRepository;
import dev.strela.persistence.StrategyUniverseRepository;
import dev.strela.persistence.UniverseRow;

/**
 * What the demo needs in the database before its first candle: its instruments and its paper
 * {@code strategy_universe} rows. Both are created only when absent, so restarts create nothing twice and what a
 * user changed (a disabled row, an edited parameter, another lot size) is left as it is.
 */
final class DemoSetup {

    /** Board of the demo instruments: no real MOEX board is called that. */
    static final String CLASS_CODE = "SIM";
    static final int LOT = 10;
    static final BigDecimal TICK = new BigDecimal("0.01");
    static final String CURRENCY = "rub";

    private DemoSetup() {
    }

    /** {@code sim-1 .. sim-n}. */
    static List<String> instrumentIds(int n) {
        List<String> ids = new ArrayList<>(n);
        for (int i = 1; i <= n; i++) {
            ids.add("sim-" + i);
        }
        return List.copyOf(ids);
    }

    /** The demo instrument {@code sim-i}: ticker {@code SIMi}, board SIM, lot 10, tick 0.01, rub. */
    static Instrument instrument(String id) {
        String ticker = "SIM" + id.substring(id.indexOf('-') + 1);
        return new Instrument(id, ticker, CLASS_CODE, LOT, TICK, CURRENCY);
    }

    /** Saves the instruments that do not exist yet (looked up by id); returns those it created. */
    static List<String> ensureInstruments(MarketDataRepository repository, List<String> ids) {
        Set<String> present = new HashSet<>();
        repository.instruments().forEach(i -> present.add(i.id()));
        List<String> created = new ArrayList<>();
        for (String id : ids) {
            if (!present.contains(id)) {
                repository.saveInstrument(instrument(id));
                created.add(id);
            }
        }
        return List.copyOf(created);
    }

    /**
     * Adds an enabled paper row for every strategy, instrument and the timeframe that has no row yet. A row of the
     * same strategy, instrument and timeframe in any mode and state counts as present (a user who disabled it or
     * moved it to another mode keeps it so). Returns the ids of the rows it added.
     */
    static List<Long> ensureUniverse(StrategyUniverseRepository universe, List<DemoStrategy> strategies,
                                     List<String> instrumentIds, Timeframe timeframe) {
        List<UniverseRow> existing = universe.all();
        List<Long> added = new ArrayList<>();
        for (String id : instrumentIds) {
            for (DemoStrategy strategy : strategies) {
                boolean present = existing.stream().anyMatch(row -> row.strategy().equals(strategy.name())
                        && row.symbol().equals(id) && row.timeframe() == timeframe);
                if (!present) {
                    added.add(universe.add(strategy.name(), id, timeframe, TradingMode.PAPER, strategy.paramsJson(), true));
                }
            }
        }
        return List.copyOf(added);
    }
}
