package dev.strela.api.model;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/** {@code strategy_universe.mode}: whether a row trades, and on which account. */
public enum TradingMode {
    OFF("off"),
    /** FakeBroker's paper account. */
    PAPER("paper"),
    /** The real broker account. */
    LIVE("live");

    private final String code;

    TradingMode(String code) {
        this.code = code;
    }

    /** Lower-case database value: "off", "paper", "live". */
    public String code() {
        return code;
    }

    /** PAPER or LIVE: the strategy is called on bar close. */
    public boolean isTrading() {
        return this != OFF;
    }

    /**
     * Parses a database value, ignoring case.
     *
     * @throws IllegalArgumentException naming the valid codes
     */
    public static TradingMode fromCode(String text) {
        if (text != null) {
            String wanted = text.trim().toLowerCase(Locale.ROOT);
            for (TradingMode mode : values()) {
                if (mode.code.equals(wanted)) {
                    return mode;
                }
            }
        }
        throw new IllegalArgumentException("mode: unknown code '" + text + "', expected one of "
                + Arrays.stream(values()).map(TradingMode::code).collect(Collectors.joining(", ")));
    }
}
