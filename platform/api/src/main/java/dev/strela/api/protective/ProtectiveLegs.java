package dev.strela.api.protective;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.charset.StandardCharsets;
import java.util.Objects;
import java.util.UUID;

import dev.strela.api.model.Instrument;
import dev.strela.api.model.OrderSide;

/**
 * The pieces of broker-held protection that do not depend on how a broker holds the orders: which lots a new pair
 * covers, whether a leg still protects a position, what is left of a pair, the legs' deterministic ids and the safe
 * rounding of their levels. Pure functions, no state.
 */
public final class ProtectiveLegs {

    private ProtectiveLegs() {
    }

    /**
     * Deterministic client order id of a leg: a name-based UUID of the broker, the entry, the role and the entry's
     * filled lots after the fill that created the pair. The same step repeated (after a restart, a lost answer)
     * gives the same id, so it can never become a second pair.
     */
    public static String childId(String broker, String parentClientOrderId, ProtectiveRole role, long parentFilledLots) {
        Objects.requireNonNull(broker, "broker");
        Objects.requireNonNull(parentClientOrderId, "parentClientOrderId");
        Objects.requireNonNull(role, "role");
        if (parentFilledLots <= 0) {
            throw new IllegalArgumentException("parentFilledLots: positive expected, was " + parentFilledLots);
        }
        String name = broker + ":" + parentClientOrderId + ":" + role.name() + ":" + parentFilledLots;
        return UUID.nameUUIDFromBytes(name.getBytes(StandardCharsets.UTF_8)).toString();
    }

    /** True when a leg on {@code legSide} protects a position of {@code quantity} units: a SELL leg a long, a BUY leg a short. */
    public static boolean protects(OrderSide legSide, long quantity) {
        return legSide == OrderSide.SELL ? quantity > 0 : quantity < 0;
    }

    /**
     * Lots a new pair protects after a fill of {@code filledLots} lots of an entry on {@code entrySide}: the lots the
     * fill added, but no more than the position now holds on the entry's side (a fill that only reduced or reversed
     * less than it filled protects only what is on the new side). 0 means no pair.
     *
     * @param quantity the strategy's position in units after the fill
     * @param lot      units per lot
     */
    public static long lotsToProtect(OrderSide entrySide, long filledLots, long quantity, int lot) {
        if (lot <= 0) {
            throw new IllegalArgumentException("lot: positive expected, was " + lot);
        }
        long sign = entrySide == OrderSide.BUY ? 1 : -1;
        long sideLots = Math.max(0, quantity * sign) / lot;
        return Math.max(0, Math.min(filledLots, sideLots));
    }

    /** Lots a leg may still fill: its own remaining lots less what its sibling already filled (one-cancels-other). */
    public static long pairLeft(long legRemainingLots, long siblingFilledLots) {
        return Math.max(0, legRemainingLots - siblingFilledLots);
    }

    /**
     * How a leg's level is put on the tick, toward the entry, so the loss is never larger and the target never
     * farther than the strategy asked: a stop-loss of a long (a SELL leg) and the take-profit of a short (a BUY leg)
     * round up; the other two round down.
     */
    public static RoundingMode safeRounding(ProtectiveRole role, OrderSide legSide) {
        boolean up = role == ProtectiveRole.STOP_LOSS ? legSide == OrderSide.SELL : legSide == OrderSide.BUY;
        return up ? RoundingMode.CEILING : RoundingMode.FLOOR;
    }

    /** The level on a whole number of ticks, rounded by {@link #safeRounding}; the result has the tick's scale. */
    public static BigDecimal level(ProtectiveRole role, OrderSide legSide, BigDecimal price, BigDecimal tick) {
        return Instrument.roundToTick(price, tick, safeRounding(role, legSide));
    }
}
