package dev.strela.brokerfake.internal;

import java.math.BigDecimal;
import java.math.RoundingMode;

/**
 * How {@link FakeExchange} turns bars into fills.
 *
 * <p>Taker cost: an order that takes liquidity (MARKET, a triggered STOP entry, a triggered stop-loss) fills
 * {@code spreadTicks + slippageTicks} ticks worse than the model price: a BUY above it, a SELL below it.
 * {@code spreadTicks} is what a taker pays for crossing the spread, i.e. the distance from the traded price to
 * the quote it hits (half the quoted spread), in whole ticks so that every fill stays on the tick grid.
 * Resting orders (LIMIT entries, take-profits) pay neither: a limit never fills worse than its price.
 *
 * @param marketFill     where MARKET orders fill: the open of the next bar, or the close of the current bar
 * @param spreadTicks    ticks a taker pays for crossing the spread, &gt;= 0
 * @param slippageTicks  further ticks a taker loses, &gt;= 0
 * @param commissionRate share of the notional charged per fill, rounded to the kopeck HALF_UP, in [0, 1)
 * @param volumeCapShare at most this share of a bar's volume (lots), floored, fills per bar and instrument,
 *                       shared by all orders in the order they are processed; null means no cap; in (0, 1]
 */
public record FillModelConfig(MarketFill marketFill, int spreadTicks, int slippageTicks, BigDecimal commissionRate,
                              BigDecimal volumeCapShare) {

    /** 0.05% of the notional, as in Tinkoff's sandbox. */
    public static final BigDecimal DEFAULT_COMMISSION_RATE = new BigDecimal("0.0005");

    /** Where MARKET orders fill. */
    public enum MarketFill {
        /** At the open of the first bar that starts after the order arrived. */
        NEXT_OPEN,
        /** At the close of the bar that was current when the order arrived (the next bar's close if none was). */
        CURRENT_CLOSE
    }

    public FillModelConfig {
        if (marketFill == null) {
            throw new IllegalArgumentException("marketFill: must not be null");
        }
        if (spreadTicks < 0 || slippageTicks < 0) {
            throw new IllegalArgumentException("spreadTicks, slippageTicks: must be >= 0, were "
                    + spreadTicks + ", " + slippageTicks);
        }
        if (commissionRate == null || commissionRate.signum() < 0 || commissionRate.compareTo(BigDecimal.ONE) >= 0) {
            throw new IllegalArgumentException("commissionRate: must be in [0, 1), was " + commissionRate);
        }
        if (volumeCapShare != null && (volumeCapShare.signum() <= 0 || volumeCapShare.compareTo(BigDecimal.ONE) > 0)) {
            throw new IllegalArgumentException("volumeCapShare: must be in (0, 1] or null, was " + volumeCapShare);
        }
    }

    /** Next open, one tick of spread, no slippage, 0.05% commission, no volume cap. */
    public static FillModelConfig defaults() {
        return new FillModelConfig(MarketFill.NEXT_OPEN, 1, 0, DEFAULT_COMMISSION_RATE, null);
    }

    public FillModelConfig withMarketFill(MarketFill value) {
        return new FillModelConfig(value, spreadTicks, slippageTicks, commissionRate, volumeCapShare);
    }

    public FillModelConfig withTicks(int spread, int slippage) {
        return new FillModelConfig(marketFill, spread, slippage, commissionRate, volumeCapShare);
    }

    public FillModelConfig withCommissionRate(BigDecimal value) {
        return new FillModelConfig(marketFill, spreadTicks, slippageTicks, value, volumeCapShare);
    }

    public FillModelConfig withVolumeCapShare(BigDecimal value) {
        return new FillModelConfig(marketFill, spreadTicks, slippageTicks, commissionRate, value);
    }

    /** Ticks a taker fills worse than the model price. */
    public int takerTicks() {
        return spreadTicks + slippageTicks;
    }

    /** Lots that may fill on a bar of {@code barVolume} lots: floor(share * volume), or no limit. */
    public long volumeCap(long barVolume) {
        if (volumeCapShare == null) {
            return Long.MAX_VALUE;
        }
        return volumeCapShare.multiply(BigDecimal.valueOf(barVolume)).setScale(0, RoundingMode.FLOOR).longValueExact();
    }
}
