package dev.strela.brokerfake.internal;

import dev.strela.api.model.Instrument;
import dev.strela.api.model.Order;
import dev.strela.api.model.OrderSide;
import dev.strela.api.model.OrderType;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.Optional;

/**
 * What the fake broker refuses at submission, each refusal reading {@code code: key=value, ...}:
 * <ul>
 *   <li>{@code unknown_instrument}: the instrument is not known;</li>
 *   <li>{@code price_off_tick}: the price, stop-loss or take-profit is not a whole number of ticks;</li>
 *   <li>{@code insufficient_cash}: a BUY whose estimated cost is more than free cash (cash minus what working BUY
 *       orders block). The estimate is the limit or trigger price, or the last close for a MARKET order (none
 *       known: not checked), moved by the taker cost where it applies, times lot size and lots, plus commission.
 *       Lots that cover the strategy's short (less what its working BUY orders already cover) need no cash:
 *       closing must always be possible.</li>
 * </ul>
 * Whole positive lots are guaranteed by {@link Order} itself. Protective levels on the wrong side of the entry
 * are the risk rules' business; the broker takes them as they are.
 */
final class SubmitChecks {

    private final FillModelConfig config;

    SubmitChecks(FillModelConfig config) {
        this.config = config;
    }

    /** Why the order is refused, or empty when it is accepted. */
    Optional<String> refusal(Order order, Instrument instrument, BigDecimal lastClose, long coverableLots,
                             BigDecimal freeCash) {
        if (instrument == null) {
            return Optional.of("unknown_instrument: instrument_id=" + order.instrumentId());
        }
        Optional<String> offTick = offTick("price", order.price(), instrument)
                .or(() -> offTick("stop_loss", order.stopLoss(), instrument))
                .or(() -> offTick("take_profit", order.takeProfit(), instrument));
        if (offTick.isPresent()) {
            return offTick;
        }
        BigDecimal needed = costPerLot(order, instrument, lastClose)
                .multiply(BigDecimal.valueOf(lotsNeedingCash(order, coverableLots)));
        // an order needing no cash (a SELL, a BUY covering a short) is never refused for cash, even when a fill at a gap
        // has taken free cash below zero: closing must always be possible
        if (needed.signum() > 0 && needed.compareTo(freeCash) > 0) {
            return Optional.of("insufficient_cash: needed=" + needed.setScale(FillPricing.MONEY_SCALE,
                    RoundingMode.UP).toPlainString() + ", free="
                    + freeCash.setScale(FillPricing.MONEY_SCALE, RoundingMode.DOWN).toPlainString());
        }
        return Optional.empty();
    }

    /** Blocks the cash an accepted order needs until it fills or ends. */
    void reserve(WorkingOrder order, BigDecimal lastClose, long coverableLots) {
        order.reserve(costPerLot(order.order(), order.instrument(), lastClose),
                lotsNeedingCash(order.order(), coverableLots));
    }

    /** Estimated cash one lot of a BUY costs with commission; 0 for a SELL or a MARKET order with no price yet. */
    private BigDecimal costPerLot(Order order, Instrument instrument, BigDecimal lastClose) {
        BigDecimal reference = order.type() == OrderType.MARKET ? lastClose : order.price();
        if (order.side() != OrderSide.BUY || reference == null) {
            return BigDecimal.ZERO;
        }
        int ticks = FillPricing.takesLiquidity(order.type()) ? config.takerTicks() : 0;
        BigDecimal price = FillPricing.fillPrice(reference, OrderSide.BUY, ticks, instrument);
        return price.multiply(BigDecimal.valueOf(instrument.lot())).multiply(BigDecimal.ONE.add(config.commissionRate()));
    }

    /** Lots of a BUY beyond the short it covers (a BUY fills the covering lots first). */
    private static long lotsNeedingCash(Order order, long coverableLots) {
        return Math.max(0, order.lots() - coverableLots);
    }

    private static Optional<String> offTick(String field, BigDecimal price, Instrument instrument) {
        if (price == null || instrument.onTick(price)) {
            return Optional.empty();
        }
        return Optional.of("price_off_tick: field=" + field + ", value=" + price.toPlainString()
                + ", tick=" + instrument.minPriceIncrement().toPlainString());
    }
}
