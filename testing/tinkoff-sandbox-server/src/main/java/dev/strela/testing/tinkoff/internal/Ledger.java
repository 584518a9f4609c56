package dev.strela.testing.tinkoff.internal;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;

import dev.strela.testing.tinkoff.TestInstrument;
import ru.tinkoff.piapi.contract.v1.Operation;
import ru.tinkoff.piapi.contract.v1.OperationState;
import ru.tinkoff.piapi.contract.v1.OperationTrade;
import ru.tinkoff.piapi.contract.v1.OperationType;

/** Accounts, cash and holdings; every method runs under the shared book lock. */
public final class Ledger {
    private final Object lock;
    private final Clock clock;
    private final Map<String, Account> accounts = new LinkedHashMap<>();
    private long nextOperation = 1;

    public Ledger(Object lock, Clock clock) {
        this.lock = lock;
        this.clock = clock;
    }

    /** Opens an account with the given id, or a random UUID when {@code id} is null; an existing id is reused. */
    public Account open(String id, String name) {
        synchronized (lock) {
            String accountId = id == null ? UUID.randomUUID().toString() : id;
            return accounts.computeIfAbsent(accountId, k -> new Account(k, name, clock.instant()));
        }
    }

    public void close(String accountId) {
        synchronized (lock) {
            require(accountId).close();
        }
    }

    public Account require(String accountId) {
        synchronized (lock) {
            if (accountId.isEmpty()) {
                throw ApiError.MISSING_ACCOUNT_ID.exception();
            }
            Account account = accounts.get(accountId);
            if (account == null) {
                throw ApiError.ACCOUNT_NOT_FOUND.exception("account_id=" + accountId);
            }
            return account;
        }
    }

    public Account requireOpen(String accountId) {
        Account account = require(accountId);
        if (account.isClosed()) {
            throw ApiError.ACCOUNT_CLOSED.exception("account_id=" + accountId);
        }
        return account;
    }

    /** Open accounts in the order they were opened. */
    public List<Account> openAccounts() {
        synchronized (lock) {
            return accounts.values().stream().filter(a -> !a.isClosed()).toList();
        }
    }

    /** Credits cash and records an input operation; returns the new balance in that currency. */
    public BigDecimal payIn(String accountId, BigDecimal amount, String currency) {
        synchronized (lock) {
            Account account = requireOpen(accountId);
            String ccy = currency.toLowerCase(Locale.ROOT);
            account.addCash(ccy, amount);
            account.record(operation(OperationType.OPERATION_TYPE_INPUT, "Пополнение брокерского счёта", ccy, amount)
                    .build());
            return account.cash(ccy);
        }
    }

    public BigDecimal cash(String accountId, String currency) {
        synchronized (lock) {
            return require(accountId).cash(currency.toLowerCase(Locale.ROOT));
        }
    }

    /** Moves cash and securities for one trade and records the trade and its commission as operations. */
    void applyFill(Account account, TestInstrument instrument, boolean buy, Fill fill) {
        long pieces = fill.lots() * instrument.lot();
        BigDecimal value = fill.price().multiply(BigDecimal.valueOf(pieces));
        String ccy = instrument.currency();
        account.addCash(ccy, buy ? value.negate() : value);
        account.addCash(ccy, fill.commission().negate());
        account.holding(instrument).apply(buy, pieces, fill.price());

        Instant time = fill.time();
        OperationTrade trade = OperationTrade.newBuilder()
                .setTradeId(fill.tradeId())
                .setDateTime(Times.timestamp(time))
                .setQuantity(pieces)
                .setPrice(Decimals.money(fill.price(), ccy))
                .build();
        Operation.Builder deal = operation(buy ? OperationType.OPERATION_TYPE_BUY : OperationType.OPERATION_TYPE_SELL,
                buy ? "Покупка ценных бумаг" : "Продажа ценных бумаг", ccy, buy ? value.negate() : value)
                .setPrice(Decimals.money(fill.price(), ccy))
                .setQuantity(pieces)
                .setFigi(instrument.figi())
                .setInstrumentUid(instrument.uid())
                .setPositionUid(instrument.positionUid())
                .setInstrumentType(instrument.kind().apiName())
                .setDate(Times.timestamp(time))
                .addTrades(trade);
        Operation dealOperation = deal.build();
        account.record(dealOperation);
        if (fill.commission().signum() != 0) {
            account.record(operation(OperationType.OPERATION_TYPE_BROKER_FEE, "Удержание комиссии за операцию", ccy,
                    fill.commission().negate())
                    .setParentOperationId(dealOperation.getId())
                    .setFigi(instrument.figi())
                    .setInstrumentUid(instrument.uid())
                    .setDate(Times.timestamp(time))
                    .build());
        }
    }

    private Operation.Builder operation(OperationType type, String text, String ccy, BigDecimal payment) {
        return Operation.newBuilder()
                .setId(String.valueOf(nextOperation++))
                .setCurrency(ccy)
                .setPayment(Decimals.money(payment, ccy))
                .setState(OperationState.OPERATION_STATE_EXECUTED)
                .setDate(Times.timestamp(clock.instant()))
                .setType(text)
                .setOperationType(type);
    }
}
