package dev.strela.strategy.donchian.internal;

import dev.strela.api.model.Context;
import java.math.BigDecimal;

/**
 * The parameters of one {@code strategy_universe} row, read from {@link Context#params()} and
 * checked; a bad value throws {@link IllegalArgumentException} naming the parameter, which the
 * runner reports as {@code strategy_exception}.
 *
 * @param entry       bars of the channel whose high a close must beat to enter, &gt; 0
 * @param exit        bars of the channel whose low a close must break to leave, &gt; 0
 * @param atrPeriod   bars of the ATR that sets the stop distance, &gt; 0
 * @param atrMultiple stop distance in ATRs, &gt; 0
 */
record DonchianBreakoutParams(int entry, int exit, int atrPeriod, BigDecimal atrMultiple) {

    static final String ENTRY = "entry";
    static final String EXIT = "exit";
    static final String ATR_PERIOD = "atrPeriod";
    static final String ATR_MULTIPLE = "atrMultiple";

    static final DonchianBreakoutParams DEFAULTS = new DonchianBreakoutParams(20, 10, 14, new BigDecimal("2.0"));

    DonchianBreakoutParams {
        positive(ENTRY, entry);
        positive(EXIT, exit);
        positive(ATR_PERIOD, atrPeriod);
        if (atrMultiple.signum() <= 0) {
            throw new IllegalArgumentException("params." + ATR_MULTIPLE + ": must be positive, was "
                    + atrMultiple.toPlainString());
        }
        long required = barsRequired(entry, exit, atrPeriod);
        if (required > DonchianBreakoutStrategy.MAX_BARS) {
            throw new IllegalArgumentException("params: entry=" + entry + ", exit=" + exit + " and atrPeriod="
                    + atrPeriod + " need " + required + " bars, more than the " + DonchianBreakoutStrategy.MAX_BARS
                    + " this strategy asks for");
        }
    }

    /** The row's parameters, defaults for the absent ones. */
    static DonchianBreakoutParams from(Context ctx) {
        return new DonchianBreakoutParams(
                ctx.intParam(ENTRY, DEFAULTS.entry),
                ctx.intParam(EXIT, DEFAULTS.exit),
                ctx.intParam(ATR_PERIOD, DEFAULTS.atrPeriod),
                ctx.decimalParam(ATR_MULTIPLE, DEFAULTS.atrMultiple));
    }

    /**
     * Bars needed before the strategy decides: the closed bar plus a full channel of earlier bars
     * ({@code max(entry, exit)}), and {@code atrPeriod} more bars to warm the ATR up.
     */
    int barsRequired() {
        return (int) barsRequired(entry, exit, atrPeriod);
    }

    private static long barsRequired(int entry, int exit, int atrPeriod) {
        return Math.max(entry, exit) + 1L + atrPeriod;
    }

    private static void positive(String name, int value) {
        if (value <= 0) {
            throw new IllegalArgumentException("params." + name + ": must be positive, was " + value);
        }
    }
}
