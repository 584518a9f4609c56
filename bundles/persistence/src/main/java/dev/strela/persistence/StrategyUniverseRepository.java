package dev.strela.persistence;

import java.util.List;
import java.util.Optional;

import org.osgi.annotation.versioning.ProviderType;

import dev.strela.api.model.Timeframe;
import dev.strela.api.model.TradingMode;

/** {@code strategy_universe}: configuration only; positions and orders live elsewhere. */
@ProviderType
public interface StrategyUniverseRepository {

    /** Enabled rows in paper or live mode for the instrument and timeframe, highest priority first. */
    List<UniverseRow> active(String symbol, Timeframe timeframe);

    List<UniverseRow> all();

    Optional<UniverseRow> find(long id);

    /** Adds a row (defaults: risk 0.02, max stop 0.2 from the schema) and returns its id. */
    long add(String strategy, String symbol, Timeframe timeframe, TradingMode mode, String paramsJson, boolean enabled);

    /** Enables (clearing failures and the disabled reason) or disables a row; false when there is no such row. */
    boolean setEnabled(long id, boolean enabled, String reason);

    /** Sets one key of {@code params_json} to a JSON value (e.g. {@code 12}, {@code "abc"}); false when no such row. */
    boolean setParam(long id, String key, String jsonValue);

    /** Counts one more consecutive failure and returns the new count. */
    int recordFailure(long id);

    /** A successful call: the consecutive failure count goes back to 0. */
    void resetFailures(long id);
}
