package dev.strela.strategy.donchian.internal;

import dev.strela.strategy.support.Ta4jBars;

import dev.strela.api.model.Context;
import dev.strela.api.model.Direction;
import dev.strela.api.model.Position;
import dev.strela.api.model.Signal;
import dev.strela.api.spi.Strategy;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.osgi.service.component.annotations.Component;
import org.ta4j.core.BarSeries;
import org.ta4j.core.Indicator;
import org.ta4j.core.indicators.ATRIndicator;
import org.ta4j.core.indicators.helpers.ClosePriceIndicator;
import org.ta4j.core.indicators.helpers.HighPriceIndicator;
import org.ta4j.core.indicators.helpers.HighestValueIndicator;
import org.ta4j.core.indicators.helpers.LowPriceIndicator;
import org.ta4j.core.indicators.helpers.LowestValueIndicator;
import org.ta4j.core.indicators.helpers.PreviousValueIndicator;
import org.ta4j.core.num.Num;
import org.ta4j.core.rules.OverIndicatorRule;
import org.ta4j.core.rules.UnderIndicatorRule;

/**
 * {@value #NAME}: when flat and the closed bar's close is strictly above the highest high of the
 * {@code entry} bars before it, OPEN LONG with a stop {@code atrMultiple} ATRs below the close; when
 * long and the close is strictly below the lowest low of the {@code exit} bars before it, CLOSE.
 * Long only. The channels exclude the closed bar (ta4j {@link PreviousValueIndicator} over
 * {@link HighestValueIndicator} / {@link LowestValueIndicator}).
 *
 * <p>Stateless: each call builds its ta4j series from the context's bars.
 */
@Component(service = Strategy.class, property = "strela.strategy=" + DonchianBreakoutStrategy.NAME)
public final class DonchianBreakoutStrategy implements Strategy {

    public static final String NAME = "donchian_breakout";

    /**
     * Bars asked of the runner. {@link #barsNeeded()} cannot see a row's parameters, so this covers
     * {@code max(entry, exit) + 1 + atrPeriod} up to 300 (a 250-bar channel fits); the extra bars
     * also let the ATR, a Wilder average with a long memory, settle.
     */
    static final int MAX_BARS = 300;

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public int barsNeeded() {
        return MAX_BARS;
    }

    @Override
    public Optional<Signal> onBar(Context ctx) {
        DonchianBreakoutParams params = DonchianBreakoutParams.from(ctx);
        if (ctx.bars().size() < params.barsRequired()) {
            return Optional.empty();
        }
        BarSeries series = Ta4jBars.series(ctx.symbol() + " " + ctx.timeframe().code(), ctx.bars());
        int last = series.getEndIndex();
        ClosePriceIndicator close = new ClosePriceIndicator(series);
        Indicator<Num> entryHigh = new PreviousValueIndicator(
                new HighestValueIndicator(new HighPriceIndicator(series), params.entry()));
        Indicator<Num> exitLow = new PreviousValueIndicator(
                new LowestValueIndicator(new LowPriceIndicator(series), params.exit()));

        Direction held = ctx.position().filter(p -> !p.isFlat()).map(Position::direction).orElse(Direction.FLAT);
        boolean enter = held == Direction.FLAT && new OverIndicatorRule(close, entryHigh).isSatisfied(last);
        boolean leave = held == Direction.LONG && new UnderIndicatorRule(close, exitLow).isSatisfied(last);
        if (!enter && !leave) {
            return Optional.empty();
        }
        Num atr = new ATRIndicator(series, params.atrPeriod()).getValue(last);
        BigDecimal closePrice = ctx.lastBar().close();
        Signal signal = enter
                ? Signal.openLong(ctx.instrument().roundToTick(
                        closePrice.subtract(params.atrMultiple().multiply(atr.bigDecimalValue())), RoundingMode.FLOOR))
                : Signal.close();
        return Optional.of(signal.withMeta(meta(entryHigh.getValue(last), exitLow.getValue(last), atr, closePrice)));
    }

    private static Map<String, Object> meta(Num entryHigh, Num exitLow, Num atr, BigDecimal close) {
        Map<String, Object> meta = new LinkedHashMap<>();
        meta.put("tag", NAME);
        meta.put("entry_high", Ta4jBars.text(entryHigh));
        meta.put("exit_low", Ta4jBars.text(exitLow));
        meta.put("atr", Ta4jBars.text(atr));
        meta.put("close", close.toPlainString());
        return meta;
    }
}
