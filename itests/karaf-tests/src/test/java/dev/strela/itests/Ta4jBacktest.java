package dev.strela.itests;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;

import org.ta4j.core.BarSeries;
import org.ta4j.core.BaseBar;
import org.ta4j.core.BaseBarSeriesBuilder;
import org.ta4j.core.BaseStrategy;
import org.ta4j.core.Strategy;
import org.ta4j.core.TradingRecord;
import org.ta4j.core.backtest.BarSeriesManager;
import org.ta4j.core.backtest.TradeOnCurrentCloseModel;
import org.ta4j.core.indicators.SMAIndicator;
import org.ta4j.core.indicators.helpers.ClosePriceIndicator;
import org.ta4j.core.num.DecimalNum;
import org.ta4j.core.num.Num;
import org.ta4j.core.rules.CrossedDownIndicatorRule;
import org.ta4j.core.rules.CrossedUpIndicatorRule;

import dev.strela.api.model.Bar;

/**
 * ta4j's own backtest ({@link BarSeriesManager}, trading on the signal bar's close) of a long-only SMA crossing. Kept
 * apart from the test class so ta4j's classes load only once the test has installed ta4j into the container.
 */
final class Ta4jBacktest {

    private Ta4jBacktest() {
    }

    /** [entry bars, exit bars] as bar start times; an entry still open at the end has no exit. */
    static List<List<Instant>> smaCrossover(List<Bar> bars, int fastBars, int slowBars, int unstableBars) {
        BarSeries series = new BaseBarSeriesBuilder().withName("series").withNumTypeOf(DecimalNum.ZERO).build();
        for (Bar b : bars) {
            series.addBar(new BaseBar(b.timeframe().duration(), b.closeTime().atZone(ZoneOffset.UTC), num(b.open()),
                    num(b.high()), num(b.low()), num(b.close()), num(BigDecimal.valueOf(b.volume())), num(BigDecimal.ZERO), 0));
        }
        ClosePriceIndicator close = new ClosePriceIndicator(series);
        SMAIndicator fast = new SMAIndicator(close, fastBars);
        SMAIndicator slow = new SMAIndicator(close, slowBars);
        Strategy rule = new BaseStrategy("sma " + fastBars + "/" + slowBars, new CrossedUpIndicatorRule(fast, slow),
                new CrossedDownIndicatorRule(fast, slow), unstableBars);
        TradingRecord record = new BarSeriesManager(series, new TradeOnCurrentCloseModel()).run(rule);
        List<Instant> entries = new ArrayList<>();
        List<Instant> exits = new ArrayList<>();
        record.getPositions().forEach(p -> {
            entries.add(start(series, p.getEntry().getIndex()));
            exits.add(start(series, p.getExit().getIndex()));
        });
        if (record.getCurrentPosition().isOpened()) {
            entries.add(start(series, record.getCurrentPosition().getEntry().getIndex()));
        }
        return List.of(entries, exits);
    }

    private static Instant start(BarSeries series, int index) {
        return series.getBar(index).getBeginTime().toInstant();
    }

    private static Num num(BigDecimal value) {
        return DecimalNum.valueOf(value, 32);
    }
}
