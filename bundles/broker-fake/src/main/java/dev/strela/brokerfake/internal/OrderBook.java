package dev.strela.brokerfake.internal;

import dev.strela.api.model.OrderSide;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Every order the fake broker has seen (so a repeated client order id is recognized), and the active ones per
 * instrument in arrival order, which is the order they are processed in.
 */
final class OrderBook {

    private final Map<String, WorkingOrder> all = new HashMap<>();
    private final Map<String, Map<String, WorkingOrder>> activeByInstrument = new HashMap<>();

    boolean contains(String clientOrderId) {
        return all.containsKey(clientOrderId);
    }

    Optional<WorkingOrder> find(String clientOrderId) {
        return Optional.ofNullable(all.get(clientOrderId));
    }

    void add(WorkingOrder order) {
        if (all.putIfAbsent(order.id(), order) != null) {
            throw new IllegalStateException("duplicate_client_order_id: client_order_id=" + order.id());
        }
        if (order.isActive()) {
            activeByInstrument.computeIfAbsent(order.order().instrumentId(), k -> new LinkedHashMap<>())
                    .put(order.id(), order);
        }
    }

    /** Active orders of one instrument in arrival order (a copy; terminal orders are dropped on the way). */
    List<WorkingOrder> active(String instrumentId) {
        Map<String, WorkingOrder> orders = activeByInstrument.get(instrumentId);
        if (orders == null) {
            return List.of();
        }
        orders.values().removeIf(o -> !o.isActive());
        return new ArrayList<>(orders.values());
    }

    /** Active orders of all instruments. */
    List<WorkingOrder> active() {
        List<WorkingOrder> result = new ArrayList<>();
        for (String instrumentId : List.copyOf(activeByInstrument.keySet())) {
            result.addAll(active(instrumentId));
        }
        return result;
    }

    /** Active stop-loss and take-profit orders protecting one strategy's position in one instrument. */
    List<WorkingOrder> activeProtective(long strategyUniverseId, String instrumentId) {
        return active(instrumentId).stream()
                .filter(o -> o.role().isProtective() && o.order().strategyUniverseId() == strategyUniverseId)
                .toList();
    }

    /** Lots that a strategy's working BUY orders (not protective ones) still want in one instrument. */
    long workingBuyLots(long strategyUniverseId, String instrumentId) {
        return active(instrumentId).stream()
                .filter(o -> o.role() == OrderRole.REGULAR && o.order().side() == OrderSide.BUY
                        && o.order().strategyUniverseId() == strategyUniverseId)
                .mapToLong(WorkingOrder::remainingLots).sum();
    }

    /** Cash that working BUY orders block. */
    BigDecimal reservedCash() {
        return active().stream().map(WorkingOrder::reservedCash).reduce(BigDecimal.ZERO, BigDecimal::add);
    }
}
