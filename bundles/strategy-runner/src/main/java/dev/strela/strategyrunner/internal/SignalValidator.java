package dev.strela.strategyrunner.internal;

import dev.strela.api.model.Context;
import dev.strela.api.model.Direction;
import dev.strela.api.model.EntryType;
import dev.strela.api.model.Position;
import dev.strela.api.model.Signal;
import dev.strela.api.model.SignalType;
import dev.strela.api.model.SizeMode;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Checks a signal a strategy returned before the runner writes it to {@code live_signals}
 * (ARCHITECTURE.md, Events and flow: stop present, direction consistent with the stop and the
 * position, sane prices). A refused signal becomes a {@code live_errors} row
 * ({@code invalid_signal_format}) and nothing else.
 *
 * <p>Only the first offending field is reported, in the order of the Signal JSON: type, direction,
 * entry_type, entry_price, stop_loss, take_profit, size_mode, size_value, meta (NaN or infinite numbers only).
 *
 * <p>The reference entry for the side checks is {@code entry_price} for LIMIT and STOP entries and
 * the last bar's close for MARKET. A CLOSE needs no stop: its stop_loss and take_profit are ignored.
 * The sanity check refuses an entry or a stop farther than {@code maxPriceDeviation} from the last
 * close; it catches nonsense (10x the price), it is not the {@code too_wide_stop} rule, which
 * belongs to execution like all sizing and limits. Stateless and thread-safe.
 */
public final class SignalValidator {

    /** Default of the sanity check: 50% away from the last close. */
    public static final BigDecimal DEFAULT_MAX_PRICE_DEVIATION = new BigDecimal("0.5");

    private static final BigDecimal HUNDRED = BigDecimal.valueOf(100);

    private final BigDecimal maxPriceDeviation;

    /** A validator with {@link #DEFAULT_MAX_PRICE_DEVIATION}. */
    public SignalValidator() {
        this(DEFAULT_MAX_PRICE_DEVIATION);
    }

    /**
     * @param maxPriceDeviation farthest an entry or a stop may be from the last close, as a share of
     *                          it (0.5 = 50%)
     * @throws IllegalArgumentException when it is null or not &gt; 0
     */
    public SignalValidator(BigDecimal maxPriceDeviation) {
        if (maxPriceDeviation == null || maxPriceDeviation.signum() <= 0) {
            throw new IllegalArgumentException("maxPriceDeviation: must be > 0, was " + plain(maxPriceDeviation));
        }
        this.maxPriceDeviation = maxPriceDeviation;
    }

    /**
     * Why the signal must not be written, naming the offending JSON field; empty when it is valid.
     *
     * @param context the context the strategy was called with (position, last bar)
     * @throws NullPointerException when {@code signal} or {@code context} is null (a runner bug)
     */
    public Optional<Refusal> validate(Signal signal, Context context) {
        Objects.requireNonNull(signal, "signal");
        Objects.requireNonNull(context, "context");
        Optional<Direction> open = context.position().filter(p -> !p.isFlat()).map(Position::direction);
        BigDecimal lastClose = context.lastBar().close();
        return required(signal)
                .or(() -> againstPosition(signal, open))
                .or(() -> entryPrice(signal, lastClose))
                .or(() -> signal.type() == SignalType.CLOSE ? Optional.empty() : levels(signal, lastClose))
                .or(() -> size(signal))
                .or(() -> meta("meta", signal.meta()));
    }

    /**
     * Free JSON, but JSON: a NaN or infinite number anywhere in {@code meta} (a strategy's debug value gone wrong) has
     * no JSON form and is refused, naming its path.
     */
    private static Optional<Refusal> meta(String path, Object value) {
        if (value instanceof Double d && (d.isNaN() || d.isInfinite()) || value instanceof Float f && (f.isNaN() || f.isInfinite())) {
            return refuse(path, "must be a finite number, was " + value);
        }
        if (value instanceof Map<?, ?> map) {
            for (Map.Entry<?, ?> e : map.entrySet()) {
                Optional<Refusal> inner = meta(path + "." + e.getKey(), e.getValue());
                if (inner.isPresent()) {
                    return inner;
                }
            }
        } else if (value instanceof Iterable<?> items) {
            int i = 0;
            for (Object item : items) {
                Optional<Refusal> inner = meta(path + "[" + i++ + "]", item);
                if (inner.isPresent()) {
                    return inner;
                }
            }
        }
        return Optional.empty();
    }

    private static Optional<Refusal> required(Signal s) {
        if (s.type() == null) {
            return refuse("type", "required, one of OPEN, CLOSE, REVERSE, ADD");
        }
        if (s.direction() == null) {
            return refuse("direction", "required, one of LONG, SHORT, FLAT");
        }
        if (s.entryType() == null) {
            return refuse("entry_type", "required, one of MARKET, LIMIT, STOP");
        }
        return Optional.empty();
    }

    private static Optional<Refusal> againstPosition(Signal s, Optional<Direction> open) {
        Direction d = s.direction();
        if (s.type() != SignalType.CLOSE && d == Direction.FLAT) {
            return refuse("direction", "must be LONG or SHORT for " + s.type() + ", was FLAT");
        }
        String have = open.map(Direction::name).orElse("none");
        return switch (s.type()) {
            case OPEN -> opening(d, open);
            case ADD -> open.equals(Optional.of(d)) ? Optional.empty()
                    : refuse("type", "ADD to " + d + " needs an open " + d + " position, have " + have);
            case REVERSE -> open.equals(Optional.of(d.opposite())) ? Optional.empty()
                    : refuse("type", "REVERSE to " + d + " needs an open " + d.opposite() + " position, have " + have);
            case CLOSE -> closing(d, open);
        };
    }

    private static Optional<Refusal> opening(Direction direction, Optional<Direction> open) {
        if (open.isEmpty()) {
            return Optional.empty();
        }
        return open.get() == direction
                ? refuse("type", "OPEN with a " + direction + " position already open (use ADD)")
                : refuse("type", "OPEN " + direction + " with a " + open.get() + " position open (use REVERSE)");
    }

    private static Optional<Refusal> closing(Direction direction, Optional<Direction> open) {
        if (open.isEmpty()) {
            return refuse("type", "CLOSE with no open position");
        }
        if (direction != Direction.FLAT && direction != open.get()) {
            return refuse("direction", "must be FLAT or " + open.get() + " (the open position) for CLOSE, was "
                    + direction);
        }
        return Optional.empty();
    }

    private Optional<Refusal> entryPrice(Signal s, BigDecimal lastClose) {
        BigDecimal price = s.entryPrice();
        if (s.entryType() == EntryType.MARKET) {
            return price == null ? Optional.empty()
                    : refuse("entry_price", "must be empty for MARKET, was " + plain(price));
        }
        if (price == null) {
            return refuse("entry_price", "required for a " + s.entryType() + " entry");
        }
        return positive("entry_price", price).or(() -> sane("entry_price", price, lastClose));
    }

    /** stop_loss and take_profit of an entry (OPEN, REVERSE, ADD); entry_price is valid here. */
    private Optional<Refusal> levels(Signal s, BigDecimal lastClose) {
        BigDecimal stop = s.stopLoss();
        if (stop == null) {
            return refuse("stop_loss", "required for " + s.type());
        }
        Reference entry = s.entryType() == EntryType.MARKET
                ? new Reference(lastClose, "last close")
                : new Reference(s.entryPrice(), "entry");
        Direction d = s.direction();
        return positive("stop_loss", stop)
                .or(() -> sane("stop_loss", stop, lastClose))
                .or(() -> side("stop_loss", "stop", stop, entry, d, d == Direction.SHORT))
                .or(() -> takeProfit(s.takeProfit(), entry, d));
    }

    private static Optional<Refusal> takeProfit(BigDecimal take, Reference entry, Direction d) {
        if (take == null) {
            return Optional.empty();
        }
        return positive("take_profit", take)
                .or(() -> side("take_profit", "take", take, entry, d, d == Direction.LONG));
    }

    private static Optional<Refusal> size(Signal s) {
        if (s.sizeMode() != SizeMode.RISK_FRACTION) {
            return refuse("size_mode", "must be RISK_FRACTION, was " + s.sizeMode());
        }
        BigDecimal value = s.sizeValue();
        if (value == null || value.signum() <= 0 || value.compareTo(BigDecimal.ONE) > 0) {
            return refuse("size_value", "must be in (0, 1], was " + plain(value));
        }
        return Optional.empty();
    }

    private static Optional<Refusal> positive(String field, BigDecimal price) {
        return price.signum() > 0 ? Optional.empty() : refuse(field, "must be > 0, was " + plain(price));
    }

    private Optional<Refusal> sane(String field, BigDecimal price, BigDecimal lastClose) {
        BigDecimal allowedDistance = lastClose.multiply(maxPriceDeviation);
        if (price.subtract(lastClose).abs().compareTo(allowedDistance) <= 0) {
            return Optional.empty();
        }
        int scale = Math.max(0, lastClose.scale());
        BigDecimal low = lastClose.subtract(allowedDistance).max(BigDecimal.ZERO).setScale(scale, RoundingMode.CEILING);
        BigDecimal high = lastClose.add(allowedDistance).setScale(scale, RoundingMode.FLOOR);
        return refuse(field, "not a sane price (" + plain(price) + " is more than "
                + maxPriceDeviation.multiply(HUNDRED).stripTrailingZeros().toPlainString()
                + "% away from the last close " + plain(lastClose) + "; sane is " + plain(low) + " to " + plain(high)
                + ")");
    }

    /** Refuses unless {@code level} is strictly above (or below) the entry; equal is refused. */
    private static Optional<Refusal> side(String field, String label, BigDecimal level, Reference entry,
                                          Direction direction, boolean mustBeAbove) {
        int cmp = level.compareTo(entry.price());
        if (mustBeAbove ? cmp > 0 : cmp < 0) {
            return Optional.empty();
        }
        return refuse(field, "must be " + (mustBeAbove ? "above" : "below") + " the entry for a " + direction
                + " (" + label + " " + plain(level) + (mustBeAbove ? " <= " : " >= ") + entry.label() + " "
                + plain(entry.price()) + ")");
    }

    private static Optional<Refusal> refuse(String field, String reason) {
        return Optional.of(new Refusal(field, reason));
    }

    private static String plain(BigDecimal value) {
        return value == null ? "null" : value.toPlainString();
    }

    /** The price the side checks compare with, and how a message names it. */
    private record Reference(BigDecimal price, String label) {
    }

    /**
     * Why a signal was refused.
     *
     * @param field  the offending Signal JSON property (snake_case, e.g. {@code stop_loss})
     * @param reason short text with the values involved, e.g.
     *               {@code must be below the entry for a LONG (stop 270.00 >= entry 265.10)}
     */
    public record Refusal(String field, String reason) {

        public Refusal {
            Objects.requireNonNull(field, "field");
            Objects.requireNonNull(reason, "reason");
        }

        /** {@code field: reason}, e.g. {@code stop_loss: must be below the entry for a LONG (...)}. */
        public String message() {
            return field + ": " + reason;
        }
    }
}
