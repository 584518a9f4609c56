package dev.strela.brokertinkoff.internal;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import dev.strela.api.error.ErrorCode;
import dev.strela.api.error.ErrorEvent;
import dev.strela.api.error.ErrorLog;
import dev.strela.api.error.Severity;
import dev.strela.api.ledger.Ledger;
import dev.strela.api.ledger.PositionSnapshot;
import dev.strela.api.model.AccountState;
import dev.strela.api.model.BrokerPosition;
import dev.strela.api.model.Fill;
import dev.strela.api.model.Instrument;
import dev.strela.api.model.Order;
import dev.strela.api.model.OrderStatus;
import dev.strela.api.model.OrderType;
import dev.strela.api.protective.ProtectiveLegs;
import dev.strela.api.spi.BrokerAdapter;
import dev.strela.api.spi.BrokerException;
import dev.strela.api.spi.FillListener;
import dev.strela.persistence.BrokerChange;
import dev.strela.persistence.BrokerStore;
import dev.strela.persistence.MarketDataRepository;
import dev.strela.persistence.PositionRow;
import dev.strela.persistence.ServiceStatusRepository;
import dev.strela.persistence.TradingControl;
import dev.strela.persistence.TradingControlRepository;
import dev.strela.persistence.WorkingOrderRow;

/**
 * The live run's broker: takes its NEW orders from the database and places them at Tinkoff under their client order
 * id, asks about the working ones and turns what filled into trades, positions and cash, all through the same
 * {@link BrokerStore} transitions as the simulated broker.
 *
 * <ul>
 *   <li>While trading is stopped, NEW orders are rejected unsent ({@code not_sent}), never sent later.</li>
 *   <li>An instrument the exchange or the API does not trade now gets its order rejected unsent
 *       ({@code instrument_not_tradable}).</li>
 *   <li>A call that fails after its retries rejects the order with the full error ({@code order_execution_failed},
 *       code and message from the server); an order whose placing is unknown (the answer was lost every time) stays
 *       NEW and is placed again on the next round under the same key, which cannot create a second order.</li>
 *   <li>Fills: each execution stage of an order is one trade at its own price with the exchange's trade id (without
 *       stages, each increase of the executed lots at the order's average price), so asking again after a restart
 *       adds nothing ({@link StageFills}).</li>
 *   <li>Stop-loss and take-profit are broker-held stop orders ({@link ProtectiveStops}): placed once an entry fills
 *       (for the lots it filled), polled with one GetStopOrders per round; a stop no longer waiting has triggered (the
 *       order it became is booked like any other, and its sibling cancelled) or went away; the legs of a position
 *       that went flat are cancelled. On the first round the account's stop orders are reconciled with the working
 *       legs: no orphan is left.</li>
 *   <li>The adapter's heartbeat ({@code broker_tinkoff}) is {@code down} while Tinkoff does not answer: the
 *       watchdog then stops trading.</li>
 * </ul>
 *
 * <p>Not yet here: the trades stream in place of polling.
 */
final class TinkoffBroker implements BrokerAdapter {

    static final String NAME = "tinkoff";
    static final String RUN = "live";
    static final String COMPONENT = "broker_tinkoff";
    private static final Logger LOG = LoggerFactory.getLogger(TinkoffBroker.class);

    private final TinkoffClient client;
    private final BrokerStore store;
    private final MarketDataRepository market;
    private final ErrorLog errors;
    private final TradingControlRepository controls;
    private final ServiceStatusRepository status;
    private final Clock clock;
    private volatile Ledger ledger;
    private final List<FillListener> listeners = new CopyOnWriteArrayList<>();
    /** NEW orders whose sending may have reached Tinkoff: looked for before anything else is done with them. */
    private final java.util.Set<String> uncertain = ConcurrentHashMap.newKeySet();
    /** The last failure of each order whose sending failed, for the text it is given up with. */
    private final Map<String, String> lastFailure = new ConcurrentHashMap<>();
    private volatile boolean stopped;
    private final InstrumentChecks instruments;
    private volatile boolean down;
    private final ProtectiveStops protective;
    /** The account's stop orders were reconciled with the working legs (the first round after start). */
    private boolean reconciled;
    /** Shortest time between two GetStopOrders of the rounds, and when the last one was answered (nanoTime). */
    private final long stopPollNanos;
    static final Duration DEFAULT_SEND_WINDOW = Duration.ofSeconds(60);
    private final Duration sendWindow;
    private long stopsPolledAt;
    private boolean stopsPolled;

    /** An adapter that asks about the stop orders in every round. */
    TinkoffBroker(TinkoffClient client, BrokerStore store, MarketDataRepository market, ErrorLog errors,
                  TradingControlRepository controls, ServiceStatusRepository status, Clock clock) {
        this(client, store, market, errors, controls, status, clock, Duration.ZERO, DEFAULT_SEND_WINDOW);
    }

    /**
     * @param stopPoll shortest time between two rounds that ask about the stop orders (GetStopOrders counts in the
     *                 {@code stop_orders} budget, which is smaller than a round a second)
     * @param sendWindow how long after it was decided an order may still be placed: past it, an order Tinkoff did not
     *                   take is given up (a market order minutes late is not the order the signal asked for)
     */
    TinkoffBroker(TinkoffClient client, BrokerStore store, MarketDataRepository market, ErrorLog errors,
                  TradingControlRepository controls, ServiceStatusRepository status, Clock clock, Duration stopPoll,
                  Duration sendWindow) {
        this.stopPollNanos = stopPoll.toNanos();
        this.sendWindow = sendWindow;
        this.client = client;
        this.store = store;
        this.market = market;
        this.errors = errors;
        this.controls = controls;
        this.status = status;
        this.clock = clock;
        this.ledger = restoredLedger(store);
        this.protective = new ProtectiveStops(client, store, market, errors, controls);
        this.instruments = new InstrumentChecks(client, market, clock);
        // NEW at start: the platform may have stopped while sending them; they are looked for before anything else
        store.newOrders(NAME, RUN).forEach(o -> uncertain.add(o.clientOrderId()));
    }

    private static Ledger restoredLedger(BrokerStore store) {
        BigDecimal cash = store.cash(RUN).orElseThrow(() -> new IllegalStateException("the live run has no account yet"));
        List<PositionSnapshot> held = store.positions(RUN).stream().map(PositionRow::snapshot).toList();
        return Ledger.restored(cash, cash, held);
    }

    // ---- the rounds the routes drive ----------------------------------------------------------------------------

    /**
     * The live run's NEW orders of this broker. One whose sending may have reached Tinkoff (its answer was lost, or it
     * was NEW when the adapter started) is first looked for among the account's working orders; it is never rejected
     * unsent, since it may be live. Any other is rejected unsent while trading is stopped, else sent. One order's
     * failure is recorded and the round goes on with the next.
     */
    synchronized void takeNewOrders() throws InterruptedException {
        if (stopped) {
            return;
        }
        List<Order> pending = store.newOrders(NAME, RUN);
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
                failed(order, "sending", e);
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
            beat(true);
            submitted(order, placed.brokerOrderId());
            uncertain.remove(order.clientOrderId());
            lastFailure.remove(order.clientOrderId());
        } catch (Retrier.Failure f) {
            if (f.retryable()) {
                if (f.status() == io.grpc.Status.Code.UNAVAILABLE || f.status() == io.grpc.Status.Code.DEADLINE_EXCEEDED) {
                    beat(false);
                }
                if (tooLate(order)) {
                    giveUp(order, f.attempts() + " tries in the last round: " + f.getMessage(), ErrorEvent.of(
                            ErrorCode.ORDER_EXECUTION_FAILED, "order", order.clientOrderId(), "outcome", "given up: not sent again",
                            "grpc_status", f.status(), "tinkoff_code", f.tinkoffCode(), "error", f.getMessage()));
                    return;
                }
                lastFailure.put(order.clientOrderId(), f.getMessage());
                // the order may or may not be at Tinkoff: it stays NEW and is looked for, then sent again, next round
                record(ErrorEvent.of(ErrorCode.ORDER_EXECUTION_FAILED, "order", order.clientOrderId(),
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
                    + " have reached Tinkoff: check with strela:reconcile, then strela:safe-mode off", COMPONENT);
        }
    }

    private void submitted(Order order, String brokerOrderId) {
        store.apply(RUN, List.of(new BrokerChange.StatusChange(order.clientOrderId(), OrderStatus.SUBMITTED, 0,
                brokerOrderId, null)));
        LOG.info("Order {} at Tinkoff: broker order {}, {} {} lots of {}{}", order.clientOrderId(), brokerOrderId,
                order.side(), order.lots(), order.instrumentId(), order.stopLoss() == null && order.takeProfit() == null ? ""
                        : "; stop-loss " + order.stopLoss() + " / take-profit " + order.takeProfit()
                        + " placed at Tinkoff as stop orders for what it fills");
    }

    /**
     * Asks Tinkoff about the live run's working orders: the account's working orders in one call, and the final state
     * of each that is no longer among them; books what changed. Then the protective legs: the account's stop orders
     * in one call; a leg whose stop is waiting stays (or is cancelled when its position no longer needs it), one whose
     * stop is gone is resolved. One order's failure is recorded, the others go on.
     */
    synchronized void pollWorking() throws InterruptedException {
        if (stopped) {
            return;
        }
        protective.newRound();
        if (!reconciled) {
            reconcile();
        }
        List<WorkingOrderRow> rows = store.workingOrders(NAME).stream()
                .filter(r -> RUN.equals(r.runId()) && r.order().brokerOrderId() != null).toList();
        if (rows.isEmpty()) {
            return;
        }
        Map<String, TinkoffClient.BrokerOrder> active = new java.util.HashMap<>();
        try {
            client.activeOrders().forEach(o -> active.put(o.brokerOrderId(), o));
            beat(true);
        } catch (Retrier.Failure f) {
            beat(!f.retryable());
            LOG.warn("Working orders at Tinkoff unknown: {}", f.getMessage());
            return;
        }
        for (WorkingOrderRow row : rows) {
            if (ProtectiveStops.isLeg(row)) {
                continue;
            }
            try {
                TinkoffClient.BrokerOrder now = active.get(row.order().brokerOrderId());
                book(row, now != null ? now : client.state(row.order().brokerOrderId()), true);
            } catch (Retrier.Failure f) {
                LOG.warn("State of order {} (broker order {}) unknown: {}", row.order().clientOrderId(),
                        row.order().brokerOrderId(), f.getMessage());
            } catch (RuntimeException e) {
                failed(row.order(), "booking", e);
            }
        }
        pollLegs(active);
    }

    /**
     * The first round after start: the account's stop orders against the working legs and the positions as stored
     * (orphans cancelled, uncovered positions reported), before anything of this round changes them. Tried again next
     * round when Tinkoff does not answer or an orphan could not be cancelled.
     */
    private void reconcile() throws InterruptedException {
        try {
            reconciled = protective.reconcile(client.stopOrders(), protective.legs(), ledger.positions());
            beat(true);
        } catch (Retrier.Failure f) {
            beat(!f.retryable());
            LOG.warn("Stop orders at Tinkoff not reconciled now: {}; next round", f.getMessage());
        }
    }

    /**
     * The legs after the orders (whose fills may have placed or cancelled some): one GetStopOrders for all, at most
     * once per {@code stopPoll}.
     */
    private void pollLegs(Map<String, TinkoffClient.BrokerOrder> active) throws InterruptedException {
        long now = System.nanoTime();
        if (stopsPolled && now - stopsPolledAt < stopPollNanos) {
            return;
        }
        try {
            if (protective.poll(active.values(), legBook)) {
                stopsPolled = true;
                stopsPolledAt = now;
                beat(true);
            }
        } catch (Retrier.Failure f) {
            beat(!f.retryable());
            LOG.warn("Stop orders at Tinkoff unknown: {}", f.getMessage());
        }
    }

    /** What the legs need of the broker: booking the order a stop became, the positions, the error record. */
    private final ProtectiveStops.Book legBook = new ProtectiveStops.Book() {
        @Override
        public void book(WorkingOrderRow leg, TinkoffClient.BrokerOrder order) throws InterruptedException {
            TinkoffBroker.this.book(leg, order, false);
        }

        @Override
        public long held(long strategyUniverseId, String instrumentId) {
            return ledger.quantity(strategyUniverseId, instrumentId);
        }

        @Override
        public void failed(Order order, String step, RuntimeException e) {
            TinkoffBroker.this.failed(order, step, e);
        }
    };

    /**
     * The order's new executions as trades, and its new status, in one transaction; the ledger follows only a commit.
     * {@code now} is the order at Tinkoff: the row's own, or the exchange order a leg's stop became (then the row keeps
     * the stop order's id, {@code ownId} false). After new fills: the legs that no longer protect the position
     * are cancelled, and an entry with a stop-loss or take-profit gets its pair for the lots it added.
     */
    private void book(WorkingOrderRow row, TinkoffClient.BrokerOrder now, boolean ownId) throws InterruptedException {
        Order order = row.order();
        if (!now.figi().isEmpty()) {
            instruments.seen(now.figi(), order.instrumentId());
        }
        Instrument instrument = market.findInstrument(order.instrumentId()).orElseThrow(() -> new IllegalStateException(
                "instrument " + order.instrumentId() + " of order " + order.clientOrderId() + " is unknown"));
        int lot = instrument.lot();
        List<Fill> fills = StageFills.newFills(row, now, lot, clock.instant());
        List<BrokerChange> changes = new ArrayList<>();
        for (Fill fill : fills) {
            PositionSnapshot p = ledger.apply(order.strategyUniverseId(), fill);
            changes.add(new BrokerChange.Trade(order.clientOrderId(), fill, p.strategyUniverseId(), p.quantity(),
                    p.quantity() / lot, p.isFlat() ? null : p.averagePrice(), p.realizedPnl(), p.commission(), ledger.cash()));
        }
        long added = fills.stream().mapToLong(Fill::lots).sum();
        long executed = row.filledLots() + added;
        OrderStatus to = StageFills.statusAfter(now.status(), executed, order.lots());
        OrderStatus current = executed > row.filledLots() && to == OrderStatus.SUBMITTED ? OrderStatus.PARTIALLY_FILLED : to;
        if (current != OrderStatus.SUBMITTED || !fills.isEmpty()) {
            changes.add(new BrokerChange.StatusChange(order.clientOrderId(), current, executed,
                    ownId ? now.brokerOrderId() : null, current == OrderStatus.REJECTED ? "rejected by Tinkoff" : null));
        }
        if (changes.isEmpty()) {
            return;
        }
        try {
            store.apply(RUN, changes);
        } catch (RuntimeException e) {
            ledger = restoredLedger(store);   // the fills were not stored: the ledger forgets them too
            throw e;
        }
        for (Fill fill : fills) {
            LOG.info("Fill of {}: {} {} lots of {} at {}, commission {}", order.clientOrderId(), order.side(), fill.lots(),
                    order.instrumentId(), fill.price().toPlainString(), fill.commission().toPlainString());
            for (FillListener listener : listeners) {
                try {
                    listener.onFill(fill);
                } catch (RuntimeException e) {
                    LOG.warn("A fill listener failed: {}", e.toString());
                }
            }
        }
        if (!fills.isEmpty()) {
            afterFills(row, added, executed, instrument);
        }
    }

    /** What fills change for the protective legs, as the paper broker does it: cancel what no longer fits, then protect. */
    private void afterFills(WorkingOrderRow row, long added, long executed, Instrument instrument) throws InterruptedException {
        Order order = row.order();
        long held = ledger.quantity(order.strategyUniverseId(), order.instrumentId());
        protective.cancelNotProtecting(order.strategyUniverseId(), order.instrumentId(), held, order.clientOrderId());
        if (!ProtectiveStops.isLeg(row) && (order.stopLoss() != null || order.takeProfit() != null)) {
            long lots = ProtectiveLegs.lotsToProtect(order.side(), added, held, instrument.lot());
            if (lots > 0) {
                protective.protect(order, lots, executed, instrument);
            }
        }
    }

    private void failed(Order order, String step, RuntimeException e) {
        record(ErrorEvent.of(ErrorCode.ORDER_EXECUTION_FAILED, "order", order.clientOrderId(), "step", step,
                "error", String.valueOf(e)).withThrowable(e), order);
        LOG.error("Order {}: {} failed: {}", order.clientOrderId(), step, e.toString());
    }

    /** Records an error of an order, with its universe row when it has one. */
    private void record(ErrorEvent event, Order order) {
        errors.record(order.strategyUniverseId() > 0 ? event.forRow(order.strategyUniverseId()) : event);
    }

    /** Rounds do nothing from now on (the adapter is being stopped). */
    void stop() {
        stopped = true;
    }

    /** The heartbeat: a call Tinkoff answers, or not. */
    void probe() throws InterruptedException {
        try {
            client.cash();
            beat(true);
        } catch (Retrier.Failure f) {
            beat(false);
            LOG.debug("Tinkoff does not answer: {}", f.getMessage());
        }
    }

    private void beat(boolean up) {
        if (!up && !down) {
            errors.record(ErrorEvent.of(ErrorCode.BROKER_DOWN, "broker", NAME, "note", "Tinkoff does not answer")
                    .withSeverity(Severity.ERROR));
        } else if (up && down) {
            LOG.info("Tinkoff answers again");
        }
        down = !up;
        try {
            status.heartbeat(COMPONENT, up ? "up" : "down", clock.instant());
        } catch (RuntimeException e) {
            LOG.debug("Heartbeat not written: {}", e.toString());
        }
    }

    private void reject(Order order, String reason, ErrorEvent event) {
        store.apply(RUN, List.of(new BrokerChange.StatusChange(order.clientOrderId(), OrderStatus.REJECTED, 0, null, reason)));
        record(event, order);
        LOG.warn("Order {} rejected unsent or by Tinkoff: {}", order.clientOrderId(), reason);
    }

    // ---- BrokerAdapter --------------------------------------------------------------------------------------------

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public String placeOrder(Order order) throws BrokerException {
        // an order placed here would have no live_orders row to follow: the adapter takes its orders from the database
        throw new BrokerException(ErrorCode.ORDER_EXECUTION_FAILED, "the Tinkoff adapter sends the live run's NEW orders"
                + " from live_orders; placeOrder is not used (order " + order.clientOrderId() + " not sent)", false);
    }

    @Override
    public void cancelOrder(String brokerOrderId) throws BrokerException {
        try {
            client.cancel(brokerOrderId);
        } catch (Retrier.Failure f) {
            throw new BrokerException(ErrorCode.ORDER_EXECUTION_FAILED, f.getMessage(), f.retryable(), f);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new BrokerException(ErrorCode.ORDER_EXECUTION_FAILED, "interrupted", true, e);
        }
    }

    /** Net units per instrument held at Tinkoff, named by the platform's instrument id where it knows the instrument. */
    @Override
    public List<BrokerPosition> getPositions() throws BrokerException {
        try {
            List<BrokerPosition> positions = new ArrayList<>();
            for (TinkoffClient.Holding h : client.holdings()) {
                positions.add(new BrokerPosition(instruments.instrumentOf(h.figi()), h.units(), h.averagePrice().abs()));
            }
            return positions;
        } catch (Retrier.Failure f) {
            throw new BrokerException(ErrorCode.BROKER_DOWN, f.getMessage(), f.retryable(), f);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new BrokerException(ErrorCode.BROKER_DOWN, "interrupted", true, e);
        }
    }

    /** The account's roubles; the account id is the run's ({@code live}), as reconciliation compares by run. */
    @Override
    public AccountState getCash() throws BrokerException {
        try {
            TinkoffClient.Cash cash = client.cash();
            return new AccountState(RUN, cash.total(), cash.total().subtract(cash.blocked()), cash.portfolioValue(), "rub",
                    clock.instant());
        } catch (Retrier.Failure f) {
            throw new BrokerException(ErrorCode.BROKER_DOWN, f.getMessage(), f.retryable(), f);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new BrokerException(ErrorCode.BROKER_DOWN, "interrupted", true, e);
        }
    }

    @Override
    public AutoCloseable subscribeFills(FillListener listener) {
        listeners.add(listener);
        return () -> listeners.remove(listener);
    }
}
