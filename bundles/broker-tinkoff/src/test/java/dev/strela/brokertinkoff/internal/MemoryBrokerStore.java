package dev.strela.brokertinkoff.internal;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;

import dev.strela.api.model.Order;
import dev.strela.api.model.OrderStatus;
import dev.strela.api.model.OrderType;
import dev.strela.persistence.BrokerChange;
import dev.strela.persistence.BrokerStore;
import dev.strela.persistence.PositionRow;
import dev.strela.persistence.WorkingOrderRow;

/**
 * The live run's orders, trades and cash in memory, moving through the platform's order state machine the way
 * JdbiBrokerStore does (the real database is in TinkoffSandboxIT): one {@link #apply} is all or nothing; a protective
 * order is a row of its entry's strategy and instrument, STOP for a STOP_LOSS, LIMIT for a TAKE_PROFIT.
 */
final class MemoryBrokerStore implements BrokerStore {

    final Map<String, Order> orders = new LinkedHashMap<>();
    final Map<String, Long> filled = new LinkedHashMap<>();
    final Map<String, String> reasons = new LinkedHashMap<>();
    final Map<String, String> roles = new LinkedHashMap<>();
    final Map<String, String> parents = new LinkedHashMap<>();
    final List<BrokerChange.Trade> trades = new ArrayList<>();
    final AtomicInteger failNextApply = new AtomicInteger();
    BigDecimal cash = new BigDecimal("1000000");

    void add(Order order) {
        orders.put(order.clientOrderId(), order);
        filled.put(order.clientOrderId(), 0L);
        roles.put(order.clientOrderId(), WorkingOrderRow.REGULAR);
    }

    OrderStatus status(String id) {
        return orders.get(id).status();
    }

    String brokerId(String id) {
        return orders.get(id).brokerOrderId();
    }

    String reason(String id) {
        return reasons.get(id);
    }

    /** The protective orders of an entry, oldest first. */
    List<Order> legsOf(String parentClientOrderId) {
        return orders.values().stream().filter(o -> parentClientOrderId.equals(parents.get(o.clientOrderId()))).toList();
    }

    String role(String id) {
        return roles.get(id);
    }

    @Override
    public List<Order> newOrders(String broker) {
        return newOrders(broker, "live");
    }

    @Override
    public List<Order> newOrders(String broker, String runId) {
        return orders.values().stream().filter(o -> o.status() == OrderStatus.NEW).toList();
    }

    @Override
    public List<WorkingOrderRow> workingOrders(String broker) {
        return orders.values().stream()
                .filter(o -> o.status() == OrderStatus.SUBMITTED || o.status() == OrderStatus.PARTIALLY_FILLED)
                .map(o -> new WorkingOrderRow("live", o, filled.get(o.clientOrderId()), roles.get(o.clientOrderId()),
                        parents.get(o.clientOrderId())))
                .toList();
    }

    @Override
    public synchronized void apply(String runId, List<BrokerChange> changes) {
        if (failNextApply.getAndUpdate(n -> Math.max(0, n - 1)) > 0) {
            throw new IllegalStateException("database unavailable (test)");
        }
        Map<String, Order> ordersBefore = new LinkedHashMap<>(orders);
        Map<String, Long> filledBefore = new LinkedHashMap<>(filled);
        Map<String, String> reasonsBefore = new LinkedHashMap<>(reasons);
        Map<String, String> rolesBefore = new LinkedHashMap<>(roles);
        Map<String, String> parentsBefore = new LinkedHashMap<>(parents);
        int tradesBefore = trades.size();
        BigDecimal cashBefore = cash;
        try {
            changes.forEach(this::applyOne);
        } catch (RuntimeException e) {
            restore(orders, ordersBefore);
            restore(filled, filledBefore);
            restore(reasons, reasonsBefore);
            restore(roles, rolesBefore);
            restore(parents, parentsBefore);
            trades.subList(tradesBefore, trades.size()).clear();
            cash = cashBefore;
            throw e;
        }
    }

    private static <K, V> void restore(Map<K, V> map, Map<K, V> before) {
        map.clear();
        map.putAll(before);
    }

    private void applyOne(BrokerChange change) {
        if (change instanceof BrokerChange.StatusChange s) {
            Order o = orders.get(s.clientOrderId());
            if (o == null) {
                throw new IllegalArgumentException("order_not_found: client_order_id=" + s.clientOrderId());
            }
            if (!o.status().canTransitionTo(s.to())) {
                throw new IllegalStateException("order_transition_refused: " + o.status() + " -> " + s.to());
            }
            if (s.filledLots() < filled.get(o.clientOrderId())) {
                throw new IllegalStateException("order_filled_lots_decrease: " + s.clientOrderId());
            }
            orders.put(o.clientOrderId(), new Order(o.id(), o.clientOrderId(), o.strategyUniverseId(), o.signalId(),
                    o.instrumentId(), o.side(), o.type(), o.lots(), o.price(), o.stopLoss(), o.takeProfit(), s.to(),
                    s.brokerOrderId() == null ? o.brokerOrderId() : s.brokerOrderId(), o.createdAt()));
            filled.put(o.clientOrderId(), s.filledLots());
            if (s.reason() != null) {
                reasons.put(o.clientOrderId(), s.reason());
            }
        } else if (change instanceof BrokerChange.ProtectiveOrder p) {
            Order parent = orders.get(p.parentClientOrderId());
            if (parent == null) {
                throw new IllegalArgumentException("parent_order_not_found: client_order_id=" + p.parentClientOrderId());
            }
            if (orders.containsKey(p.clientOrderId())) {
                throw new IllegalStateException("duplicate key live_orders_client_order_id_key: " + p.clientOrderId());
            }
            OrderType type = p.orderType().equals(WorkingOrderRow.STOP_LOSS) ? OrderType.STOP : OrderType.LIMIT;
            orders.put(p.clientOrderId(), new Order(0, p.clientOrderId(), parent.strategyUniverseId(), 0,
                    parent.instrumentId(), p.side(), type, p.lots(), p.price(), null, null, OrderStatus.NEW, null,
                    Instant.parse("2024-03-04T07:06:00Z")));
            filled.put(p.clientOrderId(), 0L);
            roles.put(p.clientOrderId(), p.orderType());
            parents.put(p.clientOrderId(), p.parentClientOrderId());
        } else if (change instanceof BrokerChange.Trade t) {
            if (trades.stream().anyMatch(x -> x.clientOrderId().equals(t.clientOrderId())
                    && x.fill().tradeId().equals(t.fill().tradeId()))) {
                return;   // ON CONFLICT (order_id, broker_trade_id) DO NOTHING
            }
            trades.add(t);
            cash = t.cashAfter();
        }
    }

    @Override
    public Optional<BigDecimal> cash(String runId) {
        return Optional.of(cash);
    }

    @Override
    public List<Order> recentOrders(String runId, int limit) {
        return List.copyOf(orders.values());
    }

    @Override
    public List<PositionRow> positions(String runId) {
        Map<String, BrokerChange.Trade> last = new LinkedHashMap<>();
        trades.forEach(t -> last.put(t.strategyUniverseId() + " " + t.fill().instrumentId(), t));
        return last.values().stream().map(t -> new PositionRow(t.strategyUniverseId(), "s", t.fill().instrumentId(),
                t.positionQuantity(), t.positionLots(), t.averagePrice(), t.realizedPnl(), t.positionCommission(),
                Instant.EPOCH, Instant.EPOCH)).toList();
    }
}
