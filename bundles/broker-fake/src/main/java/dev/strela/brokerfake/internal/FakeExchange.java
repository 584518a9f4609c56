package dev.strela.brokerfake.internal;

import dev.strela.api.ledger.Ledger;
import dev.strela.api.ledger.PositionSnapshot;
import dev.strela.api.model.Bar;
import dev.strela.api.model.Fill;
import dev.strela.api.model.Instrument;
import dev.strela.api.model.Order;
import dev.strela.api.model.OrderStatus;
import dev.strela.api.model.OrderType;
import dev.strela.api.model.Timeframe;
import dev.strela.brokerfake.internal.FillModelConfig.MarketFill;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;

/**
 * The simulated exchange behind FakeBroker: holds working orders, fills them on 1-minute bars under a
 * {@link FillModelConfig}, and books every fill in its {@link Ledger}. Pure Java, no I/O; every call
 * returns the {@link ExchangeEvent}s it caused, in order. Calls are serialized on this object.
 *
 * <p>An order takes part from the first bar of its instrument that arrives after it; so do the stop-loss and
 * take-profit orders an entry's fill creates ({@link ProtectiveOrders}), even when a MARKET entry filled at that
 * bar's open: the rest of the entry bar never triggers them. Each bar is processed in
 * four phases, in arrival order within a phase (the path inside a bar is unknown, so the order is fixed):
 * <ol>
 *   <li>at the open: MARKET orders (NEXT_OPEN) and what is left of stops triggered on earlier bars;</li>
 *   <li>stop-loss and take-profit orders: a stop-loss reached by the bar fills at min(open, stop) for a long
 *       (max for a short) plus taker cost; a take-profit at max(open, take) for a long (min for a short); when a
 *       bar reaches both legs of a pair the stop-loss is assumed to have come first (the conservative choice);</li>
 *   <li>LIMIT and STOP entries ({@link FillPricing#restingPrice}); a STOP also pays the taker cost;</li>
 *   <li>at the close: MARKET orders (CURRENT_CLOSE).</li>
 * </ol>
 * With CURRENT_CLOSE a MARKET order fills already on submission, at the close of the instrument's last bar.
 * The volume cap is one budget per bar and instrument, spent in the order above; what it leaves unfilled stays
 * working (PARTIALLY_FILLED): a limit keeps its level, a triggered stop fills at the next bar's open.
 * Fills at the open carry the bar's open time; all others its close time (when the bar is known in full).
 * The broker order id is the client order id; trade ids are {@code <client order id>:<n>}.
 */
public final class FakeExchange {

    private final FillModelConfig config;
    private final Function<String, Optional<Instrument>> instruments;
    private final Ledger account;
    private final OrderBook book = new OrderBook();
    private final ProtectiveOrders protective;
    private final SubmitChecks checks;
    private final Map<String, Market> markets = new HashMap<>();

    /** Per instrument: the last bar, how many bars were processed, and what the volume cap leaves of this bar. */
    private static final class Market {
        private Bar last;
        private long index;
        private long budget = Long.MAX_VALUE;
    }

    public FakeExchange(FillModelConfig config, Function<String, Optional<Instrument>> instruments,
                        Ledger account) {
        this.config = Objects.requireNonNull(config, "config");
        this.instruments = Objects.requireNonNull(instruments, "instruments");
        this.account = Objects.requireNonNull(account, "account");
        this.protective = new ProtectiveOrders(book, account);
        this.checks = new SubmitChecks(config);
    }

    /** An exchange that knows exactly {@code known}. */
    public static FakeExchange of(FillModelConfig config, Ledger account, Collection<Instrument> known) {
        Map<String, Instrument> byId = new LinkedHashMap<>();
        known.forEach(i -> byId.put(i.id(), i));
        return new FakeExchange(config, id -> Optional.ofNullable(byId.get(id)), account);
    }

    /**
     * Accepts (NEW to SUBMITTED) or refuses (REJECTED, reason per {@link SubmitChecks}) an order. The client order
     * id is the idempotency key: an id already seen returns no events.
     *
     * @throws IllegalStateException {@code order_transition_refused} when the order is not in a status that may
     *                               be submitted
     */
    public synchronized List<ExchangeEvent> submit(Order order) {
        if (book.contains(order.clientOrderId())) {
            return List.of();
        }
        Instrument instrument = instruments.apply(order.instrumentId()).orElse(null);
        Market market = market(order.instrumentId());
        BigDecimal lastClose = market.last == null ? null : market.last.close();
        long coverable = instrument == null ? 0 : coverableLots(order, instrument);
        Optional<String> refusal = checks.refusal(order, instrument, lastClose, coverable, freeCash());
        List<ExchangeEvent> out = new ArrayList<>();
        WorkingOrder working = new WorkingOrder(refusal.isPresent() ? order : order.withBrokerOrderId(order.clientOrderId()),
                OrderRole.REGULAR, instrument, null, market.index);
        working.moveTo(refusal.isPresent() ? OrderStatus.REJECTED : OrderStatus.SUBMITTED,
                refusal.orElse("accepted"), out);
        book.add(working);
        if (refusal.isPresent()) {
            return out;
        }
        checks.reserve(working, lastClose, coverable);
        if (isMarket(working) && config.marketFill() == MarketFill.CURRENT_CLOSE && market.last != null) {
            fill(working, market.last.close(), market.last.closeTime(), market, out);
        }
        return out;
    }

    /**
     * Cancels a working order. Cancelling a terminal order is not an error and returns no events; cancelling an
     * entry leaves the protective orders of what it already filled in place.
     *
     * @throws IllegalArgumentException {@code unknown_order} for an id never submitted
     */
    public synchronized List<ExchangeEvent> cancel(String clientOrderId) {
        return cancel(clientOrderId, "cancelled_on_request");
    }

    /** {@link #cancel(String)} with the reason stored on the order. */
    public synchronized List<ExchangeEvent> cancel(String clientOrderId, String reason) {
        WorkingOrder order = book.find(clientOrderId).orElseThrow(
                () -> new IllegalArgumentException("unknown_order: client_order_id=" + clientOrderId));
        if (!order.isActive()) {
            return List.of();
        }
        List<ExchangeEvent> out = new ArrayList<>();
        order.moveTo(OrderStatus.CANCELLED, reason, out);
        return out;
    }

    /**
     * Processes one closed 1-minute bar of an instrument.
     *
     * @throws IllegalArgumentException {@code bar_not_1m} for another timeframe, {@code bar_out_of_order} for a
     *                                  bar not later than the instrument's last one
     */
    public synchronized List<ExchangeEvent> onBar(Bar bar) {
        Market market = advance(bar);
        long index = market.index;
        List<WorkingOrder> working = book.active(bar.instrumentId()).stream()
                .filter(o -> o.createdAtBar() < index).toList();
        boolean nextOpen = config.marketFill() == MarketFill.NEXT_OPEN;
        List<ExchangeEvent> out = new ArrayList<>();
        for (WorkingOrder o : working) {
            if (o.isActive() && (o.triggered() || isMarket(o) && nextOpen)) {
                fill(o, bar.open(), bar.openTime(), market, out);
            }
        }
        for (WorkingOrder o : working) {
            if (o.isActive() && o.role().isProtective() && !o.triggered()) {
                onProtective(o, bar, market, out);
            }
        }
        for (WorkingOrder o : working) {
            if (o.isActive() && o.role() == OrderRole.REGULAR && !isMarket(o) && !o.triggered()) {
                onEntry(o, bar, market, out);
            }
        }
        for (WorkingOrder o : working) {
            if (o.isActive() && isMarket(o) && !nextOpen) {
                fill(o, bar.close(), bar.closeTime(), market, out);
            }
        }
        return out;
    }

    private Market advance(Bar bar) {
        if (bar.timeframe() != Timeframe.M1) {
            throw new IllegalArgumentException("bar_not_1m: instrument_id=" + bar.instrumentId()
                    + ", timeframe=" + bar.timeframe().code());
        }
        Market market = market(bar.instrumentId());
        if (market.last != null && !bar.openTime().isAfter(market.last.openTime())) {
            throw new IllegalArgumentException("bar_out_of_order: instrument_id=" + bar.instrumentId()
                    + ", open_time=" + bar.openTime() + ", last_open_time=" + market.last.openTime());
        }
        market.last = bar;
        market.index++;
        market.budget = config.volumeCap(bar.volume());
        return market;
    }

    private void onProtective(WorkingOrder leg, Bar bar, Market market, List<ExchangeEvent> out) {
        Optional<BigDecimal> level = FillPricing.restingPrice(leg.order().type(), leg.order().side(),
                leg.order().price(), bar);
        if (level.isEmpty()) {
            return;
        }
        if (leg.role() == OrderRole.STOP_LOSS) {
            leg.trigger();
            protective.cancelTakeProfitOf(leg, bar, out);
        } else if (protective.stopLossAlsoTouched(leg, bar)) {
            leg.moveTo(OrderStatus.CANCELLED, "stop_and_take_in_same_bar: stop_loss wins, stop_loss="
                    + leg.siblingClientOrderId(), out);
            return;
        }
        fill(leg, level.get(), bar.closeTime(), market, out);
    }

    private void onEntry(WorkingOrder entry, Bar bar, Market market, List<ExchangeEvent> out) {
        Optional<BigDecimal> level = FillPricing.restingPrice(entry.order().type(), entry.order().side(),
                entry.order().price(), bar);
        if (level.isEmpty()) {
            return;
        }
        if (entry.order().type() == OrderType.STOP) {
            entry.trigger();
        }
        fill(entry, level.get(), bar.closeTime(), market, out);
    }

    /** Fills what the volume cap (and, for protective orders, the pair and the position) allows at {@code base}. */
    private void fill(WorkingOrder order, BigDecimal base, Instant time, Market market, List<ExchangeEvent> out) {
        long lots = Math.min(order.remainingLots(), market.budget);
        if (order.role().isProtective()) {
            lots = Math.min(lots, protective.fillableLots(order));
        }
        if (lots <= 0) {
            return;
        }
        market.budget -= lots;
        Order o = order.order();
        Instrument instrument = order.instrument();
        int ticks = FillPricing.takesLiquidity(o.type()) ? config.takerTicks() : 0;
        BigDecimal price = FillPricing.fillPrice(base, o.side(), ticks, instrument);
        long quantity = Math.multiplyExact(lots, (long) instrument.lot());
        BigDecimal commission = FillPricing.commission(price.multiply(BigDecimal.valueOf(quantity)),
                config.commissionRate());
        int number = order.addFill(lots);
        Fill fill = new Fill(order.id(), order.id(), o.instrumentId(), o.side(), lots, quantity, price, commission,
                time, order.id() + ":" + number);
        PositionSnapshot position = account.apply(o.strategyUniverseId(), fill);
        out.add(new ExchangeEvent.Filled(fill, order.role(), position));
        order.moveTo(order.remainingLots() == 0 ? OrderStatus.FILLED : OrderStatus.PARTIALLY_FILLED,
                "filled: lots=" + lots + ", price=" + price.toPlainString(), out);
        protective.afterFill(order, lots, position, market.index, time, out);
    }

    /** Lots of the strategy's short in the instrument that its working BUY orders do not already cover. */
    private long coverableLots(Order order, Instrument instrument) {
        long held = account.quantity(order.strategyUniverseId(), order.instrumentId());
        return held >= 0 ? 0 : Math.max(0, -held / instrument.lot()
                - book.workingBuyLots(order.strategyUniverseId(), order.instrumentId()));
    }

    private static boolean isMarket(WorkingOrder order) {
        return order.order().type() == OrderType.MARKET;
    }

    private Market market(String instrumentId) {
        return markets.computeIfAbsent(instrumentId, id -> new Market());
    }

    /** The order as the exchange holds it now (its status included). */
    public synchronized Optional<Order> order(String clientOrderId) {
        return book.find(clientOrderId).map(WorkingOrder::order);
    }

    /** Lots filled so far (0 for an unknown id). */
    public synchronized long filledLots(String clientOrderId) {
        return book.find(clientOrderId).map(WorkingOrder::filledLots).orElse(0L);
    }

    /** Orders that may still fill, protective ones included, by instrument and arrival. */
    public synchronized List<Order> activeOrders() {
        return book.active().stream().map(WorkingOrder::order).toList();
    }

    /** Close of the instrument's last bar. */
    public synchronized Optional<BigDecimal> lastClose(String instrumentId) {
        Market market = markets.get(instrumentId);
        return market == null || market.last == null ? Optional.empty() : Optional.of(market.last.close());
    }

    /** Last close of every instrument that had a bar: the marks for equity and unrealized PnL. */
    public synchronized Map<String, BigDecimal> marks() {
        Map<String, BigDecimal> marks = new HashMap<>();
        markets.forEach((id, m) -> {
            if (m.last != null) {
                marks.put(id, m.last.close());
            }
        });
        return marks;
    }

    /** Cash minus what working BUY orders block. */
    public synchronized BigDecimal freeCash() {
        return account.cash().subtract(book.reservedCash());
    }

    /** Cash plus open positions at the last closes. */
    public synchronized BigDecimal equity() {
        return account.equity(marks());
    }

    public Ledger account() {
        return account;
    }
}
