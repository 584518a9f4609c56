package dev.strela.execution.facts;

import java.math.BigDecimal;

/**
 * The run's account. Absent from the session when the run has no account.
 *
 * @param equity   cash plus the market value of positions
 * @param freeCash cash not blocked by working buy orders
 */
public record AccountFacts(String accountId, BigDecimal equity, BigDecimal freeCash) {

    public String getAccountId() { return accountId; }
    public BigDecimal getEquity() { return equity; }
    public BigDecimal getFreeCash() { return freeCash; }
}
