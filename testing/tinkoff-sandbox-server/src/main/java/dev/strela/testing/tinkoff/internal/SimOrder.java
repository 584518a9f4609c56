package dev.strela.testing.tinkoff.internal;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import dev.strela.testing.tinkoff.TestInstrument;
import ru.tinkoff.piapi.contract.v1.OrderDirection;
import ru.tinkoff.piapi.contract.v1.OrderExecutionReportStatus;
import ru.tinkoff.piapi.contract.v1.OrderType;

/**
 * An exchange order in the simulated book. Its status changes only along {@link #TRANSITIONS}; anything else is a
 * bug in the server and throws. Guarded by the book lock.
 */
public final class SimOrder {
    private static final Map<OrderExecutionReportStatus, Set<OrderExecutionReportStatus>> TRANSITIONS =
            new EnumMap<>(OrderExecutionReportStatus.class);

    static {
        Set<OrderExecutionReportStatus> fromActive = EnumSet.of(
                OrderExecutionReportStatus.EXECUTION_REPORT_STATUS_PARTIALLYFILL,
                OrderExecutionReportStatus.EXECUTION_REPORT_STATUS_FILL,
                OrderExecutionReportStatus.EXECUTION_REPORT_STATUS_CANCELLED);
        TRANSITIONS.put(OrderExecutionReportStatus.EXECUTION_REPORT_STATUS_NEW, fromActive);
        TRANSITIONS.put(OrderExecutionReportStatus.EXECUTION_REPORT_STATUS_PARTIALLYFILL, fromActive);
    }

    private final String orderId;
    private final String requestId;
    private final String accountId;
    private final TestInstrument instrument;
    private final OrderDirection direction;
    private final OrderType type;
    private final long lotsRequested;
    private final BigDecimal limitPrice;
    private final BigDecimal initialPrice;
    private final BigDecimal commissionRate;
    private final Instant createdAt;
    private final String stopOrderId;
    private final List<Fill> fills = new ArrayList<>();
    private OrderExecutionReportStatus status = OrderExecutionReportStatus.EXECUTION_REPORT_STATUS_NEW;

    SimOrder(String orderId, String requestId, String accountId, TestInstrument instrument, OrderRequest request,
             BigDecimal initialPrice, BigDecimal commissionRate, Instant createdAt) {
        this.orderId = orderId;
        this.requestId = requestId;
        this.accountId = accountId;
        this.instrument = instrument;
        this.direction = request.direction();
        this.type = request.type();
        this.lotsRequested = request.lots();
        this.limitPrice = request.limitPrice();
        this.initialPrice = initialPrice;
        this.commissionRate = commissionRate;
        this.createdAt = createdAt;
        this.stopOrderId = request.stopOrderId();
    }

    void addFill(Fill fill) {
        if (fill.lots() <= 0 || fill.lots() > remainingLots()) {
            throw new IllegalStateException("fill_out_of_range: order_id=" + orderId + ", lots=" + fill.lots()
                    + ", remaining=" + remainingLots());
        }
        fills.add(fill);
        moveTo(remainingLots() == 0
                ? OrderExecutionReportStatus.EXECUTION_REPORT_STATUS_FILL
                : OrderExecutionReportStatus.EXECUTION_REPORT_STATUS_PARTIALLYFILL);
    }

    void cancel() {
        moveTo(OrderExecutionReportStatus.EXECUTION_REPORT_STATUS_CANCELLED);
    }

    private void moveTo(OrderExecutionReportStatus next) {
        if (!TRANSITIONS.getOrDefault(status, Set.of()).contains(next)) {
            throw new IllegalStateException("order_transition_refused: order_id=" + orderId + ", from=" + status
                    + ", to=" + next);
        }
        status = next;
    }

    public boolean isActive() {
        return TRANSITIONS.containsKey(status);
    }

    public boolean isBuy() {
        return direction == OrderDirection.ORDER_DIRECTION_BUY;
    }

    public boolean isLimit() {
        return type == OrderType.ORDER_TYPE_LIMIT;
    }

    public long lotsExecuted() {
        return fills.stream().mapToLong(Fill::lots).sum();
    }

    public long remainingLots() {
        return lotsRequested - lotsExecuted();
    }

    /** Sum of price times pieces over all trades. */
    public BigDecimal executedValue() {
        return fills.stream()
                .map(f -> f.price().multiply(BigDecimal.valueOf(f.lots() * instrument.lot())))
                .reduce(BigDecimal.ZERO, BigDecimal::add);
    }

    /** Average trade price per instrument, zero before the first trade. */
    public BigDecimal averagePrice() {
        long pieces = lotsExecuted() * instrument.lot();
        if (pieces == 0) {
            return BigDecimal.ZERO;
        }
        return executedValue().divide(BigDecimal.valueOf(pieces), 9, RoundingMode.HALF_EVEN).stripTrailingZeros();
    }

    public BigDecimal executedCommission() {
        return fills.stream().map(Fill::commission).reduce(BigDecimal.ZERO, BigDecimal::add);
    }

    public String orderId() {
        return orderId;
    }

    public String requestId() {
        return requestId;
    }

    public String accountId() {
        return accountId;
    }

    public TestInstrument instrument() {
        return instrument;
    }

    public OrderDirection direction() {
        return direction;
    }

    public OrderType type() {
        return type;
    }

    public long lotsRequested() {
        return lotsRequested;
    }

    /** The limit price, or null for a market order. */
    public BigDecimal limitPrice() {
        return limitPrice;
    }

    /** Limit price, or the market price when the order came in (zero when there was none). */
    public BigDecimal initialPrice() {
        return initialPrice;
    }

    public BigDecimal commissionRate() {
        return commissionRate;
    }

    public Instant createdAt() {
        return createdAt;
    }

    /** The stop order that created this order, or null. */
    public String stopOrderId() {
        return stopOrderId;
    }

    public List<Fill> fills() {
        return List.copyOf(fills);
    }

    public OrderExecutionReportStatus status() {
        return status;
    }
}
