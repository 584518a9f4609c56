package dev.strela.api.model;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What a strategy sees on a bar close: the instrument, recent bars, its own position and active
 * orders, its parameters, and risk figures for reference (a strategy never sizes an order).
 * All collections are unmodifiable copies.
 *
 * @param barTime             {@link Bar#openTime()} of the bar that just closed (the last of {@code bars})
 * @param bars                oldest first, not empty; the last is the bar that just closed
 * @param position            this strategy's open position in the instrument, empty when flat
 * @param activeOrders        this strategy's orders that are not terminal
 * @param params              from {@code strategy_universe.params_json}; floats are BigDecimal,
 *                            whole numbers Integer or Long; may hold null values
 * @param equity              account equity, for reference
 * @param riskPerTrade        share of equity risked per trade (e.g. 0.02)
 * @param maxStopLossFraction farthest allowed stop as a share of the entry price (e.g. 0.2)
 * @param strategyUniverseId  the {@code strategy_universe} row being run
 */
public record Context(Instrument instrument, Timeframe timeframe, Instant barTime, List<Bar> bars,
                      Optional<Position> position, List<Order> activeOrders, Map<String, Object> params,
                      BigDecimal equity, BigDecimal riskPerTrade, BigDecimal maxStopLossFraction,
                      long strategyUniverseId) {

    public Context {
        Checks.notNull(instrument, "instrument");
        Checks.notNull(timeframe, "timeframe");
        Checks.notNull(barTime, "barTime");
        bars = List.copyOf(Checks.notNull(bars, "bars"));
        if (bars.isEmpty()) {
            throw new IllegalArgumentException("bars: must hold at least the bar that just closed");
        }
        Bar last = bars.get(bars.size() - 1);
        if (!last.openTime().equals(barTime) || last.timeframe() != timeframe) {
            throw new IllegalArgumentException("bars: last bar " + last.timeframe().code() + " " + last.openTime()
                    + " is not the closed bar " + timeframe.code() + " " + barTime);
        }
        position = position == null ? Optional.empty() : position;
        activeOrders = activeOrders == null ? List.of() : List.copyOf(activeOrders);
        params = params == null ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(params));
        Checks.notNull(equity, "equity");
        Checks.notNull(riskPerTrade, "riskPerTrade");
        Checks.notNull(maxStopLossFraction, "maxStopLossFraction");
    }

    /** The bar that just closed. */
    public Bar lastBar() {
        return bars.get(bars.size() - 1);
    }

    /** The instrument's ticker, e.g. "SBER". */
    public String symbol() {
        return instrument.ticker();
    }

    /**
     * A whole-number parameter, or {@code defaultValue} when absent or null.
     *
     * @throws IllegalArgumentException when the value is not a whole number
     */
    public int intParam(String name, int defaultValue) {
        Object value = params.get(name);
        if (value == null) {
            return defaultValue;
        }
        try {
            return toDecimal(name, value).intValueExact();
        } catch (ArithmeticException e) {
            throw new IllegalArgumentException("params." + name + ": expected a whole number, was " + value, e);
        }
    }

    /**
     * A decimal parameter, or {@code defaultValue} when absent or null.
     *
     * @throws IllegalArgumentException when the value is not a number
     */
    public BigDecimal decimalParam(String name, BigDecimal defaultValue) {
        Object value = params.get(name);
        return value == null ? defaultValue : toDecimal(name, value);
    }

    /** A text parameter ({@code toString()} of the value), or {@code defaultValue} when absent or null. */
    public String stringParam(String name, String defaultValue) {
        Object value = params.get(name);
        return value == null ? defaultValue : value.toString();
    }

    private static BigDecimal toDecimal(String name, Object value) {
        if (value instanceof BigDecimal d) {
            return d;
        }
        if (value instanceof Integer || value instanceof Long || value instanceof Short || value instanceof Byte) {
            return BigDecimal.valueOf(((Number) value).longValue());
        }
        if (value instanceof BigInteger i) {
            return new BigDecimal(i);
        }
        if (value instanceof Number || value instanceof String) {
            try {
                return new BigDecimal(value.toString().trim());
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("params." + name + ": expected a number, was '" + value + "'", e);
            }
        }
        throw new IllegalArgumentException("params." + name + ": expected a number, was " + value.getClass().getSimpleName());
    }
}
