package dev.strela.datafeed;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

import org.osgi.annotation.versioning.ProviderType;

import dev.strela.api.model.Bar;
import dev.strela.api.model.Timeframe;

/**
 * The most recent closed bars of each instrument and timeframe, kept in memory by the data feed so that
 * strategies are served without a database read on every bar close.
 */
@ProviderType
public interface BarWindow {

    /**
     * The last {@code count} bars opening at or before {@code upTo}, oldest first, when memory holds all of
     * them; empty when it cannot answer in full (the caller then reads the database).
     */
    Optional<List<Bar>> barsUpTo(String instrumentId, Timeframe timeframe, Instant upTo, int count);
}
