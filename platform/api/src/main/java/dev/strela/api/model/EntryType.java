package dev.strela.api.model;

/** How a signal wants to enter: at market, at a limit price, or on a stop (trigger) price. */
public enum EntryType {
    MARKET,
    LIMIT,
    STOP
}
