package dev.strela.testing.tinkoff;

import java.math.BigDecimal;
import java.util.List;

import dev.strela.testing.tinkoff.internal.Account;
import dev.strela.testing.tinkoff.internal.Exchange;

/**
 * Test-side control of accounts: open and fund them without a client, read cash and positions directly. A client
 * can do the same through SandboxService (OpenSandboxAccount, SandboxPayIn); both reach the same accounts.
 */
public final class SandboxAccounts {
    private static final String RUB = "rub";

    private final Exchange exchange;

    SandboxAccounts(Exchange exchange) {
        this.exchange = exchange;
    }

    /** Opens an account with a random UUID as its id, as OpenSandboxAccount does. */
    public String open() {
        return exchange.ledger().open(null, "Sandbox account").id();
    }

    /** Opens an account with a chosen id (an existing one is kept as it is). */
    public String open(String accountId) {
        return exchange.ledger().open(accountId, "Sandbox account").id();
    }

    public void close(String accountId) {
        exchange.ledger().close(accountId);
    }

    /** Credits rubles; returns the new ruble balance. */
    public BigDecimal payIn(String accountId, String amount) {
        return exchange.ledger().payIn(accountId, new BigDecimal(amount), RUB);
    }

    public BigDecimal payIn(String accountId, BigDecimal amount, String currency) {
        return exchange.ledger().payIn(accountId, amount, currency);
    }

    /** All rubles on the account, including those held back for active buy orders. */
    public BigDecimal cash(String accountId) {
        return exchange.ledger().cash(accountId, RUB);
    }

    public BigDecimal cash(String accountId, String currency) {
        return exchange.ledger().cash(accountId, currency);
    }

    /** The position in pieces (lots times lot size), negative when short. */
    public long position(String accountId, String instrumentId) {
        TestInstrument instrument = exchange.instruments().find(instrumentId)
                .orElseThrow(() -> new IllegalArgumentException("unknown instrument: " + instrumentId));
        return exchange.ledger().require(accountId).quantity(instrument.uid());
    }

    /** Ids of the open accounts, oldest first. */
    public List<String> ids() {
        return exchange.ledger().openAccounts().stream().map(Account::id).toList();
    }
}
