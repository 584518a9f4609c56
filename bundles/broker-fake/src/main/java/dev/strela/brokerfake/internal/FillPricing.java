package dev.strela.brokerfake.internal;

import dev.strela.api.model.Bar;
import dev.strela.api.model.Instrument;
import dev.strela.api.model.OrderSide;
import dev.strela.api.model.OrderType;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.Optional;

/** The price rules of the fill model, one function each. */
final class FillPricing {

    /** Commission is charged in kopecks. */
    static final int MONEY_SCALE = 2;

    private FillPricing() {
    }

    /**
     * The fill price: {@code base} moved {@code ticks} against the order (a BUY pays more, a SELL gets less), then
     * put on the tick grid on the order's worse side (BUY up, SELL down). A SELL never goes below one tick.
     */
    static BigDecimal fillPrice(BigDecimal base, OrderSide side, int ticks, Instrument instrument) {
        BigDecimal tick = instrument.minPriceIncrement();
        BigDecimal shift = tick.multiply(BigDecimal.valueOf(ticks));
        if (side == OrderSide.BUY) {
            return instrument.roundToTick(base.add(shift), RoundingMode.CEILING);
        }
        BigDecimal price = instrument.roundToTick(base.subtract(shift), RoundingMode.FLOOR);
        return price.signum() > 0 ? price : instrument.roundToTick(tick, RoundingMode.UNNECESSARY);
    }

    /**
     * Where a resting order at {@code level} trades within {@code bar}, before taker cost; empty when the bar does
     * not reach the level. Touching the level is enough. A bar that opens beyond the level fills at the open:
     * better than the level for a limit (buy limit at min(open, level), sell limit at max(open, level)), worse for
     * a stop (buy stop at max(open, level), sell stop at min(open, level)).
     *
     * @param type LIMIT (limit entries, take-profits) or STOP (stop entries, stop-losses)
     */
    static Optional<BigDecimal> restingPrice(OrderType type, OrderSide side, BigDecimal level, Bar bar) {
        if (type == OrderType.MARKET) {
            throw new IllegalArgumentException("type: a MARKET order does not rest");
        }
        boolean fallsToLevel = (type == OrderType.LIMIT) == (side == OrderSide.BUY); // buy limit, sell stop
        if (fallsToLevel) {
            return bar.low().compareTo(level) <= 0 ? Optional.of(bar.open().min(level)) : Optional.empty();
        }
        return bar.high().compareTo(level) >= 0 ? Optional.of(bar.open().max(level)) : Optional.empty();
    }

    /** Commission on {@code notional}: notional * rate, rounded to the kopeck HALF_UP. */
    static BigDecimal commission(BigDecimal notional, BigDecimal rate) {
        return notional.multiply(rate).setScale(MONEY_SCALE, RoundingMode.HALF_UP);
    }

    /** True when the order pays the taker cost: MARKET and STOP orders (stop-losses too); limits never do. */
    static boolean takesLiquidity(OrderType type) {
        return type != OrderType.LIMIT;
    }
}
