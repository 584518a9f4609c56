package dev.strela.strategy.smacrossover.internal;

import dev.strela.api.model.Context;
import java.math.BigDecimal;
import java.util.Locale;

/**
 * The parameters of one {@code strategy_universe} row, read from {@link Context#params()} and
 * checked; a bad value throws {@link IllegalArgumentException} naming the parameter, which the
 * runner reports as {@code strategy_exception}.
 *
 * @param fast        bars of the fast SMA of closes, &gt; 0 and below {@code slow}
 * @param slow        bars of the slow SMA of closes
 * @param atrPeriod   bars of the ATR that sets the stop distance, &gt; 0
 * @param atrMultiple stop distance in ATRs, &gt; 0
 * @param allowShort  whether a downward crossing opens a short when flat
 */
record SmaCrossoverParams(int fast, int slow, int atrPeriod, BigDecimal atrMultiple, boolean allowShort) {

    static final String FAST = "fast";
    static final String SLOW = "slow";
    static final String ATR_PERIOD = "atrPeriod";
    static final String ATR_MULTIPLE = "atrMultiple";
    static final String ALLOW_SHORT = "allowShort";

    static final SmaCrossoverParams DEFAULTS = new SmaCrossoverParams(10, 30, 14, new BigDecimal("2.0"), false);

    SmaCrossoverParams {
        positive(FAST, fast);
        positive(SLOW, slow);
        positive(ATR_PERIOD, atrPeriod);
        if (fast >= slow) {
            throw new IllegalArgumentException("params." + FAST + ": must be below params." + SLOW
                    + ", was fast=" + fast + " slow=" + slow);
        }
        if (atrMultiple.signum() <= 0) {
            throw new IllegalArgumentException("params." + ATR_MULTIPLE + ": must be positive, was "
                    + atrMultiple.toPlainString());
        }
        if (barsRequired(slow, atrPeriod) > SmaCrossoverStrategy.MAX_BARS) {
            throw new IllegalArgumentException("params: slow=" + slow + " and atrPeriod=" + atrPeriod + " need "
                    + barsRequired(slow, atrPeriod) + " bars, more than the " + SmaCrossoverStrategy.MAX_BARS
                    + " this strategy asks for");
        }
    }

    /** The row's parameters, defaults for the absent ones. */
    static SmaCrossoverParams from(Context ctx) {
        return new SmaCrossoverParams(
                ctx.intParam(FAST, DEFAULTS.fast),
                ctx.intParam(SLOW, DEFAULTS.slow),
                ctx.intParam(ATR_PERIOD, DEFAULTS.atrPeriod),
                ctx.decimalParam(ATR_MULTIPLE, DEFAULTS.atrMultiple),
                bool(ALLOW_SHORT, ctx.stringParam(ALLOW_SHORT, Boolean.toString(DEFAULTS.allowShort))));
    }

    /**
     * Bars needed before the strategy decides: two full slow SMAs (the closed bar and the one before
     * it, which a crossing compares) and {@code atrPeriod} more bars to warm the ATR up.
     */
    int barsRequired() {
        return (int) barsRequired(slow, atrPeriod);
    }

    private static long barsRequired(int slow, int atrPeriod) {
        return slow + 1L + atrPeriod;
    }

    private static void positive(String name, int value) {
        if (value <= 0) {
            throw new IllegalArgumentException("params." + name + ": must be positive, was " + value);
        }
    }

    private static boolean bool(String name, String text) {
        return switch (text.trim().toLowerCase(Locale.ROOT)) {
            case "true" -> true;
            case "false" -> false;
            default -> throw new IllegalArgumentException("params." + name + ": expected true or false, was '"
                    + text + "'");
        };
    }
}
