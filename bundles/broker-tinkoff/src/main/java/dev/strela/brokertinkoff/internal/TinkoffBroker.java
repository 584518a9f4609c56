package dev.strela.brokertinkoff.internal;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
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
import dev.strela.api.error.ErrorSource;
import dev.strela.api.ledger.Ledger;
import dev.strela.api.ledger.PositionSnapshot;
import dev.strela.api.model.AccountState;
import dev.strela.api.model.BrokerPosition;
import dev.strela.api.model.Fill;
import dev.strela.api.model.Instrument;
import dev.strela.api.model.Order;
import dev.strela.api.model.OrderStatus;
import dev.strela.api.model.OrderType;
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
 *   <li>Fills: each increase of an order's executed lots is one trade, priced from the change of its executed value,
 *       with the trade id {@code <broker order id>:<lots executed>}, so asking again after a restart adds nothing.</li>
 *   <li>The adapter's heartbeat ({@code broker_tinkoff}) is {@code down} while Tinkoff does not answer: the
 *       watchdog then stops trading.</li>
 * </ul>
 *
 * <p>Not yet here: broker-held stop-loss and take-profit orders (StopOrdersService; until then the adapter runs in the
 * sandbox only, see {@link Settings}), the candle stream, and the trades stream in place of polling.
 */
final class TinkoffBroker implements BrokerAdapter {

    static final String NAME = "tinkoff";
    static final String RUN = "live";
    static final String COMPONENT = "broker_tinkoff";
    private static final Logger LOG = LoggerFactory.getLogger(TinkoffBroker.class);
    private static final Duration TRADABILITY_TTL = Duration.ofSeconds(30);

    private final TinkoffClient client;
    private final BrokerStore store;
    private final MarketDataRepository market;
    private final ErrorLog errors;
    private final TradingControlRepository controls;
    private final ServiceStatusRepository status;
    private final Clock clock;
    private final Ledger ledger;
    private final List<FillListener> listeners = new CopyOnWriteArrayList<>();
    /** Per broker order id: executed value and commission already turned into trades. */
    private final Map<String, BigDecimal[]> booked = new ConcurrentHashMap<>();
    private final Map<String, TimedTradability> tradability = new ConcurrentHashMap<>();
    private final Map<String, String> instrumentByFigi = new ConcurrentHashMap<>();
    private volatile boolean down;

    private record TimedTradability(TinkoffClient.Tradability value, Instant at) {
    }

    TinkoffBroker(TinkoffClient client, BrokerStore store, MarketDataRepository market, ErrorLog errors,
                  TradingControlRepository controls, ServiceStatusRepository status, Clock clock) {
        this.client = client;
        this.store = store;
        this.market = market;
        this.errors = errors;
        this.controls = controls;
        this.status = status;
        this.clock = clock;
        BigDecimal cash = store.cash(RUN).orElseThrow(() -> new IllegalStateException("the live run has no account yet"));
        List<PositionSnapshot> held = store.positions(RUN).stream().map(TinkoffBroker::snapshot).toList();
        this.ledger = Ledger.restored(cash, cash, held);
    }

    // ---- the rounds the routes drive ----------------------------------------------------------------------------

    /** The live run's NEW orders of this broker: rejected unsent while trading is stopped, else placed. */
    synchronized void takeNewOrders() throws InterruptedException {
        List<Order> pending = store.newOrders(NAME, RUN);
        if (pending.isEmpty()) {
            return;
        }
        TradingControl control = controls.current();
        for (Order order : pending) {
            if (control.stopTrading()) {
                reject(order, "not_sent: trading stopped (" + control.reason() + ", by " + control.changedBy() + ")",
                        ErrorEvent.of(ErrorCode.TRADING_DISABLED_BY_CONTROL, "order", order.clientOrderId(), "signal",
                                order.signalId(), "not_sent", "trading stopped", "reason", control.reason()));
                continue;
            }
            send(order);
        }
    }

    private void send(Order order) throws InterruptedException {
        if (order.type() != OrderType.MARKET && order.type() != OrderType.LIMIT) {
            reject(order, "unsupported_order_type: " + order.type() + " entries are not sent to Tinkoff",
                    ErrorEvent.of(ErrorCode.UNSUPPORTED_ORDER_TYPE, "order", order.clientOrderId(), "type", order.type()));
            return;
        }
        try {
            TinkoffClient.Tradability t = tradability(order.instrumentId(), order.type() == OrderType.MARKET);
            if (!t.tradable()) {
                reject(order, "not_sent: instrument_not_tradable: " + t.reason(), ErrorEvent.of(ErrorCode.INSTRUMENT_NOT_TRADABLE,
                        "order", order.clientOrderId(), "instrument", order.instrumentId(), "reason", t.reason()));
                return;
            }
            TinkoffClient.BrokerOrder placed = client.place(order.clientOrderId(), order.instrumentId(), order.side(),
                    order.lots(), order.type() == OrderType.LIMIT ? order.price() : null);
            beat(true);
            if (order.stopLoss() != null || order.takeProfit() != null) {
                LOG.warn("Order {}: its stop-loss {} / take-profit {} are not placed at the broker (sandbox; stop orders come"
                        + " with a later version)", order.clientOrderId(), order.stopLoss(), order.takeProfit());
            }
            store.apply(RUN, List.of(new BrokerChange.StatusChange(order.clientOrderId(), OrderStatus.SUBMITTED, 0,
                    placed.brokerOrderId(), null)));
            LOG.info("Order {} placed at Tinkoff: broker order {}, {} {} lots of {}", order.clientOrderId(),
                    placed.brokerOrderId(), order.side(), order.lots(), order.instrumentId());
            follow(new WorkingOrderRow(RUN, withBrokerId(order, placed.brokerOrderId()), 0, WorkingOrderRow.REGULAR, null));
        } catch (Retrier.Failure f) {
            if (f.retryable()) {
                // the order may or may not be at the broker: it stays NEW and goes again under the same key
                beat(false);
                errors.record(ErrorEvent.of(ErrorCode.BROKER_DOWN, "broker", NAME, "order", order.clientOrderId(),
                        "error", f.getMessage()).withSeverity(dev.strela.api.error.Severity.ERROR));
                return;
            }
            reject(order, "rejected by Tinkoff: " + f.getMessage(), ErrorEvent.of(ErrorCode.ORDER_EXECUTION_FAILED,
                    "order", order.clientOrderId(), "tinkoff_code", f.tinkoffCode(), "error", f.getMessage()));
        }
    }

    /** Asks Tinkoff about every working order of the live run and books what changed. */
    synchronized void pollWorking() throws InterruptedException {
        for (WorkingOrderRow row : store.workingOrders(NAME)) {
            if (RUN.equals(row.runId()) && row.order().brokerOrderId() != null) {
                follow(row);
            }
        }
    }

    private void follow(WorkingOrderRow row) throws InterruptedException {
        Order order = row.order();
        TinkoffClient.BrokerOrder now;
        try {
            now = client.state(order.brokerOrderId());
            beat(true);
            if (!now.figi().isEmpty()) {
                instrumentByFigi.put(now.figi(), order.instrumentId());
            }
        } catch (Retrier.Failure f) {
            if (f.retryable()) {
                beat(false);
            }
            LOG.warn("State of order {} (broker order {}) unknown: {}", order.clientOrderId(), order.brokerOrderId(), f.getMessage());
            return;
        }
        List<BrokerChange> changes = new ArrayList<>();
        if (now.lotsExecuted() > row.filledLots()) {
            changes.add(trade(row, now));
        }
        if (now.status() != OrderStatus.SUBMITTED || now.lotsExecuted() > row.filledLots()) {
            OrderStatus to = now.status() == OrderStatus.SUBMITTED ? OrderStatus.PARTIALLY_FILLED : now.status();
            changes.add(new BrokerChange.StatusChange(order.clientOrderId(), to, now.lotsExecuted(), now.brokerOrderId(),
                    to == OrderStatus.REJECTED ? "rejected by Tinkoff" : null));
        }
        if (!changes.isEmpty()) {
            store.apply(RUN, changes);
        }
    }

    /** One trade for the lots executed since the last look, priced from the change of the executed value. */
    private BrokerChange trade(WorkingOrderRow row, TinkoffClient.BrokerOrder now) {
        Order order = row.order();
        int lot = market.findInstrument(order.instrumentId()).map(Instrument::lot).orElseThrow(() ->
                new IllegalStateException("instrument " + order.instrumentId() + " of order " + order.clientOrderId() + " is unknown"));
        long lots = now.lotsExecuted() - row.filledLots();
        long units = lots * lot;
        BigDecimal[] before = booked.getOrDefault(now.brokerOrderId(), null);
        BigDecimal price;
        BigDecimal commission;
        if (before != null && now.executedValue() != null) {
            price = now.executedValue().subtract(before[0]).divide(BigDecimal.valueOf(units), 9, RoundingMode.HALF_EVEN);
            commission = now.commission().subtract(before[1]);
        } else {
            // nothing booked in this process (first look, or after a restart): the order's average so far
            price = now.averagePrice(lot).orElse(order.price() == null ? BigDecimal.ZERO : order.price());
            commission = row.filledLots() == 0 ? now.commission()
                    : now.commission().multiply(BigDecimal.valueOf(lots)).divide(BigDecimal.valueOf(now.lotsExecuted()), 2, RoundingMode.HALF_EVEN);
        }
        booked.put(now.brokerOrderId(), new BigDecimal[] {
                now.executedValue() == null ? BigDecimal.ZERO : now.executedValue(), now.commission()});
        Fill fill = new Fill(now.brokerOrderId(), order.clientOrderId(), order.instrumentId(), order.side(), lots, units,
                price.stripTrailingZeros(), commission.max(BigDecimal.ZERO), clock.instant(),
                now.brokerOrderId() + ":" + now.lotsExecuted());
        PositionSnapshot p = ledger.apply(order.strategyUniverseId(), fill);
        for (FillListener listener : listeners) {
            try {
                listener.onFill(fill);
            } catch (RuntimeException e) {
                LOG.warn("A fill listener failed: {}", e.toString());
            }
        }
        LOG.info("Fill of {}: {} {} lots of {} at {}, commission {}", order.clientOrderId(), order.side(), lots,
                order.instrumentId(), fill.price().toPlainString(), fill.commission().toPlainString());
        return new BrokerChange.Trade(order.clientOrderId(), fill, p.strategyUniverseId(), p.quantity(), p.quantity() / lot,
                p.isFlat() ? null : p.averagePrice(), p.realizedPnl(), p.commission(), ledger.cash());
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
                    .withSeverity(dev.strela.api.error.Severity.ERROR));
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

    private TinkoffClient.Tradability tradability(String instrument, boolean marketOrder) throws Retrier.Failure, InterruptedException {
        String key = instrument + (marketOrder ? ":market" : ":limit");
        TimedTradability cached = tradability.get(key);
        if (cached != null && cached.at().plus(TRADABILITY_TTL).isAfter(clock.instant())) {
            return cached.value();
        }
        TinkoffClient.Tradability t = client.tradability(instrument, marketOrder);
        tradability.put(key, new TimedTradability(t, clock.instant()));
        return t;
    }

    private void reject(Order order, String reason, ErrorEvent event) {
        store.apply(RUN, List.of(new BrokerChange.StatusChange(order.clientOrderId(), OrderStatus.REJECTED, 0, null, reason)));
        ErrorEvent e = event.withSource(ErrorSource.BROKER);
        errors.record(order.strategyUniverseId() > 0 ? e.forRow(order.strategyUniverseId()) : e);
        LOG.warn("Order {} rejected unsent or by Tinkoff: {}", order.clientOrderId(), reason);
    }

    // ---- BrokerAdapter --------------------------------------------------------------------------------------------

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public String placeOrder(Order order) throws BrokerException {
        try {
            return client.place(order.clientOrderId(), order.instrumentId(), order.side(), order.lots(),
                    order.type() == OrderType.LIMIT ? order.price() : null).brokerOrderId();
        } catch (Retrier.Failure f) {
            throw new BrokerException(ErrorCode.ORDER_EXECUTION_FAILED, f.getMessage(), f.retryable(), f);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new BrokerException(ErrorCode.ORDER_EXECUTION_FAILED, "interrupted", true, e);
        }
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
                positions.add(new BrokerPosition(instrumentOf(h.figi()), h.units(), h.averagePrice().abs()));
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

    /** The platform's id of a Tinkoff instrument: the one it was ordered under, else the figi itself. */
    private String instrumentOf(String figi) {
        return instrumentByFigi.computeIfAbsent(figi, f -> market.findInstrument(f).map(Instrument::id).orElse(f));
    }

    private static Order withBrokerId(Order o, String brokerOrderId) {
        return new Order(o.id(), o.clientOrderId(), o.strategyUniverseId(), o.signalId(), o.instrumentId(), o.side(),
                o.type(), o.lots(), o.price(), o.stopLoss(), o.takeProfit(), OrderStatus.SUBMITTED, brokerOrderId, o.createdAt());
    }

    private static PositionSnapshot snapshot(PositionRow p) {
        return new PositionSnapshot(p.strategyUniverseId(), p.symbol(), p.quantity(),
                p.averagePrice() == null ? BigDecimal.ZERO : p.averagePrice(), p.realizedPnl(), p.commission());
    }

    Optional<PositionSnapshot> position(long row, String instrument) {
        return ledger.position(row, instrument);
    }
}
