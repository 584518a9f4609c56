package dev.strela.brokerfake.internal;

import dev.strela.api.ledger.Ledger;
import dev.strela.api.ledger.PositionSnapshot;
import dev.strela.api.model.Bar;
import dev.strela.api.model.Order;
import dev.strela.api.model.OrderStatus;
import dev.strela.api.model.OrderType;
import dev.strela.api.protective.ProtectiveLegs;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Broker-held stop-loss and take-profit orders.
 *
 * <ul>
 *   <li>Each fill of a regular order that carries a stop-loss and/or take-profit, and leaves the strategy's
 *       position on that order's side, creates one pair: a STOP_LOSS (a STOP order) and a TAKE_PROFIT (a LIMIT
 *       order) on the opposite side, for the lots that fill added to that side. They take part from the next
 *       bar on.</li>
 *   <li>The two legs share one quantity (one-cancels-other): a triggered stop-loss cancels its take-profit, and
 *       whichever leg is left when the pair's lots are all filled is cancelled.</li>
 *   <li>Protective orders only reduce: a leg fills at most the position it protects, and every protective order
 *       of a position that went flat, or to the other side, is cancelled (no orphaned stops).</li>
 * </ul>
 * The rules both brokers share (lots of a new pair, which leg protects what, ids, what is left of a pair) are
 * {@link ProtectiveLegs}'.
 */
final class ProtectiveOrders {

    private final OrderBook book;
    private final Ledger account;

    ProtectiveOrders(OrderBook book, Ledger account) {
        this.book = book;
        this.account = account;
    }

    /** After any fill: cancels what no longer fits the position, then closes a pair or opens a new one. */
    void afterFill(WorkingOrder order, long lots, PositionSnapshot position, long barIndex, Instant time,
                   List<ExchangeEvent> out) {
        for (WorkingOrder leg : book.activeProtective(position.strategyUniverseId(), position.instrumentId())) {
            if (!protects(leg, position.quantity())) {
                leg.moveTo(OrderStatus.CANCELLED, (position.isFlat() ? "position_closed" : "position_reversed")
                        + ": quantity=" + position.quantity() + ", by=" + order.id(), out);
            }
        }
        if (order.role().isProtective()) {
            cancelCompletedLegs(order, out);
        } else {
            open(order, lots, position, barIndex, time, out);
        }
    }

    /** Lots a leg may fill now: what is left of its pair, and no more than the position it protects. */
    long fillableLots(WorkingOrder leg) {
        long held = account.quantity(leg.order().strategyUniverseId(), leg.order().instrumentId());
        long protectedLots = protects(leg, held) ? Math.abs(held) / leg.instrument().lot() : 0;
        return Math.max(0, Math.min(pairLeft(leg), protectedLots));
    }

    /** A stop-loss triggered: its take-profit is cancelled (and says so when the bar touched it too). */
    void cancelTakeProfitOf(WorkingOrder stopLoss, Bar bar, List<ExchangeEvent> out) {
        sibling(stopLoss).filter(WorkingOrder::isActive).ifPresent(take -> take.moveTo(OrderStatus.CANCELLED,
                touched(take, bar)
                        ? "stop_and_take_in_same_bar: stop_loss wins, stop_loss=" + stopLoss.id()
                        : "oco_stop_loss_triggered: stop_loss=" + stopLoss.id(), out));
    }

    /** True when this take-profit's stop-loss is working and the bar reached it as well. */
    boolean stopLossAlsoTouched(WorkingOrder takeProfit, Bar bar) {
        return sibling(takeProfit).filter(WorkingOrder::isActive).filter(stop -> touched(stop, bar)).isPresent();
    }

    private static boolean touched(WorkingOrder leg, Bar bar) {
        return FillPricing.restingPrice(leg.order().type(), leg.order().side(), leg.order().price(), bar).isPresent();
    }

    private void cancelCompletedLegs(WorkingOrder leg, List<ExchangeEvent> out) {
        for (WorkingOrder o : sibling(leg).map(s -> List.of(leg, s)).orElse(List.of(leg))) {
            if (o.isActive() && pairLeft(o) == 0) {
                o.moveTo(OrderStatus.CANCELLED, "oco_pair_complete: filled_by=" + leg.id(), out);
            }
        }
    }

    private void open(WorkingOrder entry, long lots, PositionSnapshot position, long barIndex, Instant time,
                      List<ExchangeEvent> out) {
        Order order = entry.order();
        long childLots = ProtectiveLegs.lotsToProtect(order.side(), lots, position.quantity(), entry.instrument().lot());
        if (childLots == 0) {
            return;
        }
        WorkingOrder stop = order.stopLoss() == null ? null
                : create(entry, OrderRole.STOP_LOSS, OrderType.STOP, order.stopLoss(), childLots, barIndex, time, out);
        WorkingOrder take = order.takeProfit() == null ? null
                : create(entry, OrderRole.TAKE_PROFIT, OrderType.LIMIT, order.takeProfit(), childLots, barIndex, time, out);
        if (stop != null && take != null) {
            stop.linkSibling(take.id());
            take.linkSibling(stop.id());
        }
    }

    private WorkingOrder create(WorkingOrder entry, OrderRole role, OrderType type, BigDecimal level, long lots,
                                long barIndex, Instant time, List<ExchangeEvent> out) {
        Order parent = entry.order();
        String id = childId(entry.id(), role, entry.filledLots());
        Order child = new Order(0, id, parent.strategyUniverseId(), 0, parent.instrumentId(), parent.side().opposite(),
                type, lots, level, null, null, OrderStatus.NEW, id, time);
        out.add(new ExchangeEvent.OrderCreated(child, role, entry.id()));
        WorkingOrder working = new WorkingOrder(child, role, entry.instrument(), entry.id(), barIndex);
        working.moveTo(OrderStatus.SUBMITTED, "accepted: " + role.name().toLowerCase(Locale.ROOT)
                + ", parent=" + entry.id(), out);
        book.add(working);
        return working;
    }

    /** Deterministic id of a protective order: a name-based UUID of parent, role and the parent's filled lots. */
    static String childId(String parentClientOrderId, OrderRole role, long parentFilledLots) {
        return ProtectiveLegs.childId(EventWriter.BROKER, parentClientOrderId, role.protective(), parentFilledLots);
    }

    private long pairLeft(WorkingOrder leg) {
        return ProtectiveLegs.pairLeft(leg.remainingLots(), sibling(leg).map(WorkingOrder::filledLots).orElse(0L));
    }

    private Optional<WorkingOrder> sibling(WorkingOrder leg) {
        return leg.siblingClientOrderId() == null ? Optional.empty() : book.find(leg.siblingClientOrderId());
    }

    /** A SELL leg protects a long, a BUY leg a short. */
    private static boolean protects(WorkingOrder leg, long quantity) {
        return ProtectiveLegs.protects(leg.order().side(), quantity);
    }
}
