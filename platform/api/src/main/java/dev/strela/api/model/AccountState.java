package dev.strela.api.model;

import java.math.BigDecimal;
import java.time.Instant;

/**
 * Money on a broker account at one moment.
 *
 * @param cash     cash balance
 * @param freeCash cash available for new orders (cash minus what open orders block)
 * @param equity   cash plus the market value of positions
 * @param asOf     when the broker (or FakeBroker) reported it
 */
public record AccountState(String accountId, BigDecimal cash, BigDecimal freeCash, BigDecimal equity,
                           String currency, Instant asOf) {

    public AccountState {
        Checks.notBlank(accountId, "accountId");
        Checks.notNull(cash, "cash");
        Checks.notNull(freeCash, "freeCash");
        Checks.notNull(equity, "equity");
        Checks.notBlank(currency, "currency");
        Checks.notNull(asOf, "asOf");
    }
}
