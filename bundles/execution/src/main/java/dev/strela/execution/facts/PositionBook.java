package dev.strela.execution.facts;

/**
 * Positions of the run. A position slot is an instrument a strategy row holds or has a working entry order in.
 *
 * @param totalOpenPositions      slots taken in the run, all strategies
 * @param openPositionsForStrategy slots taken by this signal's strategy row
 * @param currentLots             this row's position in the signal's instrument, signed lots (negative = short)
 * @param pendingLots             this row's working entry orders in the instrument, signed remaining lots
 */
public record PositionBook(int totalOpenPositions, int openPositionsForStrategy, long currentLots, long pendingLots) {

    public int getTotalOpenPositions() { return totalOpenPositions; }
    public int getOpenPositionsForStrategy() { return openPositionsForStrategy; }
    public long getCurrentLots() { return currentLots; }
    public long getPendingLots() { return pendingLots; }
}
