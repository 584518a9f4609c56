package dev.strela.datafeed.internal.replay;

import java.io.BufferedWriter;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

import org.ta4j.core.BarSeries;
import org.ta4j.core.BaseBar;
import org.ta4j.core.BaseBarSeriesBuilder;
import org.ta4j.core.BaseStrategy;
import org.ta4j.core.Strategy;
import org.ta4j.core.analysis.cost.ZeroCostModel;
import org.ta4j.core.backtest.BacktestExecutor;
import org.ta4j.core.backtest.TradeOnCurrentCloseModel;
import org.ta4j.core.indicators.SMAIndicator;
import org.ta4j.core.indicators.helpers.ClosePriceIndicator;
import org.ta4j.core.num.DecimalNum;
import org.ta4j.core.num.Num;
import org.ta4j.core.reports.TradingStatement;
import org.ta4j.core.rules.CrossedDownIndicatorRule;
import org.ta4j.core.rules.CrossedUpIndicatorRule;

import dev.strela.api.model.Bar;
import dev.strela.api.model.Timeframe;
import dev.strela.datafeed.internal.aggregate.AggregationListener;
import dev.strela.datafeed.internal.aggregate.Aggregator;
import dev.strela.datafeed.internal.aggregate.TradingCalendar;
import dev.strela.datafeed.internal.source.SyntheticGenerator;

/**
 * The replay benchmark's two halves outside the platform (the replay itself runs in the distribution, where
 * {@code strela:replay} prints its bars/s):
 * <ul>
 * <li>{@code files <dir> <instruments> <firstDay> <days>}: the seeded generator's 1-minute candles of
 * {@code bench-1..N} as one Tinkoff-layout file (instruments interleaved in time order), for {@code strela:import};</li>
 * <li>{@code ta4j <instruments> <firstDay> <days> <timeframe>}: ta4j's {@link BacktestExecutor} on the same candles
 * (generated again, aggregated to the timeframe by the platform's aggregator), running the SMA 10/30 crossing of the
 * example strategy; prints 1-minute bars per second for the backtest alone and with the aggregation in front.</li>
 * </ul>
 * Run: {@code java -cp benchmarks/target/benchmarks.jar dev.strela.datafeed.internal.replay.ReplayBenchmarkData ...}
 */
public final class ReplayBenchmarkData {

    public static final long SEED = 2024L;
    public static final BigDecimal TICK = new BigDecimal("0.01");

    private ReplayBenchmarkData() {
    }

    public static void main(String[] args) throws Exception {
        if (args.length < 4) {
            System.err.println("usage: files <dir> <instruments> <firstDay> <days> | ta4j <instruments> <firstDay> <days> <timeframe>");
            System.exit(2);
        }
        if (args[0].equals("files")) {
            files(Path.of(args[1]), Integer.parseInt(args[2]), LocalDate.parse(args[3]), Integer.parseInt(args[4]));
        } else {
            ta4j(Integer.parseInt(args[1]), LocalDate.parse(args[2]), Integer.parseInt(args[3]), Timeframe.fromCode(args[4]));
        }
    }

    public static List<String> ids(int count) {
        List<String> ids = new ArrayList<>();
        for (int i = 1; i <= count; i++) {
            ids.add("bench-" + i);
        }
        return ids;
    }

    private static void files(Path dir, int instruments, LocalDate first, int days) throws Exception {
        Files.createDirectories(dir);
        long rows = 0;
        Iterator<Bar> minutes = new SyntheticGenerator(SEED, ids(instruments), TICK).minutes(first, days);
        // one file, instruments interleaved in time order (the uid column names each row's instrument): the import's
        // aggregator then sees the minutes in feed order, as it would live
        try (BufferedWriter out = Files.newBufferedWriter(dir.resolve("candles.csv"))) {
          while (minutes.hasNext()) {
            Bar b = minutes.next();
            out.write(b.instrumentId() + ";" + b.openTime() + ";" + b.open().toPlainString() + ";"
                    + b.close().toPlainString() + ";" + b.high().toPlainString() + ";" + b.low().toPlainString() + ";"
                    + b.volume() + ";\n");
            rows++;
          }
        }
        System.out.printf("%,d one-minute candles of %d instruments, %d trading days from %s, in %s%n", rows, instruments,
                days, first, dir);
    }

    private static void ta4j(int instruments, LocalDate first, int days, Timeframe timeframe) {
        for (int round = 1; round <= 3; round++) {
            Ta4jRound r = ta4jRound(instruments, first, days, timeframe);
            // the generator cannot be timed apart from the aggregation it feeds, so both figures are given: ta4j's
            // backtest alone, and with the aggregation (and the generator) in front of it
            System.out.printf("round %d: %d instruments, %,d one-minute bars -> %s series; generation+aggregation+series"
                    + " %.2f s, BacktestExecutor %.2f s: %,.0f one-minute bars/s for the backtest alone, %,.0f with the"
                    + " aggregation; %d closed positions%n", round, r.series(), r.minutes(), timeframe.code(),
                    r.seriesSeconds(), r.backtestSeconds(), r.backtestRate(), r.withAggregationRate(), r.positions());
        }
    }

    /**
     * One ta4j baseline: the seeded minutes aggregated into {@code timeframe} series by the platform's aggregator, then
     * ta4j's {@link BacktestExecutor} running the SMA 10/30 crossing rule over each series.
     *
     * @param minutes         one-minute bars generated
     * @param seriesSeconds   generation, aggregation and building the ta4j series
     * @param backtestSeconds the BacktestExecutor runs
     */
    public record Ta4jRound(int series, long minutes, double seriesSeconds, double backtestSeconds, long positions) {

        /** One-minute bars per second of the backtest alone. */
        public double backtestRate() {
            return minutes / Math.max(1e-9, backtestSeconds);
        }

        /** One-minute bars per second of the aggregation and the backtest together. */
        public double withAggregationRate() {
            return minutes / Math.max(1e-9, seriesSeconds + backtestSeconds);
        }
    }

    public static Ta4jRound ta4jRound(int instruments, LocalDate first, int days, Timeframe timeframe) {
        long t0 = System.nanoTime();
        Map<String, BarSeries> series = new HashMap<>();
        Aggregator aggregator = new Aggregator(TradingCalendar.moex());
        AggregationListener listener = new AggregationListener() {
            @Override
            public void barClosed(Bar bar) {
                if (bar.timeframe() == timeframe) {
                    series.computeIfAbsent(bar.instrumentId(), id -> new BaseBarSeriesBuilder().withName(id)
                            .withNumTypeOf(DecimalNum.ZERO).build())
                            .addBar(new BaseBar(timeframe.duration(), bar.closeTime().atZone(ZoneOffset.UTC), num(bar.open()),
                                    num(bar.high()), num(bar.low()), num(bar.close()), num(BigDecimal.valueOf(bar.volume())),
                                    num(BigDecimal.ZERO), 0));
                }
            }

            @Override
            public void barRevised(Bar bar) {
            }

            @Override
            public void minuteSkipped(Bar minute, String reason) {
            }
        };
        Iterator<Bar> minutes = new SyntheticGenerator(SEED, ids(instruments), TICK).minutes(first, days);
        Bar last = null;
        long count = 0;
        while (minutes.hasNext()) {
            last = minutes.next();
            aggregator.onMinute(last, listener);
            count++;
        }
        aggregator.advanceClock(last.openTime().plus(Duration.ofDays(1)), listener);
        long aggregated = System.nanoTime();
        long positions = 0;
        for (BarSeries s : series.values()) {
            ClosePriceIndicator close = new ClosePriceIndicator(s);
            Strategy rule = new BaseStrategy("sma 10/30", new CrossedUpIndicatorRule(new SMAIndicator(close, 10),
                    new SMAIndicator(close, 30)), new CrossedDownIndicatorRule(new SMAIndicator(close, 10),
                    new SMAIndicator(close, 30)), 44);
            List<TradingStatement> statements = new BacktestExecutor(s, new ZeroCostModel(), new ZeroCostModel(),
                    new TradeOnCurrentCloseModel()).execute(List.of(rule), DecimalNum.valueOf(1));
            positions += statements.get(0).getPositionStatsReport().getProfitCount().longValue()
                    + statements.get(0).getPositionStatsReport().getLossCount().longValue()
                    + statements.get(0).getPositionStatsReport().getBreakEvenCount().longValue();
        }
        long done = System.nanoTime();
        return new Ta4jRound(series.size(), count, (aggregated - t0) / 1e9, (done - aggregated) / 1e9, positions);
    }

    private static Num num(BigDecimal v) {
        return DecimalNum.valueOf(v.setScale(Math.max(2, v.scale()), RoundingMode.UNNECESSARY), 32);
    }
}
