package dev.strela.datafeed.internal.demo;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import dev.strela.api.model.Timeframe;
import dev.strela.api.model.TradingMode;
import dev.strela.persistence.StrategyUniverseRepository;
import dev.strela.persistence.UniverseRow;

/** {@code strategy_universe} in memory, for tests. */
final class InMemoryUniverse implements StrategyUniverseRepository {

    private final List<UniverseRow> rows = new ArrayList<>();
    private long nextId = 1;
    private int adds;
    RuntimeException failAdds;

    @Override
    public synchronized List<UniverseRow> active(String symbol, Timeframe timeframe) {
        return rows.stream().filter(r -> r.symbol().equals(symbol) && r.timeframe() == timeframe && r.enabled()
                && r.mode().isTrading()).toList();
    }

    @Override
    public synchronized List<UniverseRow> all() {
        return List.copyOf(rows);
    }

    @Override
    public synchronized Optional<UniverseRow> find(long id) {
        return rows.stream().filter(r -> r.id() == id).findFirst();
    }

    @Override
    public synchronized long add(String strategy, String symbol, Timeframe timeframe, TradingMode mode, String paramsJson,
                                 boolean enabled) {
        if (failAdds != null) {
            throw failAdds;
        }
        adds++;
        long id = nextId++;
        rows.add(new UniverseRow(id, strategy, symbol, timeframe, enabled, mode, 0, paramsJson, new BigDecimal("0.02"),
                new BigDecimal("0.2"), 1, 0, null));
        return id;
    }

    @Override
    public synchronized boolean setEnabled(long id, boolean enabled, String reason) {
        for (int i = 0; i < rows.size(); i++) {
            UniverseRow r = rows.get(i);
            if (r.id() == id) {
                rows.set(i, new UniverseRow(r.id(), r.strategy(), r.symbol(), r.timeframe(), enabled, r.mode(),
                        r.priority(), r.paramsJson(), r.riskPerTrade(), r.maxStopLossFraction(),
                        r.maxPositionsPerStrategy(), enabled ? 0 : r.consecutiveFailures(), enabled ? null : reason));
                return true;
            }
        }
        return false;
    }

    @Override
    public boolean setParam(long id, String key, String jsonValue) {
        throw new UnsupportedOperationException("not needed by the demo");
    }

    @Override
    public int recordFailure(long id) {
        throw new UnsupportedOperationException("not needed by the demo");
    }

    @Override
    public void resetFailures(long id) {
        throw new UnsupportedOperationException("not needed by the demo");
    }

    synchronized int adds() {
        return adds;
    }
}
