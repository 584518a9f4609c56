package dev.strela.persistence;

import org.osgi.annotation.versioning.ProviderType;

/** Reads and changes the trading controls; every change is kept in {@code trading_control_log}. */
@ProviderType
public interface TradingControlRepository {

    TradingControl current();

    /** Sets the stop-trading flag; {@code reason} and {@code who} are required. */
    TradingControl setStopTrading(boolean on, String reason, String who);

    /** Sets safe mode; {@code reason} and {@code who} are required. */
    TradingControl setSafeMode(boolean on, String reason, String who);
}
