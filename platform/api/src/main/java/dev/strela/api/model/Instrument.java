package dev.strela.api.model;

import java.math.BigDecimal;
import java.math.RoundingMode;

/**
 * A tradable instrument with what sizing and order prices need.
 *
 * @param id                Tinkoff {@code instrument_uid} or our own id; the key used everywhere else
 * @param ticker            exchange ticker, e.g. "SBER"
 * @param classCode         exchange board, e.g. "TQBR"
 * @param lot               units per lot, &gt; 0
 * @param minPriceIncrement price tick, &gt; 0
 * @param currency          quote currency, e.g. "RUB"
 */
public record Instrument(String id, String ticker, String classCode, int lot,
                         BigDecimal minPriceIncrement, String currency) {

    public Instrument {
        Checks.notBlank(id, "id");
        Checks.notBlank(ticker, "ticker");
        Checks.notBlank(classCode, "classCode");
        Checks.positive(lot, "lot");
        Checks.positive(minPriceIncrement, "minPriceIncrement");
        Checks.notBlank(currency, "currency");
    }

    /**
     * Rounds {@code price} to a whole number of ticks; the result has the tick's scale
     * (SBER, tick 0.01: 270.386 HALF_UP gives 270.39).
     *
     * @throws ArithmeticException with {@link RoundingMode#UNNECESSARY} when the price is off the tick grid
     */
    public BigDecimal roundToTick(BigDecimal price, RoundingMode mode) {
        return roundToTick(price, minPriceIncrement, mode);
    }

    /**
     * Rounds {@code price} to a whole number of {@code tick}s; the result has the tick's scale.
     *
     * @throws ArithmeticException with {@link RoundingMode#UNNECESSARY} when the price is off the tick grid
     * @throws IllegalArgumentException when the tick is not positive
     */
    public static BigDecimal roundToTick(BigDecimal price, BigDecimal tick, RoundingMode mode) {
        Checks.notNull(price, "price");
        Checks.notNull(tick, "tick");
        Checks.notNull(mode, "mode");
        if (tick.signum() <= 0) {
            throw new IllegalArgumentException("tick: positive expected, was " + tick);
        }
        BigDecimal ticks = price.divide(tick, 0, mode);
        return ticks.multiply(tick).setScale(Math.max(0, tick.scale()), RoundingMode.UNNECESSARY);
    }

    /** True when {@code price} is a whole number of ticks. */
    public boolean onTick(BigDecimal price) {
        Checks.notNull(price, "price");
        return price.remainder(minPriceIncrement).signum() == 0;
    }
}
