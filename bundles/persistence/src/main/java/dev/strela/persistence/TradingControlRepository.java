package dev.strela.persistence;

import org.osgi.annotation.versioning.ProviderType;

/** Reads and changes the trading controls; every change is kept in {@code trading_control_log}. */
@ProviderType
public interface TradingControlRepository {

    TradingControl current();

    /**
     * Sets the stop-trading flag; {@code reason} and {@code who} are required.
     *
     * @throws IllegalStateException when lifting it while a {@code reconciliation_mismatch} error is not acknowledged
     */
    TradingControl setStopTrading(boolean on, String reason, String who);

    /**
     * A person acknowledges a {@code reconciliation_mismatch} error (after checking the broker): it no longer keeps
     * trading stopped; {@code note} says what was found and is appended to the error's message. Stop-trading itself
     * stays as it is until {@link #setStopTrading} lifts it. Acknowledging twice is harmless.
     *
     * @throws IllegalArgumentException for an id that is not a {@code reconciliation_mismatch} error
     */
    TradingControl acknowledge(long errorId, String note, String who);

    /** Sets safe mode; {@code reason} and {@code who} are required. */
    TradingControl setSafeMode(boolean on, String reason, String who);
}
