package dev.strela.brokerfake.internal;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.metatype.annotations.Designate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import dev.strela.api.ledger.Ledger;
import dev.strela.api.ledger.PositionSnapshot;
import dev.strela.api.error.ErrorCode;
import dev.strela.api.error.ErrorEvent;
import dev.strela.api.error.ErrorLog;
import dev.strela.api.model.AccountState;
import dev.strela.api.model.Bar;
import dev.strela.api.model.Instrument;
import dev.strela.api.model.BrokerPosition;
import dev.strela.api.model.Order;
import dev.strela.api.model.OrderStatus;
import dev.strela.api.spi.BrokerAdapter;
import dev.strela.api.spi.FillListener;
import dev.strela.api.model.RunIds;
import dev.strela.persistence.BrokerChange;
import dev.strela.persistence.BrokerStore;
import dev.strela.persistence.MarketDataRepository;
import dev.strela.persistence.PositionRow;
import dev.strela.persistence.TradingControl;
import dev.strela.persistence.TradingControlRepository;
import dev.strela.persistence.WorkingOrderRow;

/**
 * The simulated broker of the paper run: takes NEW {@code fake} orders, fills them bar by bar on the stored
 * 1-minute candles (see {@link FakeExchange} for the fill model) and writes every order change, fill, position and
 * the cash through {@link BrokerStore}, one transaction per call. It keeps the paper account's cash and positions
 * itself and reports fills to subscribers as a real broker would.
 *
 * <p>After a restart the cash and the positions are taken back from the database. Orders that were working at the
 * broker (including broker-held stops) do not survive a restart: they are cancelled with the reason
 * {@code broker_restarted} and reported, so no order is left looking active while nothing watches it.
 *
 * <p>While trading is stopped, NEW orders are not sent: each is rejected as {@code not_sent} and reported
 * ({@code trading_disabled_by_control}), so none goes out later on a decision taken before the stop. Every call from
 * the platform passes the {@link BrokerDrill} first, which can simulate an outage of the link to the broker.
 */
@Component(service = {FakeBroker.class, BrokerAdapter.class}, configurationPid = FakeBrokerConfig.PID)
@Designate(ocd = FakeBrokerConfig.class)
public final class FakeBroker implements BrokerAdapter {

    /** The run FakeBroker keeps in the live platform (replays get their own exchange). */
    static final String RUN = "paper";
    private static final Logger LOG = LoggerFactory.getLogger(FakeBroker.class);

    private final BrokerStore store;
    private final ErrorLog errors;
    private final FakeExchange exchange;
    private final Ledger account;
    private final EventWriter writer;
    private final List<FillListener> listeners = new CopyOnWriteArrayList<>();
    private final Map<String, Instant> lastMinute = new HashMap<>();
    private final FillModelConfig model;
    private final MarketDataRepository market;
    private final BrokerDrill drill;
    private final TradingControlRepository controls;
    /** One simulated exchange and account per running replay, by run id. */
    private final Map<String, FakeExchange> replays = new ConcurrentHashMap<>();

    @Activate
    public FakeBroker(@Reference BrokerStore store, @Reference MarketDataRepository market, @Reference ErrorLog errors,
                      @Reference BrokerDrill drill, @Reference TradingControlRepository controls, FakeBrokerConfig config) {
        this.store = store;
        this.drill = drill;
        this.controls = controls;
        this.errors = errors;
        this.writer = new EventWriter(store);
        this.account = restoredAccount(store, RUN);
        this.model = fillModelOrDefaults(config, errors);
        this.market = market;
        this.exchange = new FakeExchange(model, market::findInstrument, account);
        cancelLeftovers();
        LOG.info("FakeBroker started for run '{}': cash {}, {} open position(s), fill model {}", RUN, account.cash(),
                account.positions().stream().filter(p -> !p.isFlat()).count(), model);
    }

    /** A broken fill-model setting is reported and the defaults are used: the paper broker keeps working. */
    static FillModelConfig fillModelOrDefaults(FakeBrokerConfig config, ErrorLog errors) {
        try {
            return fillModel(config);
        } catch (RuntimeException e) {
            FillModelConfig defaults = FillModelConfig.defaults();
            errors.record(ErrorEvent.of(ErrorCode.CONFIG_INVALID, "pid", FakeBrokerConfig.PID, "problem", e.getMessage(),
                    "used", "the default fill model " + defaults));
            return defaults;
        }
    }

    static FillModelConfig fillModel(FakeBrokerConfig config) {
        FillModelConfig.MarketFill fill;
        try {
            fill = FillModelConfig.MarketFill.valueOf(config.marketFill().trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("marketFill: NEXT_OPEN or CURRENT_CLOSE, was '" + config.marketFill() + "'");
        }
        FillModelConfig model = FillModelConfig.defaults().withMarketFill(fill)
                .withTicks(config.spreadTicks(), config.slippageTicks())
                .withCommissionRate(decimal("commissionRate", config.commissionRate()));
        String cap = config.volumeCapShare() == null ? "" : config.volumeCapShare().trim();
        return cap.isEmpty() ? model : model.withVolumeCapShare(decimal("volumeCapShare", cap));
    }

    private static BigDecimal decimal(String name, String text) {
        try {
            return new BigDecimal(text.trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(name + ": a decimal number such as 0.0005, was '" + text + "'");
        }
    }

    /**
     * A run's account as the database has it: its cash and positions. BrokerStore does not report the run's starting
     * cash; the cash now stands in for it. Nothing in the adapter reads initialCash(): cash, positions and fills carry
     * on exactly.
     */
    private static Ledger restoredAccount(BrokerStore store, String runId) {
        BigDecimal cash = store.cash(runId).orElseThrow(() -> new IllegalStateException(
                "the '" + runId + "' run has no account yet" + (RUN.equals(runId) ? " (execution creates it at start)" : "")));
        List<PositionSnapshot> held = store.positions(runId).stream().map(PositionRow::snapshot).toList();
        return Ledger.restored(cash, cash, held);
    }

    private void cancelLeftovers() {
        List<WorkingOrderRow> left = store.workingOrders(EventWriter.BROKER);
        for (WorkingOrderRow row : left) {
            store.apply(row.runId(), List.of(new BrokerChange.StatusChange(row.order().clientOrderId(), OrderStatus.CANCELLED,
                    row.filledLots(), null, "broker_restarted: simulated working orders do not survive a restart")));
        }
        if (!left.isEmpty()) {
            errors.record(ErrorEvent.of(ErrorCode.ORDER_EXECUTION_FAILED, "broker_restarted", true, "cancelled_orders",
                    left.size(), "note", "open paper positions are kept but have no broker-held stop until the strategy acts"));
        }
    }

    /**
     * Takes the paper run's orders still NEW in the database (the notification, missed notifications, a restart). While
     * trading is stopped they are not sent but rejected as {@code not_sent}; while the link is down (the drill) they
     * stay NEW and the call fails.
     */
    public synchronized void takeNewOrders() {
        List<Order> pending = store.newOrders(EventWriter.BROKER, RUN);
        if (pending.isEmpty() || rejectedWhileStopped(pending)) {
            return;
        }
        drill.call("placeOrder");
        for (Order order : pending) {
            submit(order);
        }
    }

    /**
     * While trading is stopped, the paper run's NEW orders are rejected as {@code not_sent}, whether or not the broker
     * answers (the poll calls this while it does not).
     */
    public synchronized void rejectUnsentWhileStopped() {
        List<Order> pending = store.newOrders(EventWriter.BROKER, RUN);
        if (!pending.isEmpty()) {
            rejectedWhileStopped(pending);
        }
    }

    private boolean rejectedWhileStopped(List<Order> pending) {
        TradingControl control = controls.current();
        if (!control.stopTrading()) {
            return false;
        }
        withhold(pending, control);
        return true;
    }

    /** A call that answers only when the broker does: the poll's sign of life. */
    public void probe() {
        drill.call("getInfo");
    }

    private void withhold(List<Order> pending, TradingControl control) {
        String why = "not_sent: trading stopped (" + control.reason() + ", by " + control.changedBy() + ")";
        for (Order order : pending) {
            store.apply(RUN, List.of(new BrokerChange.StatusChange(order.clientOrderId(), OrderStatus.REJECTED, 0, null, why)));
            ErrorEvent event = ErrorEvent.of(ErrorCode.TRADING_DISABLED_BY_CONTROL, "order", order.clientOrderId(),
                    "signal", order.signalId(), "not_sent", "trading stopped", "reason", control.reason());
            errors.record(order.strategyUniverseId() > 0 ? event.forRow(order.strategyUniverseId()) : event);
        }
        LOG.warn("{} NEW order(s) not sent (rejected): trading is stopped ({})", pending.size(), control.reason());
    }

    // ---- replays: each has its own exchange and account, started with the run's cash, and ends with the run ----

    /** A replay's NEW orders: submitted to its exchange (a market order fills on the next minute). */
    public void replayOrders(String runId) {
        FakeExchange venue = replay(runId);
        synchronized (venue) {
            for (Order order : store.newOrders(EventWriter.BROKER, runId)) {
                if (venue.order(order.clientOrderId()).isEmpty()) {
                    writer.write(runId, venue.submit(order), venue.account());
                }
            }
        }
    }

    /** One simulated minute of a replay: fills what it trades through. */
    public void replayMinutes(String runId, List<Bar> minutes) {
        FakeExchange venue = replay(runId);
        synchronized (venue) {
            for (Bar minute : minutes) {
                writer.write(runId, venue.onBar(minute), venue.account());
            }
        }
    }

    /**
     * A replay ended: its orders still working are cancelled ({@code replay_ended}; the positions stay, for the
     * report to value) and its exchange is let go. Returns how many orders were cancelled.
     */
    public int replayFinished(String runId) {
        FakeExchange venue = replays.remove(runId);
        if (venue == null) {
            return 0;
        }
        synchronized (venue) {
            List<ExchangeEvent> events = new ArrayList<>();
            for (Order order : venue.activeOrders()) {
                events.addAll(venue.cancel(order.clientOrderId(), "replay_ended"));
            }
            writer.write(runId, events, venue.account());
            return (int) events.stream().filter(e -> e instanceof ExchangeEvent.StatusChanged).count();
        }
    }

    /** Replays whose exchange is held now. */
    public int replaysHeld() {
        return replays.size();
    }

    private FakeExchange replay(String runId) {
        if (!RunIds.isReplay(runId)) {
            throw new IllegalArgumentException("run: a replay's run id starts with 'replay-', was " + runId);
        }
        return replays.computeIfAbsent(runId, id -> {
            // normally the replay's start (its starting cash, no positions); after this bundle restarted mid-replay, the
            // cash and positions the replay has stored so far (its working orders were cancelled as broker_restarted)
            Ledger account = restoredAccount(store, id);
            LOG.info("FakeBroker: exchange for {} opened with cash {}, {} open position(s), fill model {}", id,
                    account.cash(), account.positions().stream().filter(p -> !p.isFlat()).count(), model);
            Map<String, Optional<Instrument>> instruments = new ConcurrentHashMap<>();
            return new FakeExchange(model, symbol -> instruments.computeIfAbsent(symbol, market::findInstrument), account);
        });
    }

    /** A NEW order from execution. */
    public synchronized void submit(Order order) {
        if (exchange.order(order.clientOrderId()).isPresent()) {
            return;   // already taken (the notification and the poll both saw it)
        }
        List<ExchangeEvent> events = exchange.submit(order);
        writer.write(RUN, events, account);
        publish(events);
    }

    /**
     * Stored 1-minute candles, in time order: fills what they trade through. A minute not later than the last one
     * seen for its instrument (a re-imported or older file) is history, not the market: it is skipped.
     */
    public synchronized void onMinutes(List<Bar> minutes) {
        for (Bar minute : minutes) {
            Instant last = lastMinute.get(minute.instrumentId());
            if (last != null && !minute.openTime().isAfter(last)) {
                continue;
            }
            lastMinute.put(minute.instrumentId(), minute.openTime());
            List<ExchangeEvent> events = exchange.onBar(minute);
            writer.write(RUN, events, account);
            publish(events);
        }
    }

    private void publish(List<ExchangeEvent> events) {
        for (ExchangeEvent event : events) {
            if (event instanceof ExchangeEvent.Filled filled) {
                for (FillListener listener : listeners) {
                    try {
                        listener.onFill(filled.fill());
                    } catch (RuntimeException e) {
                        LOG.warn("A fill listener failed: {}", e.toString());
                    }
                }
            }
        }
    }

    @Override
    public String name() {
        return EventWriter.BROKER;
    }

    @Override
    public synchronized String placeOrder(Order order) {
        drill.call("placeOrder");
        submit(order);
        return order.clientOrderId();
    }

    @Override
    public synchronized void cancelOrder(String brokerOrderId) {
        drill.call("cancelOrder");
        List<ExchangeEvent> events = exchange.cancel(brokerOrderId);
        writer.write(RUN, events, account);
    }

    @Override
    public List<BrokerPosition> getPositions() {
        drill.call("getPositions");
        return account.netPositions();
    }

    @Override
    public synchronized AccountState getCash() {
        drill.call("getCash");
        return new AccountState(RUN, account.cash(), exchange.freeCash(), exchange.equity(), "rub", Instant.now());
    }

    @Override
    public AutoCloseable subscribeFills(FillListener listener) {
        listeners.add(listener);
        return () -> listeners.remove(listener);
    }
}
