package dev.strela.testing.tinkoff.internal;

import java.math.BigDecimal;
import java.time.Instant;

import dev.strela.testing.tinkoff.TestInstrument;
import ru.tinkoff.piapi.contract.v1.StopOrderDirection;
import ru.tinkoff.piapi.contract.v1.StopOrderType;

/** A stop order waiting for its price; guarded by the book lock. */
public final class SimStopOrder {
    /** Where a stop order is in its life. */
    public enum State { ACTIVE, TRIGGERED, CANCELLED, EXPIRED }

    private final String id;
    private final String accountId;
    private final TestInstrument instrument;
    private final StopOrderDirection direction;
    private final StopOrderType type;
    private final long lots;
    private final BigDecimal stopPrice;
    private final BigDecimal limitPrice;
    private final Instant createdAt;
    private final Instant expiresAt;
    private State state = State.ACTIVE;
    private Instant activatedAt;
    private String orderId;
    private String refusal;

    SimStopOrder(String id, String accountId, TestInstrument instrument, StopOrderDirection direction,
                 StopOrderType type, long lots, BigDecimal stopPrice, BigDecimal limitPrice, Instant createdAt,
                 Instant expiresAt) {
        this.id = id;
        this.accountId = accountId;
        this.instrument = instrument;
        this.direction = direction;
        this.type = type;
        this.lots = lots;
        this.stopPrice = stopPrice;
        this.limitPrice = limitPrice;
        this.createdAt = createdAt;
        this.expiresAt = expiresAt;
    }

    /**
     * Take-profit: a sell fires at or above the stop price, a buy at or below. Stop-loss and stop-limit: a sell
     * fires at or below the stop price, a buy at or above.
     */
    boolean isReachedBy(BigDecimal price) {
        int side = price.compareTo(stopPrice);
        boolean sell = direction == StopOrderDirection.STOP_ORDER_DIRECTION_SELL;
        if (type == StopOrderType.STOP_ORDER_TYPE_TAKE_PROFIT) {
            return sell ? side >= 0 : side <= 0;
        }
        return sell ? side <= 0 : side >= 0;
    }

    boolean isExpiredAt(Instant now) {
        return expiresAt != null && !now.isBefore(expiresAt);
    }

    void trigger(Instant at) {
        requireActive();
        state = State.TRIGGERED;
        activatedAt = at;
    }

    void cancel() {
        requireActive();
        state = State.CANCELLED;
    }

    void expire() {
        requireActive();
        state = State.EXPIRED;
    }

    void resultingOrder(String exchangeOrderId) {
        orderId = exchangeOrderId;
    }

    void refused(String reason) {
        refusal = reason;
    }

    private void requireActive() {
        if (state != State.ACTIVE) {
            throw new IllegalStateException("stop_order_not_active: stop_order_id=" + id + ", state=" + state);
        }
    }

    public String id() {
        return id;
    }

    public String accountId() {
        return accountId;
    }

    public TestInstrument instrument() {
        return instrument;
    }

    public StopOrderDirection direction() {
        return direction;
    }

    public StopOrderType type() {
        return type;
    }

    public long lots() {
        return lots;
    }

    public BigDecimal stopPrice() {
        return stopPrice;
    }

    /** The limit price of a stop-limit order, null for the others. */
    public BigDecimal limitPrice() {
        return limitPrice;
    }

    public Instant createdAt() {
        return createdAt;
    }

    /** Expiry of a good-till-date order, null for good-till-cancel. */
    public Instant expiresAt() {
        return expiresAt;
    }

    public State state() {
        return state;
    }

    public Instant activatedAt() {
        return activatedAt;
    }

    /** The exchange order it turned into, or null (not triggered, or the order was refused). */
    public String orderId() {
        return orderId;
    }

    /** Why the order it turned into was refused (e.g. not enough cash), or null. */
    public String refusal() {
        return refusal;
    }
}
