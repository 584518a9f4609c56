package dev.strela.console.internal.report;

import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

import dev.strela.api.model.Bar;
import dev.strela.persistence.PositionRow;
import dev.strela.persistence.RunRepository.TradeRow;

/**
 * The figures of one run, recomputed from its trades alone (average-cost accounting, as the simulated broker keeps
 * it) and then checked against what the broker stored: its cash and each position's quantity and realized PnL. The
 * equity curve values cash plus open positions at every hourly close of the run's instruments (and at the end, at the
 * last 1-minute close); drawdown and exposure are measured on that curve.
 */
public final class RunReport {

    private static final MathContext MC = MathContext.DECIMAL128;

    /** What the report is built from. {@code marks}: each instrument's last 1-minute close before the end. */
    public record Inputs(String runId, String status, Instant from, Instant to, BigDecimal initialCash,
                         BigDecimal accountCash, List<TradeRow> trades, List<PositionRow> storedPositions,
                         List<Bar> hourlyBars, Map<String, BigDecimal> marks, Map<String, Long> refusals,
                         Map<String, Long> errors, long signals, long decisions) {
    }

    /** A point of the equity curve. */
    public record Point(Instant at, BigDecimal cash, BigDecimal marketValue, BigDecimal equity, BigDecimal drawdown) {
    }

    /** A position at the end, valued at its mark. */
    public record EndPosition(long strategyUniverseId, String strategy, String symbol, long quantity, BigDecimal averagePrice,
                              BigDecimal mark, BigDecimal unrealizedPnl, BigDecimal realizedPnl, BigDecimal commission) {
    }

    /** One closed round trip (flat to flat, or to the other side) of a universe row on an instrument. */
    public record RoundTrip(long strategyUniverseId, String strategy, String symbol, Instant opened, Instant closed,
                            BigDecimal pnl, BigDecimal commission) {
        public BigDecimal net() {
            return pnl.subtract(commission);
        }
    }

    /** A difference between the trades and what the broker stored; none is expected. */
    public record Mismatch(String what, String expected, String stored) {
    }

    public final Inputs in;
    public final List<Point> curve = new ArrayList<>();
    public final List<EndPosition> positions = new ArrayList<>();
    public final List<RoundTrip> roundTrips = new ArrayList<>();
    public final List<Mismatch> mismatches = new ArrayList<>();
    public BigDecimal cash;
    public BigDecimal realizedPnl = BigDecimal.ZERO;
    public BigDecimal unrealizedPnl = BigDecimal.ZERO;
    public BigDecimal commissions = BigDecimal.ZERO;
    public BigDecimal marketValue = BigDecimal.ZERO;
    public BigDecimal maxDrawdown = BigDecimal.ZERO;
    public BigDecimal maxDrawdownShare = BigDecimal.ZERO;
    /** Share of curve points with an open position. */
    public BigDecimal exposure = BigDecimal.ZERO;

    private RunReport(Inputs in) {
        this.in = in;
    }

    public BigDecimal finalEquity() {
        return cash.add(marketValue);
    }

    /** initial + realized + unrealized - commissions: must equal {@link #finalEquity()} to the kopeck. */
    public BigDecimal accountedEquity() {
        return in.initialCash.add(realizedPnl).add(unrealizedPnl).subtract(commissions);
    }

    public long wins() {
        return roundTrips.stream().filter(t -> t.net().signum() > 0).count();
    }

    public BigDecimal winRate() {
        return roundTrips.isEmpty() ? BigDecimal.ZERO
                : BigDecimal.valueOf(wins()).divide(BigDecimal.valueOf(roundTrips.size()), 4, RoundingMode.HALF_EVEN);
    }

    public static RunReport build(Inputs in) {
        RunReport r = new RunReport(Objects.requireNonNull(in, "in"));
        r.compute();
        return r;
    }

    private void compute() {
        Map<String, Book> books = new LinkedHashMap<>();
        Map<String, BigDecimal> lastClose = new HashMap<>();
        List<Bar> hours = new ArrayList<>(in.hourlyBars);
        // the last point is taken at `to`, at the marks: an hourly bar closing then or later adds none of its own
        hours.removeIf(bar -> !bar.closeTime().isBefore(in.to));
        hours.sort(Comparator.comparing(Bar::closeTime).thenComparing(Bar::instrumentId));
        cash = in.initialCash;
        BigDecimal peak = in.initialCash; // a loss before the first hourly close is a drawdown too
        int exposed = 0;
        int t = 0;
        int h = 0;
        List<TradeRow> trades = in.trades;
        while (h <= hours.size()) {
            Instant pointAt = h < hours.size() ? hours.get(h).closeTime() : in.to;
            while (t < trades.size() && (h == hours.size() || trades.get(t).executedAt().isBefore(pointAt))) {
                apply(trades.get(t++), books);
            }
            if (h < hours.size()) {
                // every bar closing at this moment marks its instrument before the point is taken
                while (h < hours.size() && hours.get(h).closeTime().equals(pointAt)) {
                    lastClose.put(hours.get(h).instrumentId(), hours.get(h).close());
                    h++;
                }
            } else {
                lastClose.putAll(in.marks);
                h++;
            }
            BigDecimal value = BigDecimal.ZERO;
            boolean open = false;
            for (Book b : books.values()) {
                if (b.quantity != 0) {
                    open = true;
                    BigDecimal mark = lastClose.getOrDefault(b.symbol, b.average);
                    value = value.add(mark.multiply(BigDecimal.valueOf(b.quantity)));
                }
            }
            BigDecimal equity = cash.add(value);
            peak = equity.compareTo(peak) > 0 ? equity : peak;
            BigDecimal drawdown = peak.subtract(equity);
            if (drawdown.compareTo(maxDrawdown) > 0) {
                maxDrawdown = drawdown;
                maxDrawdownShare = peak.signum() > 0 ? drawdown.divide(peak, 6, RoundingMode.HALF_EVEN) : BigDecimal.ZERO;
            }
            exposed += open ? 1 : 0;
            curve.add(new Point(pointAt, cash, value, equity, drawdown));
        }
        exposure = curve.isEmpty() ? BigDecimal.ZERO
                : BigDecimal.valueOf(exposed).divide(BigDecimal.valueOf(curve.size()), 4, RoundingMode.HALF_EVEN);
        for (Book b : books.values()) {
            realizedPnl = realizedPnl.add(b.realized);
            commissions = commissions.add(b.commission);
            BigDecimal mark = in.marks.getOrDefault(b.symbol, lastClose.getOrDefault(b.symbol, b.average));
            BigDecimal unrealized = b.quantity == 0 ? BigDecimal.ZERO
                    : mark.subtract(b.average).multiply(BigDecimal.valueOf(b.quantity));
            unrealizedPnl = unrealizedPnl.add(unrealized);
            marketValue = marketValue.add(mark.multiply(BigDecimal.valueOf(b.quantity)));
            positions.add(new EndPosition(b.row, b.strategy, b.symbol, b.quantity, b.quantity == 0 ? null : b.average, mark,
                    unrealized, b.realized, b.commission));
        }
        reconcile(books);
    }

    private void apply(TradeRow trade, Map<String, Book> books) {
        Book b = books.computeIfAbsent(trade.strategyUniverseId() + "|" + trade.symbol(),
                k -> new Book(trade.strategyUniverseId(), trade.strategy(), trade.symbol()));
        BigDecimal amount = trade.price().multiply(BigDecimal.valueOf(trade.quantity()));
        cash = "BUY".equals(trade.side()) ? cash.subtract(amount) : cash.add(amount);
        cash = cash.subtract(trade.commission());
        long signed = "BUY".equals(trade.side()) ? trade.quantity() : -trade.quantity();
        b.commission = b.commission.add(trade.commission());
        b.tripCommission = b.tripCommission.add(trade.commission());
        if (b.quantity == 0 || Long.signum(b.quantity) == Long.signum(signed)) {
            if (b.quantity == 0) {
                b.opened = trade.executedAt();
            }
            BigDecimal cost = b.average.multiply(BigDecimal.valueOf(Math.abs(b.quantity))).add(amount);
            b.quantity += signed;
            b.average = cost.divide(BigDecimal.valueOf(Math.abs(b.quantity)), MC);
            return;
        }
        long closed = Math.min(Math.abs(b.quantity), trade.quantity());
        BigDecimal pnl = trade.price().subtract(b.average).multiply(BigDecimal.valueOf(closed * Long.signum(b.quantity)));
        b.realized = b.realized.add(pnl);
        b.tripPnl = b.tripPnl.add(pnl);
        b.quantity += signed;
        if (b.quantity == 0 || trade.quantity() > closed) {
            roundTrips.add(new RoundTrip(b.row, b.strategy, b.symbol, b.opened, trade.executedAt(), b.tripPnl, b.tripCommission));
            b.tripPnl = BigDecimal.ZERO;
            b.tripCommission = BigDecimal.ZERO;
            b.average = b.quantity == 0 ? BigDecimal.ZERO : trade.price();
            b.opened = b.quantity == 0 ? null : trade.executedAt();
        }
    }

    private void reconcile(Map<String, Book> books) {
        if (in.accountCash != null && in.accountCash.compareTo(cash) != 0) {
            mismatches.add(new Mismatch("account cash", cash.toPlainString(), in.accountCash.toPlainString()));
        }
        Map<String, Book> unstored = new LinkedHashMap<>(books);
        for (PositionRow p : in.storedPositions) {
            Book b = unstored.remove(p.strategyUniverseId() + "|" + p.symbol());
            long quantity = b == null ? 0 : b.quantity;
            BigDecimal realized = b == null ? BigDecimal.ZERO : b.realized;
            String what = "position " + p.strategyUniverseId() + " " + p.symbol();
            if (quantity != p.quantity()) {
                mismatches.add(new Mismatch(what + " quantity", Long.toString(quantity), Long.toString(p.quantity())));
            }
            if (realized.setScale(2, RoundingMode.HALF_EVEN).compareTo(p.realizedPnl().setScale(2, RoundingMode.HALF_EVEN)) != 0) {
                mismatches.add(new Mismatch(what + " realized PnL", realized.toPlainString(), p.realizedPnl().toPlainString()));
            }
        }
        for (Book b : unstored.values()) {
            // traded but never stored: the broker holds nothing for it
            String what = "position " + b.row + " " + b.symbol;
            if (b.quantity != 0) {
                mismatches.add(new Mismatch(what + " quantity", Long.toString(b.quantity), "no stored position"));
            }
            if (b.realized.setScale(2, RoundingMode.HALF_EVEN).signum() != 0) {
                mismatches.add(new Mismatch(what + " realized PnL", b.realized.toPlainString(), "no stored position"));
            }
        }
        BigDecimal gap = finalEquity().subtract(accountedEquity()).abs();
        if (gap.compareTo(new BigDecimal("0.005")) >= 0) {
            mismatches.add(new Mismatch("cash + market value = initial + realized + unrealized - commissions",
                    accountedEquity().toPlainString(), finalEquity().toPlainString()));
        }
    }

    /** One universe row's position on one instrument, as the trades build it. */
    private static final class Book {
        final long row;
        final String strategy;
        final String symbol;
        long quantity;
        BigDecimal average = BigDecimal.ZERO;
        BigDecimal realized = BigDecimal.ZERO;
        BigDecimal commission = BigDecimal.ZERO;
        BigDecimal tripPnl = BigDecimal.ZERO;
        BigDecimal tripCommission = BigDecimal.ZERO;
        Instant opened;

        Book(long row, String strategy, String symbol) {
            this.row = row;
            this.strategy = strategy;
            this.symbol = symbol;
        }
    }
}
