package dev.strela.brokertinkoff.internal;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Supplier;

import dev.strela.api.model.TradingMode;
import dev.strela.persistence.StrategyUniverseRepository;
import dev.strela.persistence.UniverseRow;

/**
 * The instruments whose candles the adapter streams: those of the enabled {@code strategy_universe} rows in mode
 * {@code live} (their {@code symbol} is the platform's instrument id, a Tinkoff uid or figi), then the configured
 * extra ones; each once, in that order.
 */
final class LiveInstruments {

    private LiveInstruments() {
    }

    /** Reads the rows each time it is asked; the read throws a RuntimeException while the database is down. */
    static Supplier<List<String>> of(StrategyUniverseRepository universe, List<String> extra) {
        return () -> of(universe.all(), extra);
    }

    static List<String> of(List<UniverseRow> rows, List<String> extra) {
        Set<String> ids = new LinkedHashSet<>();
        rows.stream().filter(r -> r.enabled() && r.mode() == TradingMode.LIVE).map(UniverseRow::symbol)
                .filter(s -> s != null && !s.isBlank()).forEach(ids::add);
        ids.addAll(extra);
        return List.copyOf(ids);
    }
}
