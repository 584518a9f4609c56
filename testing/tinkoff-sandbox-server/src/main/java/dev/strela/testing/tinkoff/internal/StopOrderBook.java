package dev.strela.testing.tinkoff.internal;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import dev.strela.testing.tinkoff.TestInstrument;
import ru.tinkoff.piapi.contract.v1.OrderDirection;
import ru.tinkoff.piapi.contract.v1.OrderType;
import ru.tinkoff.piapi.contract.v1.PostStopOrderRequest;
import ru.tinkoff.piapi.contract.v1.StopOrderDirection;
import ru.tinkoff.piapi.contract.v1.StopOrderExpirationType;
import ru.tinkoff.piapi.contract.v1.StopOrderType;

/**
 * Stop orders (take-profit, stop-loss, stop-limit; good till cancel or till a date). When the test moves the
 * price through one it turns into an exchange order in the {@link OrderBook}: a market order for take-profit and
 * stop-loss, a limit order at its price for stop-limit. Shares the book lock.
 */
public final class StopOrderBook {
    private final Object lock;
    private final Clock clock;
    private final InstrumentRegistry instruments;
    private final Ledger ledger;
    private final OrderBook orders;
    private final Map<String, SimStopOrder> stops = new LinkedHashMap<>();

    public StopOrderBook(Object lock, Clock clock, InstrumentRegistry instruments, Ledger ledger, OrderBook orders) {
        this.lock = lock;
        this.clock = clock;
        this.instruments = instruments;
        this.ledger = ledger;
        this.orders = orders;
    }

    /** PostStopOrder; returns the new stop order's id. */
    public String post(PostStopOrderRequest request) {
        synchronized (lock) {
            Account account = ledger.requireOpen(request.getAccountId());
            TestInstrument instrument = instruments.require(request.getInstrumentId(), request.getFigi());
            long lots = OrderRules.requireLots(request.getQuantity());
            StopOrderDirection direction = request.getDirection();
            if (direction != StopOrderDirection.STOP_ORDER_DIRECTION_BUY
                    && direction != StopOrderDirection.STOP_ORDER_DIRECTION_SELL) {
                throw ApiError.MISSING_DIRECTION.exception();
            }
            StopOrderType type = request.getStopOrderType();
            if (type == StopOrderType.STOP_ORDER_TYPE_UNSPECIFIED || type == StopOrderType.UNRECOGNIZED) {
                throw ApiError.MISSING_STOP_ORDER_TYPE.exception();
            }
            if (!Decimals.isSet(request.getStopPrice())) {
                throw ApiError.MISSING_STOP_PRICE.exception();
            }
            BigDecimal stopPrice = OrderRules.requirePrice(request.getStopPrice(), instrument);
            BigDecimal limit = type == StopOrderType.STOP_ORDER_TYPE_STOP_LIMIT
                    ? OrderRules.requirePrice(request.getPrice(), instrument) : null;
            Instant expiresAt = expiry(request);
            OrderRules.requireTradable(instrument, direction == StopOrderDirection.STOP_ORDER_DIRECTION_BUY);
            SimStopOrder stop = new SimStopOrder(UUID.randomUUID().toString(), account.id(), instrument, direction,
                    type, lots, stopPrice, limit, clock.instant(), expiresAt);
            stops.put(stop.id(), stop);
            return stop.id();
        }
    }

    private Instant expiry(PostStopOrderRequest request) {
        StopOrderExpirationType type = request.getExpirationType();
        if (type == StopOrderExpirationType.STOP_ORDER_EXPIRATION_TYPE_GOOD_TILL_CANCEL) {
            return null;
        }
        if (type != StopOrderExpirationType.STOP_ORDER_EXPIRATION_TYPE_GOOD_TILL_DATE) {
            throw ApiError.MISSING_EXPIRATION_TYPE.exception();
        }
        Instant expiresAt = request.hasExpireDate() ? Times.instant(request.getExpireDate()) : null;
        if (expiresAt == null || !expiresAt.isAfter(clock.instant())) {
            throw ApiError.INVALID_EXPIRE_DATE.exception("expire_date=" + expiresAt);
        }
        return expiresAt;
    }

    /** GetStopOrders: the account's active stop orders (expired ones are retired first). */
    public List<SimStopOrder> active(String accountId) {
        synchronized (lock) {
            ledger.require(accountId);
            expireDue();
            return stops.values().stream()
                    .filter(s -> s.state() == SimStopOrder.State.ACTIVE && s.accountId().equals(accountId))
                    .toList();
        }
    }

    /** CancelStopOrder; returns when it was cancelled. */
    public Instant cancel(String accountId, String stopOrderId) {
        synchronized (lock) {
            ledger.require(accountId);
            expireDue();
            SimStopOrder stop = stops.get(stopOrderId);
            if (stop == null || !stop.accountId().equals(accountId) || stop.state() != SimStopOrder.State.ACTIVE) {
                throw ApiError.STOP_ORDER_NOT_FOUND.exception("stop_order_id=" + stopOrderId);
            }
            stop.cancel();
            return clock.instant();
        }
    }

    /** The test moved the price: every active stop order it reaches becomes an exchange order. */
    public void onPrice(TestInstrument instrument, BigDecimal price) {
        synchronized (lock) {
            expireDue();
            for (SimStopOrder stop : List.copyOf(stops.values())) {
                if (stop.state() == SimStopOrder.State.ACTIVE && stop.instrument().uid().equals(instrument.uid())
                        && stop.isReachedBy(price)) {
                    trigger(stop);
                }
            }
        }
    }

    private void trigger(SimStopOrder stop) {
        stop.trigger(clock.instant());
        OrderDirection direction = stop.direction() == StopOrderDirection.STOP_ORDER_DIRECTION_BUY
                ? OrderDirection.ORDER_DIRECTION_BUY : OrderDirection.ORDER_DIRECTION_SELL;
        boolean limit = stop.type() == StopOrderType.STOP_ORDER_TYPE_STOP_LIMIT;
        OrderRequest request = new OrderRequest(direction, limit ? OrderType.ORDER_TYPE_LIMIT : OrderType.ORDER_TYPE_MARKET,
                stop.lots(), stop.limitPrice(), stop.id());
        try {
            SimOrder order = orders.submit(ledger.require(stop.accountId()), stop.instrument(), request, stop.id());
            stop.resultingOrder(order.orderId());
        } catch (ApiException refused) {
            stop.refused(refused.getMessage());
        }
    }

    private void expireDue() {
        Instant now = clock.instant();
        stops.values().stream()
                .filter(s -> s.state() == SimStopOrder.State.ACTIVE && s.isExpiredAt(now))
                .forEach(SimStopOrder::expire);
    }

    public Optional<SimStopOrder> find(String stopOrderId) {
        synchronized (lock) {
            return Optional.ofNullable(stops.get(stopOrderId));
        }
    }

    public List<SimStopOrder> all() {
        synchronized (lock) {
            return List.copyOf(stops.values());
        }
    }
}
