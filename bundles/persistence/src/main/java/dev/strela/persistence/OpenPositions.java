package dev.strela.persistence;

/**
 * Open and pending positions as a signal's transaction sees them. A position slot is a
 * {@code (strategy_universe_id, symbol)} pair of the signal's run with a non-zero {@code live_positions} row or an
 * active entry order (status NEW, SUBMITTED or PARTIALLY_FILLED; type MARKET, LIMIT or STOP).
 *
 * @param totalOpen       slots in the run
 * @param openForStrategy slots of the signal's universe row
 * @param currentLots     signed lots of the universe row's position in the signal's symbol, 0 when none
 * @param pendingLots     signed remaining lots ({@code lots - filled_lots}; BUY +, SELL -) of the universe row's
 *                        active entry orders in the signal's symbol
 */
public record OpenPositions(int totalOpen, int openForStrategy, long currentLots, long pendingLots) {
}
