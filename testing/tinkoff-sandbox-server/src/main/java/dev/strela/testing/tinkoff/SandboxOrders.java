package dev.strela.testing.tinkoff;

import java.math.BigDecimal;
import java.util.List;
import java.util.Optional;

import dev.strela.testing.tinkoff.internal.Exchange;
import dev.strela.testing.tinkoff.internal.OrderViews;
import dev.strela.testing.tinkoff.internal.SimOrder;
import dev.strela.testing.tinkoff.internal.SimStopOrder;
import ru.tinkoff.piapi.contract.v1.OrderState;

/**
 * Test-side control of the order book: how orders are handled (commission, market fills, duplicate keys), filling
 * orders by hand, and looking at orders and stop orders without going through a client. An order can be named by
 * its exchange id ({@code order_id} in the answers) or by the client's idempotency key ({@code order_request_id}).
 */
public final class SandboxOrders {
    private final Exchange exchange;

    SandboxOrders(Exchange exchange) {
        this.exchange = exchange;
    }

    /** Commission as a fraction of the traded value, e.g. {@code 0.0005} (the default, Tinkoff sandbox's 0.05%). */
    public void commissionRate(BigDecimal rate) {
        exchange.settings().commissionRate(rate);
    }

    public BigDecimal commissionRate() {
        return exchange.settings().commissionRate();
    }

    /** When market orders fill; {@link MarketFillMode#IMMEDIATE} by default. */
    public void marketFillMode(MarketFillMode mode) {
        exchange.settings().fillMode(mode);
    }

    /** How a repeated idempotency key is answered; {@link DuplicateOrderPolicy#RETURN_EXISTING} by default. */
    public void duplicatePolicy(DuplicateOrderPolicy policy) {
        exchange.settings().duplicatePolicy(policy);
    }

    /** Fills every active market order at its instrument's current price; returns how many. */
    public int fillMarketOrders() {
        return exchange.orders().fillMarketOrders();
    }

    /**
     * Fills up to {@code lots} of an active order (a partial fill when fewer than remain): at the limit price for a
     * limit order, at the current price for a market order. The trade reaches the trades stream like any other.
     */
    public OrderState fill(String orderOrRequestId, long lots) {
        return OrderViews.state(exchange.orders().fill(orderOrRequestId, lots, null));
    }

    /** Fills up to {@code lots} of an active order at the given price. */
    public OrderState fill(String orderOrRequestId, long lots, BigDecimal price) {
        return OrderViews.state(exchange.orders().fill(orderOrRequestId, lots, price));
    }

    public Optional<OrderState> state(String orderOrRequestId) {
        return exchange.orders().find(orderOrRequestId).map(OrderViews::state);
    }

    /** Every order ever placed, oldest first, whatever its status. */
    public List<OrderState> all() {
        return exchange.orders().all().stream().map(OrderViews::state).toList();
    }

    /** How many orders were created under this idempotency key (over all accounts). */
    public long countWithRequestId(String requestId) {
        return exchange.orders().all().stream().filter(o -> o.requestId().equals(requestId)).count();
    }

    /** Whether the stop order still waits for its price. */
    public boolean isStopOrderActive(String stopOrderId) {
        return exchange.stops().find(stopOrderId).map(s -> s.state() == SimStopOrder.State.ACTIVE).orElse(false);
    }

    /** The exchange order a triggered stop order turned into; empty before it triggers or when that order was refused. */
    public Optional<OrderState> orderOfStop(String stopOrderId) {
        return exchange.stops().find(stopOrderId)
                .map(SimStopOrder::orderId)
                .flatMap(exchange.orders()::find)
                .map(OrderViews::state);
    }

    /** Why the order a triggered stop order turned into was refused (e.g. not enough cash). */
    public Optional<String> stopOrderRefusal(String stopOrderId) {
        return exchange.stops().find(stopOrderId).map(SimStopOrder::refusal);
    }

    /** Orders still active (NEW or PARTIALLYFILL) over all accounts. */
    public List<OrderState> active() {
        return exchange.orders().all().stream().filter(SimOrder::isActive).map(OrderViews::state).toList();
    }
}
