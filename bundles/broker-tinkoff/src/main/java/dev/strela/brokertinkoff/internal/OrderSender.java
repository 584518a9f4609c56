package dev.strela.brokertinkoff.internal;

import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import dev.strela.api.error.ErrorCode;
import dev.strela.api.error.ErrorEvent;
import dev.strela.api.error.Severity;
import dev.strela.api.model.Order;
import dev.strela.api.model.OrderStatus;
import dev.strela.api.model.OrderType;
import dev.strela.persistence.BrokerChange;
import dev.strela.persistence.BrokerStore;
import dev.strela.persistence.TradingControl;
import dev.strela.persistence.TradingControlRepository;

/**
 * Sends the live run's NEW orders of the Tinkoff broker: places each at Tinkoff under its client order id, or
 * rejects it unsent, and moves it to SUBMITTED or REJECTED through the {@link BrokerStore}.
 *
 * <ul>
 *   <li>While trading is stopped, NEW orders are rejected unsent ({@code not_sent}), never sent later.</li>
 *   <li>An instrument the exchange or the API does not trade now gets its order rejected unsent
 *       ({@code instrument_not_tradable}).</li>
 *   <li>A call that fails after its retries rejects the order with the full error ({@code order_execution_failed},
 *       code and message from the server); an order whose placing is unknown (the answer was lost every time) stays
 *       NEW and is placed again on the next round under the same key, which cannot create a second order.</li>
 *   <li>An order that may be at Tinkoff already (its answer was lost, or it was NEW when the adapter started) is first
 *       looked for among the account's working orders; it is never rejected unsent, since it may be live.</li>
 *   <li>Past the send window after it was decided, an order Tinkoff did not take is given up (a market order minutes
 *       late is not the order the signal asked for).</li>
 * </ul>
 * Called only from the broker's round, which holds its lock.
 */
final class OrderSender {

    private static final Logger LOG = LoggerFactory.getLogger(OrderSender.class);

    private final TinkoffClient client;
    private final BrokerStore store;
    private final TradingControlRepository controls;
    private final InstrumentChecks instruments;
    private final OrderErrors errors;
    private final Heartbeat heartbeat;
    private final Clock clock;
    private final Duration sendWindow;
    /** NEW orders whose sending may have reached Tinkoff: looked for before anything else is done with them. */
    private final Set<String> uncertain = ConcurrentHashMap.newKeySet();
    /** The last failure of each order whose sending failed, for the text it is given up with. */
    private final Map<String, String> lastFailure = new ConcurrentHashMap<>();

    /**
     * @param sendWindow how long after it was decided an order may still be placed: past it, an order Tinkoff did not
     *                   take is given up
     */
    OrderSender(TinkoffClient client, BrokerStore store, TradingControlRepository controls, InstrumentChecks instruments,
                OrderErrors errors, Heartbeat heartbeat, Clock clock, Duration sendWindow) {
        this.client = client;
        this.store = store;
        this.controls = controls;
        this.instruments = instruments;
        this.errors = errors;
        this.heartbeat = heartbeat;
        this.clock = clock;
        this.sendWindow = sendWindow;
        // NEW at start: the platform may have stopped while sending them; they are looked for before anything else
        store.newOrders(TinkoffBroker.NAME, TinkoffBroker.RUN).forEach(o -> uncertain.add(o.clientOrderId()));
    }

    /**
     * The live run's NEW orders of this broker. One whose sending may have reached Tinkoff (its answer was lost, or it
     * was NEW when the adapter started) is first looked for among the account's working orders; it is never rejected
     * unsent, since it may be live. Any other is rejected unsent while trading is stopped, else sent. One order's
     * failure is recorded and the round goes on with the next.
     */
    void takeNewOrders() throws InterruptedException {
        List<Order> pending = store.newOrders(TinkoffBroker.NAME, TinkoffBroker.RUN);
        if (pending.isEmpty()) {
            return;
        }
        TradingControl control = controls.current();
        for (Order order : pending) {
            try {
                if (uncertain.contains(order.clientOrderId())) {
                    resolveUncertain(order, control);
                } else if (control.stopTrading()) {
                    reject(order, "not_sent: trading stopped (" + control.reason() + ", by " + control.changedBy() + ")",
                            ErrorEvent.of(ErrorCode.TRADING_DISABLED_BY_CONTROL, "order", order.clientOrderId(), "signal",
                                    order.signalId(), "not_sent", "trading stopped", "reason", control.reason()));
                } else {
                    send(order);
                }
            } catch (RuntimeException e) {
                errors.failed(order, "sending", e);
            }
        }
    }

    /** An order that may be at Tinkoff already: adopted when it is working there, else sent again under its key. */
    private void resolveUncertain(Order order, TradingControl control) throws InterruptedException {
        Optional<TinkoffClient.BrokerOrder> found;
        try {
            found = client.findByClientOrderId(order.clientOrderId());
        } catch (Retrier.Failure f) {
            LOG.warn("Order {}: cannot look for it at Tinkoff now ({}); next round", order.clientOrderId(), f.getMessage());
            return;
        }
        if (found.isPresent()) {
            uncertain.remove(order.clientOrderId());
            lastFailure.remove(order.clientOrderId());
            submitted(order, found.get().brokerOrderId());
            return;
        }
        if (control.stopTrading()) {
            // not working at Tinkoff; it may never have arrived, or have filled: it is neither sent nor called unsent
            LOG.warn("Order {}: not among the working orders at Tinkoff, and trading is stopped: kept NEW, not sent",
                    order.clientOrderId());
            return;
        }
        send(order);   // the same key: Tinkoff cannot make it a second order
    }

    private void send(Order order) throws InterruptedException {
        boolean wasUncertain = uncertain.contains(order.clientOrderId());
        if (order.type() != OrderType.MARKET && order.type() != OrderType.LIMIT) {
            reject(order, "unsupported_order_type: " + order.type() + " entries are not sent to Tinkoff",
                    ErrorEvent.of(ErrorCode.UNSUPPORTED_ORDER_TYPE, "order", order.clientOrderId(), "type", order.type()));
            return;
        }
        try {
            if (!wasUncertain) {
                Optional<String> mismatch = instruments.mismatch(order.instrumentId());
                if (mismatch.isPresent()) {
                    reject(order, "not_sent: " + mismatch.get(), ErrorEvent.of(ErrorCode.CONFIG_INVALID, "order",
                            order.clientOrderId(), "instrument", order.instrumentId(), "problem", mismatch.get()));
                    return;
                }
                TinkoffClient.Tradability t = instruments.tradability(order.instrumentId(), order.type() == OrderType.MARKET);
                if (!t.tradable()) {
                    reject(order, "not_sent: instrument_not_tradable: " + t.reason(), ErrorEvent.of(ErrorCode.INSTRUMENT_NOT_TRADABLE,
                            "order", order.clientOrderId(), "instrument", order.instrumentId(), "reason", t.reason()));
                    return;
                }
            }
            if (tooLate(order)) {
                // decided too long ago (Tinkoff was away, trading stopped, or the platform down): a late market order is
                // not the order its signal asked for
                giveUp(order, "decided too long ago", ErrorEvent.of(ErrorCode.ORDER_EXECUTION_FAILED, "order",
                        order.clientOrderId(), "outcome", "given up: not sent", "created", order.createdAt()));
                return;
            }
            uncertain.add(order.clientOrderId());   // from here until Tinkoff's answer, the order may be live
            TinkoffClient.BrokerOrder placed = client.place(order.clientOrderId(), order.instrumentId(), order.side(),
                    order.lots(), order.type() == OrderType.LIMIT ? order.price() : null);
            heartbeat.beat(true);
            submitted(order, placed.brokerOrderId());
            uncertain.remove(order.clientOrderId());
            lastFailure.remove(order.clientOrderId());
        } catch (Retrier.Failure f) {
            if (f.retryable()) {
                if (f.status() == io.grpc.Status.Code.UNAVAILABLE || f.status() == io.grpc.Status.Code.DEADLINE_EXCEEDED) {
                    heartbeat.beat(false);
                }
                if (tooLate(order)) {
                    giveUp(order, f.attempts() + " tries in the last round: " + f.getMessage(), ErrorEvent.of(
                            ErrorCode.ORDER_EXECUTION_FAILED, "order", order.clientOrderId(), "outcome", "given up: not sent again",
                            "grpc_status", f.status(), "tinkoff_code", f.tinkoffCode(), "error", f.getMessage()));
                    return;
                }
                lastFailure.put(order.clientOrderId(), f.getMessage());
                // the order may or may not be at Tinkoff: it stays NEW and is looked for, then sent again, next round
                errors.record(ErrorEvent.of(ErrorCode.ORDER_EXECUTION_FAILED, "order", order.clientOrderId(),
                        "outcome", "unknown: looked for and sent again under the same key", "error", f.getMessage())
                        .withSeverity(Severity.CRITICAL), order);
                return;
            }
            uncertain.remove(order.clientOrderId());
            lastFailure.remove(order.clientOrderId());
            reject(order, "rejected by Tinkoff: " + f.getMessage(), ErrorEvent.of(ErrorCode.ORDER_EXECUTION_FAILED,
                    "order", order.clientOrderId(), "tinkoff_code", f.tinkoffCode(), "error", f.getMessage()));
        }
    }

    private boolean tooLate(Order order) {
        return order.createdAt().plus(sendWindow).isBefore(clock.instant());
    }

    /**
     * Past the send window and not confirmed by Tinkoff: REJECTED, CRITICAL, never sent again. When a try may have
     * reached Tinkoff after all (its answer lost, or it was NEW at start) the row may be wrong about the account, so safe
     * mode goes on (no new positions; strategies can still close theirs) until a person has run strela:reconcile.
     */
    private void giveUp(Order order, String why, ErrorEvent event) {
        boolean maybeAtTinkoff = uncertain.remove(order.clientOrderId());
        String failure = lastFailure.remove(order.clientOrderId());
        String reason = "rejected: not confirmed by Tinkoff within sendWindowSeconds=" + sendWindow.toSeconds() + " of "
                + order.createdAt() + ", not sent again: " + why + (failure == null || why.contains(failure) ? ""
                : "; last error: " + failure);
        reject(order, reason, event.withSeverity(Severity.CRITICAL));
        if (maybeAtTinkoff) {
            controls.setSafeMode(true, "broker_tinkoff: order " + order.clientOrderId() + " given up, but an earlier try may"
                    + " have reached Tinkoff: check with strela:reconcile, then strela:safe-mode off",
                    TinkoffBroker.COMPONENT);
        }
    }

    private void submitted(Order order, String brokerOrderId) {
        store.apply(TinkoffBroker.RUN, List.of(new BrokerChange.StatusChange(order.clientOrderId(), OrderStatus.SUBMITTED,
                0, brokerOrderId, null)));
        LOG.info("Order {} at Tinkoff: broker order {}, {} {} lots of {}{}", order.clientOrderId(), brokerOrderId,
                order.side(), order.lots(), order.instrumentId(), order.stopLoss() == null && order.takeProfit() == null ? ""
                        : "; stop-loss " + order.stopLoss() + " / take-profit " + order.takeProfit()
                        + " placed at Tinkoff as stop orders for what it fills");
    }

    private void reject(Order order, String reason, ErrorEvent event) {
        store.apply(TinkoffBroker.RUN, List.of(new BrokerChange.StatusChange(order.clientOrderId(), OrderStatus.REJECTED, 0,
                null, reason)));
        errors.record(event, order);
        LOG.warn("Order {} rejected unsent or by Tinkoff: {}", order.clientOrderId(), reason);
    }
}
