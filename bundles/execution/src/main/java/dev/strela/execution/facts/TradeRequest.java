package dev.strela.execution.facts;

import java.math.BigDecimal;

/**
 * The signal as the rules see it. Prices are already on the instrument's tick: the entry toward paying less, the
 * stop toward the entry (the smaller loss). For a MARKET entry {@code entryPrice} is the close of the bar that
 * produced the signal, the price the size is computed at; null when that bar is not stored.
 *
 * @param type      OPEN, CLOSE, REVERSE or ADD
 * @param direction LONG, SHORT or FLAT (CLOSE)
 * @param entryType MARKET, LIMIT or STOP
 * @param sizeValue share of {@code risk_per_trade} the strategy asks for (1.0 = all of it)
 */
public record TradeRequest(long signalId, String symbol, String type, String direction, String entryType,
                           BigDecimal entryPrice, BigDecimal stopLoss, BigDecimal takeProfit, BigDecimal sizeValue) {

    public long getSignalId() { return signalId; }
    public String getSymbol() { return symbol; }
    public String getType() { return type; }
    public String getDirection() { return direction; }
    public String getEntryType() { return entryType; }
    public BigDecimal getEntryPrice() { return entryPrice; }
    public BigDecimal getStopLoss() { return stopLoss; }
    public BigDecimal getTakeProfit() { return takeProfit; }
    public BigDecimal getSizeValue() { return sizeValue; }

    /** True for every type that may open exposure: OPEN, ADD and REVERSE. */
    public boolean isEntry() {
        return !"CLOSE".equals(type);
    }

    /** |entry - stop| in price units; null when either is missing. */
    public BigDecimal getStopDistance() {
        return entryPrice == null || stopLoss == null ? null : entryPrice.subtract(stopLoss).abs();
    }

    /** +1 for LONG, -1 for SHORT, 0 for FLAT. */
    public int getSign() {
        return "LONG".equals(direction) ? 1 : "SHORT".equals(direction) ? -1 : 0;
    }
}
