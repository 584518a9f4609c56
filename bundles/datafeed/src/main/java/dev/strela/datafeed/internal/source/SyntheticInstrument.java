package dev.strela.datafeed.internal.source;

import java.util.SplittableRandom;

/**
 * The random walk of one synthetic instrument, in whole ticks (no BigDecimal in the hot path).
 * Each {@link #step} either reports a missing minute or leaves the minute's OHLC and volume in
 * the public fields. Moves are geometric: proportional to the price, rounded stochastically to
 * ticks so that even a low price keeps moving.
 */
final class SyntheticInstrument {

    final String id;
    private final SplittableRandom random;
    private final double sigma;
    private final double baseVolume;
    private final double missingRate;
    private long last;

    long open;
    long high;
    long low;
    long close;
    long volume;

    SyntheticInstrument(String id, int index, SplittableRandom random) {
        this.id = id;
        this.random = random;
        this.last = 10_000L + index * 1_000L + random.nextInt(1_000);
        this.sigma = 0.0006 + random.nextDouble() * 0.0008;
        this.baseVolume = 20 + random.nextDouble() * 2_000;
        this.missingRate = 0.002 + random.nextDouble() * 0.02;
    }

    /** Advances one slot; false means no trades in this minute (no candle). */
    boolean step(int slot) {
        byte kind = SessionMinutes.KIND[slot];
        double volumeFactor = SessionMinutes.VOLUME_FACTOR[slot];
        switch (kind) {
            case SessionMinutes.OPENING_AUCTION -> auction(last + move(last, sigma * 4), volumeFactor);
            case SessionMinutes.CLOSING_AUCTION -> {
                if (SessionMinutes.MINUTE_OF_DAY[slot] == 18 * 60 + 45) {
                    auction(last + move(last, sigma), volumeFactor);
                } else if (random.nextDouble() < missingRate * 4) {
                    return false;
                } else {
                    auction(last, volumeFactor);
                }
            }
            case SessionMinutes.EVENING -> {
                return trade(sigma * 0.6, missingRate * 3, volumeFactor);
            }
            default -> {
                return trade(sigma, missingRate, volumeFactor);
            }
        }
        return true;
    }

    private void auction(long price, double volumeFactor) {
        last = Math.max(1, price);
        open = last;
        high = last;
        low = last;
        close = last;
        volume = lots(volumeFactor);
    }

    private boolean trade(double s, double missing, double volumeFactor) {
        if (random.nextDouble() < missing) {
            return false;
        }
        open = last;
        close = Math.max(1, open + move(open, s));
        high = Math.max(open, close) + Math.abs(move(open, s * 0.5));
        low = Math.max(1, Math.min(open, close) - Math.abs(move(open, s * 0.5)));
        volume = lots(volumeFactor);
        last = close;
        return true;
    }

    /** A normal move of {@code s} relative to {@code price}, stochastically rounded to whole ticks. */
    private long move(long price, double s) {
        double ticks = price * s * random.nextGaussian();
        double floor = Math.floor(ticks);
        return (long) floor + (random.nextDouble() < ticks - floor ? 1 : 0);
    }

    private long lots(double volumeFactor) {
        return 1 + (long) (baseVolume * volumeFactor * random.nextExponential());
    }
}
