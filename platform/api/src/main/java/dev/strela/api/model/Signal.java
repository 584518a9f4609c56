package dev.strela.api.model;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.math.BigDecimal;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The declarative signal a strategy returns (ARCHITECTURE.md, Signal). It names levels and a
 * share of the allowed risk, never a quantity; risk and execution turn it into an order.
 *
 * <p>The constructor only fills defaults ({@code size_mode} RISK_FRACTION, {@code size_value} 1.0,
 * empty {@code meta}); it does NOT validate. The strategy runner validates a returned signal and
 * reports the offending field. JSON form: {@link SignalJson}, property names in snake_case.
 *
 * @param entryPrice null for MARKET entries
 * @param stopLoss   mandatory for entries (OPEN, REVERSE, ADD)
 * @param takeProfit optional
 * @param sizeValue  share of {@code risk_per_trade}, default 1.0
 * @param meta       free JSON (tag, comment, debug); unmodifiable, may hold null values
 */
public record Signal(
        @JsonProperty("type") SignalType type,
        @JsonProperty("direction") Direction direction,
        @JsonProperty("entry_type") EntryType entryType,
        @JsonProperty("entry_price") BigDecimal entryPrice,
        @JsonProperty("stop_loss") BigDecimal stopLoss,
        @JsonProperty("take_profit") BigDecimal takeProfit,
        @JsonProperty("size_mode") SizeMode sizeMode,
        @JsonProperty("size_value") BigDecimal sizeValue,
        @JsonProperty("meta") Map<String, Object> meta) {

    /** {@code size_value} when none is given: the full {@code risk_per_trade}. */
    public static final BigDecimal DEFAULT_SIZE_VALUE = new BigDecimal("1.0");

    public Signal {
        sizeMode = sizeMode == null ? SizeMode.RISK_FRACTION : sizeMode;
        sizeValue = sizeValue == null ? DEFAULT_SIZE_VALUE : sizeValue;
        meta = meta == null ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(meta));
    }

    /** OPEN LONG at market with the given stop. */
    public static Signal openLong(BigDecimal stopLoss) {
        return entry(SignalType.OPEN, Direction.LONG, stopLoss);
    }

    /** OPEN SHORT at market with the given stop. */
    public static Signal openShort(BigDecimal stopLoss) {
        return entry(SignalType.OPEN, Direction.SHORT, stopLoss);
    }

    /** REVERSE to {@code direction} at market with the given stop. */
    public static Signal reverse(Direction direction, BigDecimal stopLoss) {
        return entry(SignalType.REVERSE, direction, stopLoss);
    }

    /** ADD to the {@code direction} position at market with the given stop. */
    public static Signal add(Direction direction, BigDecimal stopLoss) {
        return entry(SignalType.ADD, direction, stopLoss);
    }

    /** CLOSE the position at market. */
    public static Signal close() {
        return new Signal(SignalType.CLOSE, Direction.FLAT, EntryType.MARKET, null, null, null, null, null, null);
    }

    private static Signal entry(SignalType type, Direction direction, BigDecimal stopLoss) {
        return new Signal(type, direction, EntryType.MARKET, null, stopLoss, null, null, null, null);
    }

    /** Same signal entering at a LIMIT price. */
    public Signal withLimit(BigDecimal price) {
        return new Signal(type, direction, EntryType.LIMIT, price, stopLoss, takeProfit, sizeMode, sizeValue, meta);
    }

    /** Same signal entering on a STOP (trigger) price. */
    public Signal withStopEntry(BigDecimal price) {
        return new Signal(type, direction, EntryType.STOP, price, stopLoss, takeProfit, sizeMode, sizeValue, meta);
    }

    /** Same signal with a take-profit level. */
    public Signal withTakeProfit(BigDecimal level) {
        return new Signal(type, direction, entryType, entryPrice, stopLoss, level, sizeMode, sizeValue, meta);
    }

    /** Same signal with another share of {@code risk_per_trade}. */
    public Signal withSizeValue(BigDecimal value) {
        return new Signal(type, direction, entryType, entryPrice, stopLoss, takeProfit, sizeMode, value, meta);
    }

    /** Same signal with {@code meta} replaced. */
    public Signal withMeta(Map<String, Object> newMeta) {
        return new Signal(type, direction, entryType, entryPrice, stopLoss, takeProfit, sizeMode, sizeValue, newMeta);
    }

    /** Same signal with one {@code meta} entry added or replaced. */
    public Signal withMeta(String key, Object value) {
        Map<String, Object> copy = new LinkedHashMap<>(meta);
        copy.put(key, value);
        return withMeta(copy);
    }
}
