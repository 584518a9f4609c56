package dev.strela.brokertinkoff.internal;

import java.math.BigDecimal;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import dev.strela.api.error.ErrorCode;
import dev.strela.api.error.ErrorEvent;
import dev.strela.api.error.ErrorLog;
import dev.strela.api.error.Severity;
import dev.strela.api.ledger.PositionSnapshot;
import dev.strela.api.model.Instrument;
import dev.strela.api.model.Order;
import dev.strela.api.model.OrderSide;
import dev.strela.api.model.OrderStatus;
import dev.strela.api.protective.ProtectiveLegs;
import dev.strela.api.protective.ProtectiveRole;
import dev.strela.persistence.BrokerChange;
import dev.strela.persistence.BrokerStore;
import dev.strela.persistence.MarketDataRepository;
import dev.strela.persistence.TradingControlRepository;
import dev.strela.persistence.WorkingOrderRow;

/**
 * The live run's broker-held stop-loss and take-profit at Tinkoff (StopOrdersService), in the meaning of the paper
 * broker's protective orders ({@link ProtectiveLegs}) and in the same rows: a {@link BrokerChange.ProtectiveOrder}
 * (STOP_LOSS or TAKE_PROFIT, linked to its entry) moved to SUBMITTED in the same transaction, with the stop order's
 * id as its broker order id.
 * <ul>
 *   <li>Each booked fill of an entry that carries a stop-loss and/or take-profit places one pair on the opposite side
 *       for the lots that fill added to the position, each level put on the instrument's tick toward the entry;
 *       the legs' ids are deterministic.</li>
 *   <li>When a leg triggers its sibling is cancelled at Tinkoff; after any fill, every leg that no longer protects
 *       the strategy's position (flat, or on the other side) is cancelled: no stop is left orphaned.</li>
 *   <li>A leg that cannot be placed or cancelled after its retries, or a stop-loss that went away at Tinkoff
 *       without executing while its position still needs it, is a critical {@code stop_order_failed} error, and safe
 *       mode is switched on (no new positions; the strategies can still close theirs) until a person checks.</li>
 *   <li>At start, a stop order at Tinkoff that no working leg knows of is cancelled and reported
 *       ({@code stop_order_orphaned}), and a live position not fully covered by stop-loss legs is reported.</li>
 * </ul>
 * Called only from the broker's rounds, which hold its lock.
 */
final class ProtectiveStops {

    static final String SAFE_MODE = "safe mode on: no new positions until a person has checked the position at Tinkoff"
            + " (then strela:safe-mode off)";
    private static final Logger LOG = LoggerFactory.getLogger(ProtectiveStops.class);

    private final TinkoffClient client;
    private final BrokerStore store;
    private final MarketDataRepository market;
    private final ErrorLog errors;
    private final TradingControlRepository controls;
    /** Legs settled during the current round: the round's snapshot of rows no longer holds for them. */
    private final Set<String> settled = new HashSet<>();
    /** Legs already reported as failed: once, not every round. */
    private final Set<String> reported = new HashSet<>();

    /** What the legs need of the broker: booking the order a stop became, the positions, the error record. */
    interface Book {
        /** Books what {@code order}, the exchange order the leg's stop became, did; the row keeps the stop's id. */
        void book(WorkingOrderRow leg, TinkoffClient.BrokerOrder order) throws InterruptedException;

        /** The strategy's position in the instrument now, in units. */
        long held(long strategyUniverseId, String instrumentId);

        /** Records that one order's step failed (the round goes on). */
        void failed(Order order, String step, RuntimeException e);
    }

    ProtectiveStops(TinkoffClient client, BrokerStore store, MarketDataRepository market, ErrorLog errors,
                    TradingControlRepository controls) {
        this.client = client;
        this.store = store;
        this.market = market;
        this.errors = errors;
        this.controls = controls;
    }

    static boolean isLeg(WorkingOrderRow row) {
        return WorkingOrderRow.STOP_LOSS.equals(row.role()) || WorkingOrderRow.TAKE_PROFIT.equals(row.role());
    }

    static ProtectiveRole role(WorkingOrderRow leg) {
        return ProtectiveRole.valueOf(leg.role());
    }

    void newRound() {
        settled.clear();
    }

    boolean settled(String clientOrderId) {
        return settled.contains(clientOrderId);
    }

    /** The live run's working legs, each with its stop order's id. */
    List<WorkingOrderRow> legs() {
        return store.workingOrders(TinkoffBroker.NAME).stream()
                .filter(r -> TinkoffBroker.RUN.equals(r.runId()) && isLeg(r) && r.order().brokerOrderId() != null)
                .toList();
    }

    // ---- following ------------------------------------------------------------------------------------------------

    /**
     * One round over the working legs with one GetStopOrders: a leg whose stop is waiting stays, or is cancelled when
     * its position no longer needs it; one whose stop is gone is resolved ({@link #resolve}). False when there is no
     * leg (nothing asked); a failure of GetStopOrders is thrown, one leg's failure is recorded and the others go on.
     *
     * @param active the account's working orders, read this round
     */
    boolean poll(Collection<TinkoffClient.BrokerOrder> active, Book book) throws Retrier.Failure, InterruptedException {
        List<WorkingOrderRow> legs = legs();
        if (legs.isEmpty()) {
            return false;
        }
        Set<String> waiting = client.stopOrders().stream().map(TinkoffClient.BrokerStop::stopOrderId)
                .collect(Collectors.toSet());
        for (WorkingOrderRow leg : legs) {
            Order o = leg.order();
            if (settled.contains(o.clientOrderId())) {
                continue;
            }
            try {
                long held = book.held(o.strategyUniverseId(), o.instrumentId());
                if (!waiting.contains(o.brokerOrderId())) {
                    resolve(leg, active, book);
                } else if (!ProtectiveLegs.protects(o.side(), held)) {
                    cancel(leg, reason(held));
                }
            } catch (Retrier.Failure f) {
                LOG.warn("{} {} (stop order {}): its outcome is unknown now: {}", leg.role(), o.clientOrderId(),
                        o.brokerOrderId(), f.getMessage());
            } catch (RuntimeException e) {
                book.failed(o, "following the stop order", e);
            }
        }
        return true;
    }

    /**
     * A leg whose stop is no longer waiting: it triggered (its sibling is cancelled at once, then the order it became
     * is booked like any other; an order refused or cancelled there leaves the position without this leg), or it
     * went away without an order ({@link #gone}).
     */
    private void resolve(WorkingOrderRow leg, Collection<TinkoffClient.BrokerOrder> active, Book book)
            throws Retrier.Failure, InterruptedException {
        Order o = leg.order();
        Optional<TinkoffClient.BrokerOrder> made = client.orderOfStop(o.brokerOrderId(), active);
        if (made.isEmpty()) {
            gone(leg, book.held(o.strategyUniverseId(), o.instrumentId()));
            return;
        }
        cancelSibling(leg);
        book.book(leg, made.get());
        long after = book.held(o.strategyUniverseId(), o.instrumentId());
        OrderStatus status = made.get().status();
        if (status == OrderStatus.REJECTED || status == OrderStatus.CANCELLED) {
            lost(leg, after, "the order its stop order " + o.brokerOrderId() + " became (" + made.get().brokerOrderId()
                    + ") was " + status + " at Tinkoff");
        } else if ((o.side() == OrderSide.SELL ? after < 0 : after > 0) && reported.add(o.clientOrderId())) {
            failed(o, ErrorEvent.of(ErrorCode.STOP_ORDER_FAILED, "order", o.clientOrderId(), "role", leg.role(),
                    "stop_order", o.brokerOrderId(), "position", after, "problem", "its order took the position past flat:"
                            + " the other leg or a close executed as well", "action", SAFE_MODE),
                    "a " + leg.role() + " took the position past flat, to " + after);
        }
    }

    // ---- placing --------------------------------------------------------------------------------------------------

    /**
     * Places the pair protecting {@code lots} lots that a fill of {@code entry} added; {@code entryFilledLots} is the
     * entry's filled lots after that fill (part of the legs' ids). A leg that cannot be placed is reported and safe
     * mode switched on; the other leg is still placed.
     */
    void protect(Order entry, long lots, long entryFilledLots, Instrument instrument) throws InterruptedException {
        Set<String> known = legs().stream().map(r -> r.order().brokerOrderId()).collect(Collectors.toCollection(HashSet::new));
        OrderSide side = entry.side().opposite();
        for (ProtectiveRole role : ProtectiveRole.values()) {
            BigDecimal wanted = role == ProtectiveRole.STOP_LOSS ? entry.stopLoss() : entry.takeProfit();
            if (wanted != null) {
                place(entry, role, side, lots, wanted, entryFilledLots, instrument, known);
            }
        }
    }

    private void place(Order entry, ProtectiveRole role, OrderSide side, long lots, BigDecimal wanted, long entryFilledLots,
                       Instrument instrument, Set<String> known) throws InterruptedException {
        String id = ProtectiveLegs.childId(TinkoffBroker.NAME, entry.clientOrderId(), role, entryFilledLots);
        BigDecimal level = ProtectiveLegs.level(role, side, wanted, instrument.minPriceIncrement());
        String stopId;
        try {
            stopId = client.postStopOrder(instrument.id(), role, side, lots, wanted, instrument.minPriceIncrement(), known);
        } catch (Retrier.Failure f) {
            failed(entry, ErrorEvent.of(ErrorCode.STOP_ORDER_FAILED, "order", id, "entry", entry.clientOrderId(), "role", role,
                    "side", side, "lots", lots, "level", level.toPlainString(), "step", "place", "tinkoff_code",
                    f.tinkoffCode(), "error", f.getMessage(), "action", SAFE_MODE), "a " + role + " of " + entry.clientOrderId()
                    + " could not be placed");
            return;
        }
        known.add(stopId);
        try {
            store.apply(TinkoffBroker.RUN, List.of(
                    new BrokerChange.ProtectiveOrder(id, entry.clientOrderId(), side, role.name(), lots, level, TinkoffBroker.NAME),
                    new BrokerChange.StatusChange(id, OrderStatus.SUBMITTED, 0, stopId, null)));
        } catch (RuntimeException e) {
            failed(entry, ErrorEvent.of(ErrorCode.STOP_ORDER_FAILED, "order", id, "entry", entry.clientOrderId(), "role", role,
                    "stop_order", stopId, "step", "record", "error", String.valueOf(e), "action", "the stop order protects the"
                            + " position at Tinkoff but is not followed; it is cancelled as an orphan at the next start; "
                            + SAFE_MODE).withThrowable(e), "a " + role + " of " + entry.clientOrderId() + " was not recorded");
            return;
        }
        LOG.info("{} of {} at Tinkoff: stop order {}, {} {} lots of {} at {}", role, entry.clientOrderId(), stopId, side,
                lots, instrument.id(), level.toPlainString());
    }

    // ---- cancelling -----------------------------------------------------------------------------------------------

    /**
     * Cancels, after a fill of {@code by}, every working leg of the strategy's position in the instrument that no
     * longer protects it ({@code quantity} units now).
     */
    void cancelNotProtecting(long strategyUniverseId, String instrumentId, long quantity, String by) throws InterruptedException {
        for (WorkingOrderRow leg : legs()) {
            Order o = leg.order();
            if (o.strategyUniverseId() == strategyUniverseId && o.instrumentId().equals(instrumentId)
                    && !settled.contains(o.clientOrderId()) && !ProtectiveLegs.protects(o.side(), quantity)) {
                cancel(leg, reason(quantity) + ", by=" + by);
            }
        }
    }

    static String reason(long quantity) {
        return (quantity == 0 ? "position_closed" : "position_reversed") + ": quantity=" + quantity;
    }

    /** A leg triggered: the other leg of its pair (same entry, same lots) is cancelled. */
    void cancelSibling(WorkingOrderRow leg) throws InterruptedException {
        ProtectiveRole role = role(leg);
        Optional<WorkingOrderRow> sibling = legs().stream()
                .filter(o -> !settled.contains(o.order().clientOrderId()) && role(o) == role.sibling()
                        && o.parentClientOrderId() != null && o.parentClientOrderId().equals(leg.parentClientOrderId())
                        && o.order().lots() == leg.order().lots())
                .findFirst();
        if (sibling.isPresent()) {
            cancel(sibling.get(), (role == ProtectiveRole.STOP_LOSS ? "oco_stop_loss_triggered: stop_loss="
                    : "oco_take_profit_triggered: take_profit=") + leg.order().clientOrderId());
        }
    }

    /**
     * Cancels a leg's stop order at Tinkoff and records it CANCELLED. False when it was not cancelled: Tinkoff no longer
     * has it waiting (it triggered or went away: the next round resolves it), or the cancel failed (reported once,
     * safe mode on; tried again in the next rounds while the leg does not protect its position).
     */
    boolean cancel(WorkingOrderRow leg, String reason) throws InterruptedException {
        Order o = leg.order();
        try {
            if (!client.cancelStopOrder(o.brokerOrderId())) {
                LOG.info("{} {}: its stop order {} is no longer waiting at Tinkoff (triggered or gone); resolved next round",
                        leg.role(), o.clientOrderId(), o.brokerOrderId());
                return false;
            }
        } catch (Retrier.Failure f) {
            if (reported.add(o.clientOrderId())) {
                failed(o, ErrorEvent.of(ErrorCode.STOP_ORDER_FAILED, "order", o.clientOrderId(), "role", leg.role(),
                        "stop_order", o.brokerOrderId(), "step", "cancel", "reason", reason, "tinkoff_code", f.tinkoffCode(),
                        "error", f.getMessage(), "action", "it stays at Tinkoff and may still execute; cancelled again in the"
                                + " next rounds; " + SAFE_MODE), "a " + leg.role() + " to cancel stays at Tinkoff");
            }
            return false;
        }
        store.apply(TinkoffBroker.RUN, List.of(new BrokerChange.StatusChange(o.clientOrderId(), OrderStatus.CANCELLED,
                leg.filledLots(), null, reason)));
        settled.add(o.clientOrderId());
        LOG.info("{} {} cancelled at Tinkoff (stop order {}): {}", leg.role(), o.clientOrderId(), o.brokerOrderId(), reason);
        return true;
    }

    // ---- stops that went away -------------------------------------------------------------------------------------

    /**
     * A leg whose stop order is no longer waiting at Tinkoff and made no order (cancelled or expired there): it is
     * CANCELLED; a stop-loss whose position still needs it is reported (critical) and safe mode switched on.
     */
    void gone(WorkingOrderRow leg, long quantity) {
        Order o = leg.order();
        store.apply(TinkoffBroker.RUN, List.of(new BrokerChange.StatusChange(o.clientOrderId(), OrderStatus.CANCELLED,
                leg.filledLots(), null, "stop_order_gone: not waiting at Tinkoff and no order made from it")));
        settled.add(o.clientOrderId());
        lost(leg, quantity, "its stop order " + o.brokerOrderId() + " is no longer at Tinkoff (cancelled or expired there)"
                + " and made no order");
    }

    /** A leg ended without doing its work: reported when its position still needs it (a stop-loss: critical). */
    void lost(WorkingOrderRow leg, long quantity, String why) {
        Order o = leg.order();
        if (!ProtectiveLegs.protects(o.side(), quantity)) {
            LOG.info("{} {} ended: {}; its position no longer needs it", leg.role(), o.clientOrderId(), why);
            return;
        }
        boolean stopLoss = role(leg) == ProtectiveRole.STOP_LOSS;
        ErrorEvent event = ErrorEvent.of(ErrorCode.STOP_ORDER_FAILED, "order", o.clientOrderId(), "role", leg.role(),
                "stop_order", o.brokerOrderId(), "position", quantity, "problem", why, "action",
                stopLoss ? SAFE_MODE : "none: the position keeps its stop-loss");
        if (stopLoss) {
            failed(o, event, "the stop-loss " + o.clientOrderId() + " is gone");
        } else {
            record(event.withSeverity(Severity.WARNING), o.strategyUniverseId());
            LOG.warn("Take-profit {} ended: {}; the position keeps its stop-loss", o.clientOrderId(), why);
        }
    }

    // ---- start ----------------------------------------------------------------------------------------------------

    /**
     * At start: every stop order waiting at Tinkoff that no working leg knows of is cancelled and reported; every open
     * position not fully covered by working stop-loss legs is reported (critical, safe mode). True when done; false
     * when an orphan could not be cancelled now (tried again next round).
     */
    boolean reconcile(List<TinkoffClient.BrokerStop> waiting, List<WorkingOrderRow> legs, List<PositionSnapshot> positions)
            throws InterruptedException {
        Set<String> followed = legs.stream().map(l -> l.order().brokerOrderId()).collect(Collectors.toSet());
        boolean done = true;
        for (TinkoffClient.BrokerStop stop : waiting) {
            if (followed.contains(stop.stopOrderId())) {
                continue;
            }
            try {
                boolean cancelled = client.cancelStopOrder(stop.stopOrderId());
                errors.record(ErrorEvent.of(ErrorCode.STOP_ORDER_ORPHANED, "stop_order", stop.stopOrderId(), "instrument",
                        stop.instrumentUid(), "figi", stop.figi(), "side", stop.side(), "role", stop.role(), "lots",
                        stop.lots(), "stop_price", stop.stopPrice().toPlainString(), "action",
                        cancelled ? "cancelled: no working order of the platform follows it" : "none: it went away meanwhile"));
                LOG.warn("Stop order {} at Tinkoff ({} {} lots of {} at {}) is followed by no working order: {}",
                        stop.stopOrderId(), stop.side(), stop.lots(), stop.instrumentUid(), stop.stopPrice().toPlainString(),
                        cancelled ? "cancelled" : "gone meanwhile");
            } catch (Retrier.Failure f) {
                LOG.warn("Orphaned stop order {} not cancelled now ({}); next round", stop.stopOrderId(), f.getMessage());
                done = false;
            }
        }
        positions.stream().filter(p -> !p.isFlat()).forEach(p -> checkCovered(p, legs));
        return done;
    }

    private void checkCovered(PositionSnapshot p, List<WorkingOrderRow> legs) {
        Optional<Instrument> instrument = market.findInstrument(p.instrumentId());
        long covered = legs.stream()
                .filter(l -> role(l) == ProtectiveRole.STOP_LOSS && l.order().strategyUniverseId() == p.strategyUniverseId()
                        && l.order().instrumentId().equals(p.instrumentId())
                        && ProtectiveLegs.protects(l.order().side(), p.quantity()))
                .mapToLong(l -> l.order().lots() - l.filledLots())
                .sum();
        long held = Math.abs(p.quantity()) / instrument.map(Instrument::lot).orElse(1);
        if (covered < held) {
            failed(p.strategyUniverseId(), ErrorEvent.of(ErrorCode.STOP_ORDER_FAILED, "instrument", p.instrumentId(),
                    "position", p.quantity(), "lots_held", held, "lots_with_stop_loss", covered, "problem",
                    "the live position is not fully covered by broker-held stop-loss orders", "action", SAFE_MODE),
                    "a live position of " + p.instrumentId() + " has no stop-loss for " + (held - covered) + " lot(s)");
        }
    }

    // ---- reporting ------------------------------------------------------------------------------------------------

    private void failed(Order order, ErrorEvent event, String why) {
        failed(order.strategyUniverseId(), event, why);
    }

    private void failed(long strategyUniverseId, ErrorEvent event, String why) {
        record(event.withSeverity(Severity.CRITICAL), strategyUniverseId);
        LOG.error("Tinkoff: {}: {}", why, event.message());
        try {
            if (!controls.current().safeMode()) {
                controls.setSafeMode(true, "broker_tinkoff: " + why + " (stop_order_failed)", TinkoffBroker.COMPONENT);
            }
        } catch (RuntimeException e) {
            LOG.error("Safe mode could not be switched on after: {} ({})", why, e.toString());
        }
    }

    private void record(ErrorEvent event, long strategyUniverseId) {
        errors.record(strategyUniverseId > 0 ? event.forRow(strategyUniverseId) : event);
    }
}
