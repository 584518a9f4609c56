package dev.strela.brokertinkoff.internal;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import dev.strela.api.error.ErrorCode;
import dev.strela.api.error.ErrorLog;
import dev.strela.api.ledger.Ledger;
import dev.strela.api.ledger.PositionSnapshot;
import dev.strela.api.model.AccountState;
import dev.strela.api.model.BrokerPosition;
import dev.strela.api.model.Fill;
import dev.strela.api.model.Instrument;
import dev.strela.api.model.Order;
import dev.strela.api.model.OrderStatus;
import dev.strela.api.protective.ProtectiveLegs;
import dev.strela.api.spi.BrokerAdapter;
import dev.strela.api.spi.BrokerException;
import dev.strela.api.spi.FillListener;
import dev.strela.persistence.BrokerChange;
import dev.strela.persistence.BrokerStore;
import dev.strela.persistence.MarketDataRepository;
import dev.strela.persistence.PositionRow;
import dev.strela.persistence.ServiceStatusRepository;
import dev.strela.persistence.TradingControlRepository;
import dev.strela.persistence.WorkingOrderRow;

/**
 * The live run's broker: takes its NEW orders from the database and places them at Tinkoff under their client order
 * id ({@link OrderSender}), asks about the working ones and turns what filled into trades, positions and cash, all
 * through the same {@link BrokerStore} transitions as the simulated broker.
 *
 * <ul>
 *   <li>Fills: each execution stage of an order is one trade at its own price with the exchange's trade id (without
 *       stages, each increase of the executed lots at the order's average price), so asking again after a restart
 *       adds nothing ({@link StageFills}).</li>
 *   <li>Stop-loss and take-profit are broker-held stop orders ({@link ProtectiveStops}): placed once an entry fills
 *       (for the lots it filled), polled with one GetStopOrders per round; a stop no longer waiting has triggered (the
 *       order it became is booked like any other, and its sibling cancelled) or went away; the legs of a position
 *       that went flat are cancelled. On the first round the account's stop orders are reconciled with the working
 *       legs: no orphan is left.</li>
 *   <li>The adapter's heartbeat ({@code broker_tinkoff}) is {@code down} while Tinkoff does not answer
 *       ({@link Heartbeat}): the watchdog then stops trading.</li>
 * </ul>
 *
 * <p>Not yet here: the trades stream in place of polling.
 */
final class TinkoffBroker implements BrokerAdapter {

    static final String NAME = "tinkoff";
    static final String RUN = "live";
    static final String COMPONENT = "broker_tinkoff";
    static final Duration DEFAULT_SEND_WINDOW = Duration.ofSeconds(60);
    private static final Logger LOG = LoggerFactory.getLogger(TinkoffBroker.class);

    private final TinkoffClient client;
    private final BrokerStore store;
    private final MarketDataRepository market;
    private final Clock clock;
    private volatile Ledger ledger;
    private final List<FillListener> listeners = new CopyOnWriteArrayList<>();
    private volatile boolean stopped;
    private final InstrumentChecks instruments;
    private final OrderErrors orderErrors;
    private final Heartbeat heartbeat;
    private final OrderSender sender;
    private final ProtectiveStops protective;
    /** The account's stop orders were reconciled with the working legs (the first round after start). */
    private boolean reconciled;
    /** Shortest time between two GetStopOrders of the rounds, and when the last one was answered (nanoTime). */
    private final long stopPollNanos;
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
        this.client = client;
        this.store = store;
        this.market = market;
        this.clock = clock;
        this.orderErrors = new OrderErrors(errors);
        this.heartbeat = new Heartbeat(client, errors, status, clock);
        this.ledger = restoredLedger(store);
        this.protective = new ProtectiveStops(client, store, market, errors, controls);
        this.instruments = new InstrumentChecks(client, market, clock);
        this.sender = new OrderSender(client, store, controls, instruments, orderErrors, heartbeat, clock, sendWindow);
    }

    private static Ledger restoredLedger(BrokerStore store) {
        BigDecimal cash = store.cash(RUN).orElseThrow(() -> new IllegalStateException("the live run has no account yet"));
        List<PositionSnapshot> held = store.positions(RUN).stream().map(PositionRow::snapshot).toList();
        return Ledger.restored(cash, cash, held);
    }

    // ---- the rounds the routes drive ----------------------------------------------------------------------------

    /** The live run's NEW orders of this broker, placed at Tinkoff or rejected unsent ({@link OrderSender}). */
    synchronized void takeNewOrders() throws InterruptedException {
        if (stopped) {
            return;
        }
        sender.takeNewOrders();
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
            heartbeat.beat(true);
        } catch (Retrier.Failure f) {
            heartbeat.beat(!f.retryable());
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
                orderErrors.failed(row.order(), "booking", e);
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
            heartbeat.beat(true);
        } catch (Retrier.Failure f) {
            heartbeat.beat(!f.retryable());
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
                heartbeat.beat(true);
            }
        } catch (Retrier.Failure f) {
            heartbeat.beat(!f.retryable());
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
            orderErrors.failed(order, step, e);
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

    /** Rounds do nothing from now on (the adapter is being stopped). */
    void stop() {
        stopped = true;
    }

    /** The heartbeat: a call Tinkoff answers, or not. */
    void probe() throws InterruptedException {
        heartbeat.probe();
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
