package dev.strela.testing.tinkoff.internal;

import java.math.BigDecimal;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import dev.strela.testing.tinkoff.DuplicateOrderPolicy;
import dev.strela.testing.tinkoff.MarketFillMode;
import dev.strela.testing.tinkoff.TestInstrument;
import ru.tinkoff.piapi.contract.v1.OrderDirection;
import ru.tinkoff.piapi.contract.v1.OrderTrade;
import ru.tinkoff.piapi.contract.v1.OrderTrades;
import ru.tinkoff.piapi.contract.v1.PostOrderRequest;
import ru.tinkoff.piapi.contract.v1.ReplaceOrderRequest;

/**
 * The orders of every account: idempotent placement, matching against the test's price, fills, cancels. One lock
 * (shared with the {@link Ledger} and the stop orders) guards all of it, so a fill moves cash, position and order
 * state together; trades are published to the trades stream under the same lock, in the order they happen.
 */
public final class OrderBook {
    /** The answer to a placement: the order and whether it already existed under that idempotency key. */
    public record Placement(SimOrder order, boolean duplicate) {
    }

    private final Object lock;
    private final Clock clock;
    private final InstrumentRegistry instruments;
    private final PriceBoard prices;
    private final Ledger ledger;
    private final TradeFeed trades;
    private final Map<String, SimOrder> orders = new LinkedHashMap<>();
    private final Map<String, SimOrder> byRequestKey = new HashMap<>();
    private long nextOrderId = 1_000_000_001L;
    private long nextTradeId = 1;
    private final BookSettings settings;

    public OrderBook(Object lock, Clock clock, InstrumentRegistry instruments, PriceBoard prices, Ledger ledger,
                     TradeFeed trades, BookSettings settings) {
        this.lock = lock;
        this.settings = settings;
        this.clock = clock;
        this.instruments = instruments;
        this.prices = prices;
        this.ledger = ledger;
        this.trades = trades;
    }

    /** PostOrder and PostSandboxOrder. */
    public Placement post(PostOrderRequest request) {
        synchronized (lock) {
            Account account = ledger.requireOpen(request.getAccountId());
            String key = OrderRules.requireOrderId(request.getOrderId());
            Optional<Placement> repeated = repeated(account, key);
            if (repeated.isPresent()) {
                return repeated.get();
            }
            TestInstrument instrument = instruments.require(request.getInstrumentId(), request.getFigi());
            OrderRequest order = OrderRules.validate(request, instrument);
            return new Placement(submit(account, instrument, order, key), false);
        }
    }

    /** The order already placed under this idempotency key, answered or refused as the duplicate policy says. */
    private Optional<Placement> repeated(Account account, String key) {
        SimOrder existing = byRequestKey.get(requestKey(account.id(), key));
        if (existing == null) {
            return Optional.empty();
        }
        if (settings.duplicatePolicy() == DuplicateOrderPolicy.REJECT) {
            throw ApiError.DUPLICATE_ORDER.exception("order_id=" + key + ", existing=" + existing.orderId());
        }
        return Optional.of(new Placement(existing, true));
    }

    /** ReplaceOrder: cancels an active order and places its replacement under the new idempotency key. */
    public Placement replace(ReplaceOrderRequest request) {
        synchronized (lock) {
            Account account = ledger.requireOpen(request.getAccountId());
            String key = OrderRules.requireOrderId(request.getIdempotencyKey());
            Optional<Placement> repeated = repeated(account, key);
            if (repeated.isPresent()) {
                return repeated.get();
            }
            SimOrder old = require(account.id(), request.getOrderId());
            if (!old.isActive()) {
                throw ApiError.CANCEL_FAILED.exception("order_id=" + old.orderId() + ", status=" + old.status());
            }
            long lots = OrderRules.requireLots(request.getQuantity());
            BigDecimal limit = !old.isLimit() ? null
                    : Decimals.isSet(request.getPrice()) ? OrderRules.requirePrice(request.getPrice(), old.instrument())
                    : old.limitPrice();
            old.cancel();
            OrderRequest replacement = new OrderRequest(old.direction(), old.type(), lots, limit, null);
            return new Placement(submit(account, old.instrument(), replacement, key), false);
        }
    }

    /** Places an already validated order (a new one, or one a stop order turned into); checks the buyer's cash. */
    SimOrder submit(Account account, TestInstrument instrument, OrderRequest request, String requestId) {
        Optional<BigDecimal> market = prices.price(instrument.uid());
        BigDecimal initial = request.limitPrice() != null ? request.limitPrice() : market.orElse(BigDecimal.ZERO);
        if (request.direction() == OrderDirection.ORDER_DIRECTION_BUY && initial.signum() > 0) {
            checkFunds(account, instrument, request.lots(), initial);
        }
        SimOrder order = new SimOrder(String.valueOf(nextOrderId++), requestId, account.id(), instrument, request,
                initial, settings.commissionRate(), clock.instant());
        orders.put(order.orderId(), order);
        byRequestKey.put(requestKey(account.id(), requestId), order);
        market.ifPresent(price -> matchNew(order, price));
        return order;
    }

    private void checkFunds(Account account, TestInstrument instrument, long lots, BigDecimal price) {
        BigDecimal value = price.multiply(BigDecimal.valueOf(lots * instrument.lot()));
        BigDecimal need = value.add(Decimals.cents(value.multiply(settings.commissionRate())));
        BigDecimal free = account.cash(instrument.currency()).subtract(blockedCash(account.id(), instrument.currency()));
        if (need.compareTo(free) > 0) {
            throw ApiError.NOT_ENOUGH_BALANCE.exception("need=" + need.toPlainString() + ", free=" + free.toPlainString());
        }
    }

    private void matchNew(SimOrder order, BigDecimal price) {
        if (order.isLimit()) {
            if (order.isBuy() ? price.compareTo(order.limitPrice()) <= 0 : price.compareTo(order.limitPrice()) >= 0) {
                fill(order, order.remainingLots(), price);
            }
        } else if (settings.fillMode() == MarketFillMode.IMMEDIATE) {
            fill(order, order.remainingLots(), price);
        }
    }

    /** The test moved the price: resting limit orders it reaches fill at their limit, waiting market orders at it. */
    public void onPrice(TestInstrument instrument, BigDecimal price) {
        synchronized (lock) {
            for (SimOrder order : activeOn(instrument)) {
                if (order.isLimit()) {
                    boolean reached = order.isBuy()
                            ? price.compareTo(order.limitPrice()) <= 0
                            : price.compareTo(order.limitPrice()) >= 0;
                    if (reached) {
                        fill(order, order.remainingLots(), order.limitPrice());
                    }
                } else if (settings.fillMode() == MarketFillMode.IMMEDIATE) {
                    fill(order, order.remainingLots(), price);
                }
            }
        }
    }

    /** Fills every active market order at its instrument's current price; returns how many were filled. */
    public int fillMarketOrders() {
        synchronized (lock) {
            int filled = 0;
            for (SimOrder order : new ArrayList<>(orders.values())) {
                Optional<BigDecimal> price = prices.price(order.instrument().uid());
                if (order.isActive() && !order.isLimit() && price.isPresent()) {
                    fill(order, order.remainingLots(), price.get());
                    filled++;
                }
            }
            return filled;
        }
    }

    /**
     * Fills part or all of an order named by its exchange id or its idempotency key; {@code price} null means the
     * limit price for a limit order and the current price for a market order.
     */
    public SimOrder fill(String orderOrRequestId, long lots, BigDecimal price) {
        synchronized (lock) {
            SimOrder order = find(orderOrRequestId)
                    .orElseThrow(() -> new IllegalArgumentException("no such order: " + orderOrRequestId));
            if (!order.isActive()) {
                throw new IllegalStateException("order is not active: order_id=" + order.orderId()
                        + ", status=" + order.status());
            }
            BigDecimal at = price != null ? price : order.isLimit() ? order.limitPrice()
                    : prices.price(order.instrument().uid()).orElseThrow(() -> new IllegalStateException(
                            "no price set for " + order.instrument().ticker()));
            fill(order, Math.min(lots, order.remainingLots()), at);
            return order;
        }
    }

    private void fill(SimOrder order, long lots, BigDecimal price) {
        TestInstrument instrument = order.instrument();
        BigDecimal value = price.multiply(BigDecimal.valueOf(lots * instrument.lot()));
        Fill fill = new Fill(String.valueOf(nextTradeId++), price, lots,
                Decimals.cents(value.multiply(order.commissionRate())), clock.instant());
        order.addFill(fill);
        ledger.applyFill(ledger.require(order.accountId()), instrument, order.isBuy(), fill);
        trades.publish(OrderTrades.newBuilder()
                .setOrderId(order.orderId())
                .setCreatedAt(Times.timestamp(fill.time()))
                .setDirection(order.direction())
                .setFigi(instrument.figi())
                .setInstrumentUid(instrument.uid())
                .setAccountId(order.accountId())
                .addTrades(OrderTrade.newBuilder()
                        .setDateTime(Times.timestamp(fill.time()))
                        .setPrice(Decimals.quotation(price))
                        .setQuantity(lots * instrument.lot())
                        .setTradeId(fill.tradeId()))
                .build());
    }

    /** CancelOrder: an active order becomes CANCELLED, keeping what was already filled. */
    public SimOrder cancel(String accountId, String orderId) {
        synchronized (lock) {
            SimOrder order = require(accountId, orderId);
            if (!order.isActive()) {
                throw ApiError.CANCEL_FAILED.exception("order_id=" + order.orderId() + ", status=" + order.status());
            }
            order.cancel();
            return order;
        }
    }

    /** GetOrderState: by exchange order id, or (more lenient than Tinkoff) by the idempotency key. */
    public SimOrder require(String accountId, String orderId) {
        synchronized (lock) {
            ledger.require(accountId);
            SimOrder order = orders.get(orderId);
            if (order == null) {
                order = byRequestKey.get(requestKey(accountId, orderId));
            }
            if (order == null || !order.accountId().equals(accountId)) {
                throw ApiError.ORDER_NOT_FOUND.exception("order_id=" + orderId);
            }
            return order;
        }
    }

    /** GetOrders: the account's active orders. */
    public List<SimOrder> active(String accountId) {
        synchronized (lock) {
            ledger.require(accountId);
            return orders.values().stream().filter(o -> o.isActive() && o.accountId().equals(accountId)).toList();
        }
    }

    public List<SimOrder> all() {
        synchronized (lock) {
            return List.copyOf(orders.values());
        }
    }

    public Optional<SimOrder> find(String orderOrRequestId) {
        synchronized (lock) {
            SimOrder order = orders.get(orderOrRequestId);
            if (order != null) {
                return Optional.of(order);
            }
            return orders.values().stream().filter(o -> o.requestId().equals(orderOrRequestId)).findFirst();
        }
    }

    /** Cash held back for the account's active buy orders: remaining value at the order price plus commission. */
    public BigDecimal blockedCash(String accountId, String currency) {
        synchronized (lock) {
            BigDecimal blocked = BigDecimal.ZERO;
            for (SimOrder order : active(accountId)) {
                if (order.isBuy() && order.instrument().currency().equals(currency)) {
                    BigDecimal value = order.initialPrice()
                            .multiply(BigDecimal.valueOf(order.remainingLots() * order.instrument().lot()));
                    blocked = blocked.add(value).add(Decimals.cents(value.multiply(order.commissionRate())));
                }
            }
            return blocked;
        }
    }

    /** Pieces of a long position held back by the account's active sell orders. */
    public long blockedPieces(String accountId, TestInstrument instrument, long held) {
        synchronized (lock) {
            long selling = active(accountId).stream()
                    .filter(o -> !o.isBuy() && o.instrument().uid().equals(instrument.uid()))
                    .mapToLong(o -> o.remainingLots() * instrument.lot())
                    .sum();
            return Math.max(0, Math.min(held, selling));
        }
    }

    private List<SimOrder> activeOn(TestInstrument instrument) {
        return orders.values().stream()
                .filter(o -> o.isActive() && o.instrument().uid().equals(instrument.uid()))
                .toList();
    }

    private static String requestKey(String accountId, String requestId) {
        return accountId + '\n' + requestId;
    }
}
