package dev.strela.web.internal.api;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.Set;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import dev.strela.api.model.Order;
import dev.strela.persistence.MonitorQueries.OrderRow;
import dev.strela.persistence.RunRepository.TradeRow;
import dev.strela.persistence.StoredSignal;

/**
 * A run's orders, trades and signals, newest first, a page at a time ({@code run}, {@code before}, {@code limit}):
 * {@code GET /strela/api/orders} (also {@code active=true} for working orders only), {@code /trades},
 * {@code /signals}. {@code nextBefore} is the {@code before} of the next page, null on the last.
 */
public final class ActivityEndpoints {

    public static final int MAX_LIMIT = 500;
    private static final ObjectMapper JSON = new ObjectMapper();

    public record OrderView(long id, String clientOrderId, long strategyUniverseId, String symbol, String side, String type,
                            String role, long lots, long filledLots, BigDecimal price, BigDecimal stopLoss,
                            BigDecimal takeProfit, String status, String brokerOrderId, String rejectReason,
                            Instant createdAt, Instant updatedAt) {

        static OrderView of(OrderRow r) {
            Order o = r.order();
            return new OrderView(o.id(), o.clientOrderId(), o.strategyUniverseId(), o.instrumentId(), o.side().name(),
                    o.type().name(), r.role(), o.lots(), r.filledLots(), o.price(), o.stopLoss(), o.takeProfit(),
                    o.status().name(), o.brokerOrderId(), r.rejectReason(), o.createdAt(), r.updatedAt());
        }
    }

    public record SignalView(long id, String runId, long strategyUniverseId, String strategy, String symbol,
                             String timeframe, Instant barTimestamp, Instant createdAt, boolean processed, JsonNode signal) {
    }

    public record Page<T>(String run, List<T> items, Long nextBefore) {
    }

    private final DataServices data;

    public ActivityEndpoints(DataServices data) {
        this.data = data;
    }

    public Endpoint orders() {
        return (params, user) -> {
            params.only(Set.of("run", "active", "before", "limit"));
            String run = params.run("run", "paper");
            int limit = params.limit("limit", 50, MAX_LIMIT);
            List<OrderRow> rows = data.monitor().orders(run, params.flag("active", false), params.id("before"), limit);
            return new Page<>(run, rows.stream().map(OrderView::of).toList(),
                    next(rows.size(), limit, rows.isEmpty() ? 0 : rows.get(rows.size() - 1).order().id()));
        };
    }

    public Endpoint trades() {
        return (params, user) -> {
            params.only(Set.of("run", "before", "limit"));
            String run = params.run("run", "paper");
            int limit = params.limit("limit", 50, MAX_LIMIT);
            List<TradeRow> rows = data.monitor().trades(run, params.id("before"), limit);
            return new Page<>(run, rows, next(rows.size(), limit, rows.isEmpty() ? 0 : rows.get(rows.size() - 1).id()));
        };
    }

    public Endpoint signals() {
        return (params, user) -> {
            params.only(Set.of("run", "before", "limit"));
            String run = params.run("run", "paper");
            int limit = params.limit("limit", 50, MAX_LIMIT);
            List<StoredSignal> rows = data.monitor().signals(run, params.id("before"), limit);
            return new Page<>(run, rows.stream().map(ActivityEndpoints::signal).toList(),
                    next(rows.size(), limit, rows.isEmpty() ? 0 : rows.get(rows.size() - 1).id()));
        };
    }

    private static SignalView signal(StoredSignal s) {
        JsonNode json;
        try {
            json = JSON.readTree(s.signalJson());
        } catch (JsonProcessingException e) {
            json = JSON.getNodeFactory().textNode(s.signalJson());
        }
        return new SignalView(s.id(), s.runId(), s.strategyUniverseId(), s.strategy(), s.symbol(), s.timeframe(),
                s.barTimestamp(), s.createdAt(), s.processed(), json);
    }

    private static Long next(int size, int limit, long lastId) {
        return size == limit ? lastId : null;
    }
}
