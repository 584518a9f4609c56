package dev.strela.execution.internal;

import java.math.BigDecimal;
import java.math.RoundingMode;

import dev.strela.api.model.Direction;
import dev.strela.api.model.EntryType;
import dev.strela.api.model.Instrument;

/**
 * Puts a signal's prices on the instrument's tick, each toward the safe side: a limit never pays more than asked,
 * a stop entry never triggers earlier, a stop-loss sits no farther from the entry (the loss is never larger than
 * the strategy asked for), a take-profit no farther either. Sizing uses these rounded prices.
 */
final class OrderPrices {

    private OrderPrices() {
    }

    static BigDecimal entry(Instrument instrument, Direction direction, EntryType type, BigDecimal price) {
        if (price == null) {
            return null;
        }
        boolean buy = direction == Direction.LONG;
        RoundingMode mode = switch (type) {
            case LIMIT -> buy ? RoundingMode.FLOOR : RoundingMode.CEILING;
            case STOP -> buy ? RoundingMode.CEILING : RoundingMode.FLOOR;
            case MARKET -> RoundingMode.HALF_UP;
        };
        return instrument.roundToTick(price, mode);
    }

    static BigDecimal stopLoss(Instrument instrument, Direction direction, BigDecimal stop) {
        if (stop == null) {
            return null;
        }
        return instrument.roundToTick(stop, direction == Direction.SHORT ? RoundingMode.FLOOR : RoundingMode.CEILING);
    }

    static BigDecimal takeProfit(Instrument instrument, Direction direction, BigDecimal level) {
        if (level == null) {
            return null;
        }
        return instrument.roundToTick(level, direction == Direction.SHORT ? RoundingMode.CEILING : RoundingMode.FLOOR);
    }
}
