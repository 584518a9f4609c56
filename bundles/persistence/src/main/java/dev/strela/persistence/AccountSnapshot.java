package dev.strela.persistence;

import java.math.BigDecimal;

/**
 * A run's account as one signal's transaction sees it; amounts in the account currency.
 *
 * @param cash     {@code accounts.cash}
 * @param freeCash cash minus what the run's active buy orders may still spend: over orders with status NEW, SUBMITTED
 *                 or PARTIALLY_FILLED, side BUY and type MARKET, LIMIT or STOP, the sum of
 *                 {@code (lots - filled_lots) * instruments.lot * price}, where price is the order's price, else the
 *                 symbol's latest {@code candles_1m} close, else 0; and minus what covering the run's short
 *                 positions costs (their units times the latest close, else their average price): a short sale's
 *                 proceeds are in the cash but owed back, so they cannot fund other entries
 * @param equity   cash plus, over the run's non-zero {@code live_positions}, the sum of {@code quantity} (signed
 *                 units) times the symbol's latest {@code candles_1m} close ({@code average_price} when it has none)
 */
public record AccountSnapshot(String accountId, BigDecimal cash, BigDecimal freeCash, BigDecimal equity) {
}
