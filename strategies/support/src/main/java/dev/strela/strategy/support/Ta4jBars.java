package dev.strela.strategy.support;

import dev.strela.api.model.Bar;
import java.math.BigDecimal;
import java.time.ZoneOffset;
import java.util.List;
import org.ta4j.core.BarSeries;
import org.ta4j.core.BaseBar;
import org.ta4j.core.BaseBarSeriesBuilder;
import org.ta4j.core.num.DecimalNum;
import org.ta4j.core.num.Num;

/**
 * Turns the context's bars into a ta4j series. Numbers get an explicit precision of 32 digits:
 * {@code DecimalNum.valueOf(BigDecimal)} would keep the price's own precision (5 digits for
 * 270.39) and round every later sum to it, which moves SMA crossings. Shared by the example strategies and
 * embedded (inlined) into each strategy bundle, so every bundle stays a single self-contained jar.
 */
public final class Ta4jBars {

    /** Digits ta4j computes with; prices and their sums stay exact. */
    public static final int PRECISION = 32;

    private Ta4jBars() {
    }

    /** A fresh series of {@code bars} (oldest first); indicators built on it see only these bars. */
    public static BarSeries series(String name, List<Bar> bars) {
        BarSeries series = new BaseBarSeriesBuilder().withName(name).withNumTypeOf(DecimalNum.ZERO).build();
        for (Bar bar : bars) {
            series.addBar(new BaseBar(bar.timeframe().duration(), bar.closeTime().atZone(ZoneOffset.UTC),
                    num(bar.open()), num(bar.high()), num(bar.low()), num(bar.close()),
                    num(BigDecimal.valueOf(bar.volume())), num(BigDecimal.ZERO), 0));
        }
        return series;
    }

    public static Num num(BigDecimal value) {
        return DecimalNum.valueOf(value, PRECISION);
    }

    /** Plain text of an indicator value, for a signal's {@code meta}. */
    public static String text(Num value) {
        // without trailing zeros: the same value reads the same however ta4j summed it
        return value.isNaN() ? "NaN" : value.bigDecimalValue().stripTrailingZeros().toPlainString();
    }
}
