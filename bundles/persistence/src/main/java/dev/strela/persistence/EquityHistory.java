package dev.strela.persistence;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;

import org.osgi.annotation.versioning.ProviderType;

import dev.strela.api.model.Timeframe;

/**
 * A run's equity over time, rebuilt from what is stored: the account's cash and positions now, rolled back through the
 * run's trades, and valued at the closes of the instruments' bars.
 */
@ProviderType
public interface EquityHistory {

    /** Equity at one moment: cash plus the open positions valued at their latest close (at the moment). */
    record EquityPoint(Instant at, BigDecimal cash, BigDecimal positionsValue, BigDecimal equity) {
    }

    /**
     * Points at {@code from}, at every close of a {@code step} bar of the instruments the run held or traded in the
     * window, and at {@code to}. {@code to} null: the latest such close or trade (the data's own time, which in a demo or
     * replay is not the wall clock); {@code from} null: {@code maxPoints} steps before {@code to}. At most
     * {@code maxPoints} points: when there are more closes, evenly spaced ones are kept (always the first and the last).
     * Empty when the run has no account.
     *
     * @throws IllegalArgumentException when {@code from} is not before {@code to}, or {@code maxPoints} &lt; 2
     */
    List<EquityPoint> equity(String runId, Timeframe step, Instant from, Instant to, int maxPoints);
}
