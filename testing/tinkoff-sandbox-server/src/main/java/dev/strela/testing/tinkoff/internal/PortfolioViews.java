package dev.strela.testing.tinkoff.internal;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Instant;
import java.util.Map;
import java.util.TreeMap;

import dev.strela.testing.tinkoff.TestInstrument;
import ru.tinkoff.piapi.contract.v1.OperationState;
import ru.tinkoff.piapi.contract.v1.OperationsRequest;
import ru.tinkoff.piapi.contract.v1.OperationsResponse;
import ru.tinkoff.piapi.contract.v1.PortfolioPosition;
import ru.tinkoff.piapi.contract.v1.PortfolioResponse;
import ru.tinkoff.piapi.contract.v1.PositionsFutures;
import ru.tinkoff.piapi.contract.v1.PositionsResponse;
import ru.tinkoff.piapi.contract.v1.PositionsSecurities;
import ru.tinkoff.piapi.contract.v1.WithdrawLimitsResponse;

/**
 * Positions, portfolio, withdraw limits and operations of an account, read under the book lock so cash, holdings
 * and the amounts held back by active orders are consistent. Cash held for active buy orders is reported under
 * {@code blocked} and left out of {@code money}; pieces held for active sell orders likewise.
 */
public final class PortfolioViews {
    private static final String RUB = "rub";

    private final Object lock;
    private final Ledger ledger;
    private final OrderBook orders;
    private final PriceBoard prices;

    public PortfolioViews(Object lock, Ledger ledger, OrderBook orders, PriceBoard prices) {
        this.lock = lock;
        this.ledger = ledger;
        this.orders = orders;
        this.prices = prices;
    }

    public PositionsResponse positions(String accountId) {
        synchronized (lock) {
            Account account = ledger.require(accountId);
            PositionsResponse.Builder answer = PositionsResponse.newBuilder();
            cashWithRub(account).forEach((ccy, cash) -> {
                BigDecimal blocked = orders.blockedCash(accountId, ccy);
                answer.addMoney(Decimals.money(cash.subtract(blocked), ccy));
                if (blocked.signum() != 0) {
                    answer.addBlocked(Decimals.money(blocked, ccy));
                }
            });
            for (Holding holding : account.holdings()) {
                TestInstrument instrument = holding.instrument();
                long blocked = orders.blockedPieces(accountId, instrument, holding.quantity());
                long balance = holding.quantity() - blocked;
                if (instrument.kind() == TestInstrument.Kind.FUTURE) {
                    answer.addFutures(PositionsFutures.newBuilder().setFigi(instrument.figi())
                            .setInstrumentUid(instrument.uid()).setPositionUid(instrument.positionUid())
                            .setBalance(balance).setBlocked(blocked));
                } else {
                    answer.addSecurities(PositionsSecurities.newBuilder().setFigi(instrument.figi())
                            .setInstrumentUid(instrument.uid()).setPositionUid(instrument.positionUid())
                            .setInstrumentType(instrument.kind().apiName())
                            .setBalance(balance).setBlocked(blocked));
                }
            }
            return answer.build();
        }
    }

    public WithdrawLimitsResponse withdrawLimits(String accountId) {
        synchronized (lock) {
            Account account = ledger.require(accountId);
            WithdrawLimitsResponse.Builder answer = WithdrawLimitsResponse.newBuilder();
            cashWithRub(account).forEach((ccy, cash) -> {
                BigDecimal blocked = orders.blockedCash(accountId, ccy);
                answer.addMoney(Decimals.money(cash.subtract(blocked), ccy));
                if (blocked.signum() != 0) {
                    answer.addBlocked(Decimals.money(blocked, ccy));
                }
            });
            return answer.build();
        }
    }

    /** The portfolio in rubles; other currencies are summed as if they were rubles (no conversion here). */
    public PortfolioResponse portfolio(String accountId) {
        synchronized (lock) {
            Account account = ledger.require(accountId);
            BigDecimal shares = BigDecimal.ZERO;
            BigDecimal futures = BigDecimal.ZERO;
            BigDecimal profit = BigDecimal.ZERO;
            BigDecimal cost = BigDecimal.ZERO;
            PortfolioResponse.Builder answer = PortfolioResponse.newBuilder().setAccountId(accountId);
            for (Holding holding : account.holdings()) {
                TestInstrument instrument = holding.instrument();
                BigDecimal quantity = BigDecimal.valueOf(holding.quantity());
                BigDecimal price = prices.price(instrument.uid()).orElse(holding.averagePrice());
                BigDecimal value = price.multiply(quantity);
                BigDecimal positionProfit = price.subtract(holding.averagePrice()).multiply(quantity);
                if (instrument.kind() == TestInstrument.Kind.FUTURE) {
                    futures = futures.add(value);
                } else {
                    shares = shares.add(value);
                }
                profit = profit.add(positionProfit);
                cost = cost.add(holding.averagePrice().multiply(quantity).abs());
                answer.addPositions(position(accountId, holding, price, positionProfit));
            }
            BigDecimal currencies = account.cash().values().stream().reduce(BigDecimal.ZERO, BigDecimal::add);
            BigDecimal yieldPercent = cost.signum() == 0 ? BigDecimal.ZERO
                    : profit.multiply(BigDecimal.valueOf(100)).divide(cost, 2, RoundingMode.HALF_EVEN);
            return answer
                    .setTotalAmountShares(Decimals.money(shares, RUB))
                    .setTotalAmountFutures(Decimals.money(futures, RUB))
                    .setTotalAmountBonds(Decimals.money(BigDecimal.ZERO, RUB))
                    .setTotalAmountEtf(Decimals.money(BigDecimal.ZERO, RUB))
                    .setTotalAmountOptions(Decimals.money(BigDecimal.ZERO, RUB))
                    .setTotalAmountSp(Decimals.money(BigDecimal.ZERO, RUB))
                    .setTotalAmountCurrencies(Decimals.money(currencies, RUB))
                    .setTotalAmountPortfolio(Decimals.money(shares.add(futures).add(currencies), RUB))
                    .setExpectedYield(Decimals.quotation(yieldPercent))
                    .build();
        }
    }

    private PortfolioPosition position(String accountId, Holding holding, BigDecimal price, BigDecimal profit) {
        TestInstrument instrument = holding.instrument();
        String ccy = instrument.currency();
        long blockedLots = orders.blockedPieces(accountId, instrument, holding.quantity()) / instrument.lot();
        return PortfolioPosition.newBuilder()
                .setFigi(instrument.figi())
                .setInstrumentUid(instrument.uid())
                .setPositionUid(instrument.positionUid())
                .setInstrumentType(instrument.kind().apiName())
                .setQuantity(Decimals.quotation(BigDecimal.valueOf(holding.quantity())))
                .setQuantityLots(Decimals.quotation(BigDecimal.valueOf(holding.quantity())
                        .divide(BigDecimal.valueOf(instrument.lot()), 9, RoundingMode.DOWN).stripTrailingZeros()))
                .setAveragePositionPrice(Decimals.money(holding.averagePrice(), ccy))
                .setAveragePositionPriceFifo(Decimals.money(holding.averagePrice(), ccy))
                .setCurrentPrice(Decimals.money(price, ccy))
                .setExpectedYield(Decimals.quotation(profit))
                .setExpectedYieldFifo(Decimals.quotation(profit))
                .setCurrentNkd(Decimals.money(BigDecimal.ZERO, ccy))
                .setVarMargin(Decimals.money(BigDecimal.ZERO, ccy))
                .setBlockedLots(Decimals.quotation(BigDecimal.valueOf(blockedLots)))
                .build();
    }

    /** GetOperations: the account's operations dated within {@code [from, to]}, filtered by state and figi. */
    public OperationsResponse operations(OperationsRequest request) {
        synchronized (lock) {
            Account account = ledger.require(request.getAccountId());
            Instant from = request.hasFrom() ? Times.instant(request.getFrom()) : Instant.MIN;
            Instant to = request.hasTo() ? Times.instant(request.getTo()) : Instant.MAX;
            OperationsResponse.Builder answer = OperationsResponse.newBuilder();
            account.operations().stream()
                    .filter(o -> {
                        Instant at = Times.instant(o.getDate());
                        return !at.isBefore(from) && !at.isAfter(to);
                    })
                    .filter(o -> request.getState() == OperationState.OPERATION_STATE_UNSPECIFIED
                            || o.getState() == request.getState())
                    .filter(o -> request.getFigi().isEmpty() || request.getFigi().equals(o.getFigi()))
                    .forEach(answer::addOperations);
            return answer.build();
        }
    }

    private static Map<String, BigDecimal> cashWithRub(Account account) {
        Map<String, BigDecimal> cash = new TreeMap<>(account.cash());
        cash.putIfAbsent(RUB, BigDecimal.ZERO);
        return cash;
    }
}
