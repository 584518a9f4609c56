package dev.strela.execution.facts;

import java.math.BigDecimal;

/** The instrument: units per lot and price tick. */
public record InstrumentFacts(String symbol, String ticker, int lot, BigDecimal minPriceIncrement) {

    public String getSymbol() { return symbol; }
    public String getTicker() { return ticker; }
    public int getLot() { return lot; }
    public BigDecimal getMinPriceIncrement() { return minPriceIncrement; }
}
