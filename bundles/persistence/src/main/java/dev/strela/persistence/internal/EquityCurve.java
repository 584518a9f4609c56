package dev.strela.persistence.internal;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

import dev.strela.persistence.EquityHistory.EquityPoint;

/**
 * Rebuilds a run's equity over a window from its state now: the trades made since the window's start are undone to get
 * the cash and units held at the start, then replayed in time order while the instruments' closes mark the units.
 * Pure arithmetic on what it is given; {@link JdbiEquityHistory} reads the inputs.
 */
final class EquityCurve {

    /** A fill: {@code quantity} units (positive), BUY or SELL, at {@code price}, with its commission. */
    record Fill(String symbol, boolean buy, long quantity, BigDecimal price, BigDecimal commission, Instant at) {

        /** What the fill did to cash: minus price times units for a buy, plus for a sale, minus the commission. */
        BigDecimal cashFlow() {
            BigDecimal amount = price.multiply(BigDecimal.valueOf(quantity));
            return (buy ? amount.negate() : amount).subtract(commission);
        }

        long signedQuantity() {
            return buy ? quantity : -quantity;
        }
    }

    /** A bar's close, known from {@code at} (the bar's close time) on. */
    record Close(String symbol, Instant at, BigDecimal price) {
    }

    /**
     * What the curve is built from. {@code fills} and {@code closes} in time order; {@code fills} are all the run's fills
     * at or after {@code from}; {@code marksBefore}: each instrument's last close before {@code from};
     * {@code averagePrices}: the stored average price of a position held now, the mark of last resort.
     */
    record Inputs(BigDecimal cashNow, Map<String, Long> unitsNow, List<Fill> fills, Map<String, BigDecimal> marksBefore,
                  List<Close> closes, Map<String, BigDecimal> averagePrices, Instant from, Instant to) {
    }

    private EquityCurve() {
    }

    static List<EquityPoint> compute(Inputs in, int maxPoints) {
        BigDecimal cash = in.cashNow();
        Map<String, Long> units = new HashMap<>(in.unitsNow());
        for (Fill f : in.fills()) {
            cash = cash.subtract(f.cashFlow());
            units.merge(f.symbol(), -f.signedQuantity(), Long::sum);
        }
        Map<String, BigDecimal> marks = new HashMap<>(in.averagePrices());
        marks.putAll(in.marksBefore());
        List<EquityPoint> points = new ArrayList<>();
        int fill = 0;
        int close = 0;
        for (Instant at : moments(in)) {
            while (fill < in.fills().size() && in.fills().get(fill).at().isBefore(at)) {
                Fill f = in.fills().get(fill++);
                cash = cash.add(f.cashFlow());
                units.merge(f.symbol(), f.signedQuantity(), Long::sum);
                marks.put(f.symbol(), f.price());
            }
            while (close < in.closes().size() && !in.closes().get(close).at().isAfter(at)) {
                Close c = in.closes().get(close++);
                marks.put(c.symbol(), c.price());
            }
            BigDecimal value = BigDecimal.ZERO;
            for (Map.Entry<String, Long> held : units.entrySet()) {
                BigDecimal mark = marks.get(held.getKey());
                if (held.getValue() != 0 && mark != null) {
                    value = value.add(mark.multiply(BigDecimal.valueOf(held.getValue())));
                }
            }
            points.add(new EquityPoint(at, cash, value, cash.add(value)));
        }
        return sample(points, maxPoints);
    }

    /** {@code from}, every close time inside the window, and {@code to}. */
    private static TreeSet<Instant> moments(Inputs in) {
        TreeSet<Instant> at = new TreeSet<>();
        at.add(in.from());
        for (Close c : in.closes()) {
            if (c.at().isAfter(in.from()) && c.at().isBefore(in.to())) {
                at.add(c.at());
            }
        }
        at.add(in.to());
        return at;
    }

    /** At most {@code maxPoints} of the points, evenly spaced, always the first and the last. */
    static <T> List<T> sample(List<T> points, int maxPoints) {
        if (points.size() <= maxPoints) {
            return points;
        }
        List<T> kept = new ArrayList<>(maxPoints);
        for (int k = 0; k < maxPoints; k++) {
            kept.add(points.get((int) Math.round((double) k * (points.size() - 1) / (maxPoints - 1))));
        }
        return kept;
    }
}
