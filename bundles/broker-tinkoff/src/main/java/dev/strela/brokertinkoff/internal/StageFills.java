package dev.strela.brokertinkoff.internal;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import dev.strela.api.model.Fill;
import dev.strela.api.model.Order;
import dev.strela.api.model.OrderStatus;
import dev.strela.persistence.WorkingOrderRow;

/**
 * What of an order's executions at Tinkoff is new to the platform, as fills, and the status the platform's state
 * machine allows for what Tinkoff reports. Pure functions.
 */
final class StageFills {

    private StageFills() {
    }

    /** Tinkoff's status where the state machine allows it: an order rejected after a partial fill ends cancelled. */
    static OrderStatus statusAfter(OrderStatus tinkoff, long executed, long lots) {
        if (tinkoff == OrderStatus.REJECTED && executed > 0) {
            return OrderStatus.CANCELLED;
        }
        if (tinkoff == OrderStatus.FILLED && executed < lots) {
            return OrderStatus.PARTIALLY_FILLED;
        }
        return tinkoff;
    }

    /**
     * The executions not stored yet: from the order's stages (each with its own price and trade id), past the lots
     * already filled; without stages, the lots since then at the order's average price. The commission of new lots is
     * their share of the order's commission so far. {@code now} may be another order than the row's (the exchange
     * order a stop order became): its id is the fills' broker order id, the row's client id theirs.
     */
    static List<Fill> newFills(WorkingOrderRow row, TinkoffClient.BrokerOrder now, int lot, Instant at) {
        Order order = row.order();
        long already = row.filledLots();
        List<Fill> fills = new ArrayList<>();
        if (!now.stages().isEmpty()) {
            long cumulative = 0;
            for (TinkoffClient.Stage stage : now.stages()) {
                long before = cumulative;
                cumulative += stage.lots();
                if (cumulative <= already) {
                    continue;
                }
                long lots = cumulative - Math.max(before, already);
                String tradeId = stage.tradeId().isEmpty() ? now.brokerOrderId() + ":" + cumulative : stage.tradeId();
                fills.add(fill(order, now, lots, lot, stage.price(), tradeId, at));
            }
        } else if (now.lotsExecuted() > already) {
            BigDecimal average = now.averagePrice(lot).orElseThrow(() -> new IllegalStateException("order "
                    + order.clientOrderId() + ": Tinkoff reports " + now.lotsExecuted() + " lots executed with no price"));
            long lots = now.lotsExecuted() - already;
            fills.add(fill(order, now, lots, lot, average, now.brokerOrderId() + ":" + now.lotsExecuted(), at));
        }
        return fills;
    }

    private static Fill fill(Order order, TinkoffClient.BrokerOrder now, long lots, int lot, BigDecimal price, String tradeId,
                             Instant at) {
        BigDecimal commission = now.lotsExecuted() == 0 ? BigDecimal.ZERO : now.commission()
                .multiply(BigDecimal.valueOf(lots)).divide(BigDecimal.valueOf(now.lotsExecuted()), 2, RoundingMode.HALF_EVEN);
        return new Fill(now.brokerOrderId(), order.clientOrderId(), order.instrumentId(), order.side(), lots, lots * lot,
                price.stripTrailingZeros(), commission.max(BigDecimal.ZERO), at, tradeId);
    }
}
