package dev.strela.strategy.smacrossover.internal;

import dev.strela.strategy.support.Ta4jBars;

import dev.strela.api.model.Bar;
import dev.strela.api.model.Context;
import dev.strela.api.model.Direction;
import dev.strela.api.model.Position;
import dev.strela.api.model.Signal;
import dev.strela.api.spi.Strategy;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.List;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.osgi.service.component.annotations.Component;
import org.ta4j.core.BarSeries;
import org.ta4j.core.indicators.ATRIndicator;
import org.ta4j.core.indicators.SMAIndicator;
import org.ta4j.core.indicators.helpers.ClosePriceIndicator;
import org.ta4j.core.num.Num;
import org.ta4j.core.rules.CrossedDownIndicatorRule;
import org.ta4j.core.rules.CrossedUpIndicatorRule;

/**
 * {@value #NAME}: when flat and the fast SMA of closes crosses above the slow one on the closed bar,
 * OPEN LONG with a stop {@code atrMultiple} ATRs below the close; when long and it crosses below,
 * CLOSE. With {@code allowShort} the mirror image for shorts. A crossing is ta4j's
 * ({@link CrossedUpIndicatorRule}): strictly above now, and strictly below on the last bar before
 * where the two were not equal (ties are skipped back over).
 *
 * <p>Stateless: each call builds its ta4j series from the context's bars. The crossing is decided on the last
 * {@code slow + 1 + }{@value #TIE_LOOKBACK} bars (on all of them only when the averages were equal that long), so a bar
 * close costs about as much whatever {@link #MAX_BARS} is; the ATR is read over all the bars, and only when there is
 * something to do.
 */
@Component(service = Strategy.class, property = "strela.strategy=" + SmaCrossoverStrategy.NAME)
public final class SmaCrossoverStrategy implements Strategy {

    public static final String NAME = "sma_crossover";

    /**
     * Bars asked of the runner. {@link #barsNeeded()} cannot see a row's parameters, so this covers
     * {@code slow + 1 + atrPeriod} up to 300 (a slow SMA of 200 fits); the extra bars also let the
     * ATR, a Wilder average with a long memory, settle.
     */
    static final int MAX_BARS = 300;

    /** Bars beyond the slow window kept for a crossing after bars where the two averages were equal. */
    static final int TIE_LOOKBACK = 8;

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
        SmaCrossoverParams params = SmaCrossoverParams.from(ctx);
        if (ctx.bars().size() < params.barsRequired()) {
            return Optional.empty();
        }
        String name = ctx.symbol() + " " + ctx.timeframe().code();
        Crossing crossing = Crossing.of(name, recent(ctx.bars(), params), params);
        if (!crossing.decidedOnFullWindows() && crossing.barCount() < ctx.bars().size()) {
            crossing = Crossing.of(name, ctx.bars(), params);
        }
        boolean crossedUp = crossing.up();
        boolean crossedDown = crossing.down();

        Direction held = ctx.position().filter(p -> !p.isFlat()).map(Position::direction).orElse(Direction.FLAT);
        Action action = switch (held) {
            case FLAT -> crossedUp ? Action.OPEN_LONG
                    : crossedDown && params.allowShort() ? Action.OPEN_SHORT : Action.NONE;
            case LONG -> crossedDown ? Action.CLOSE : Action.NONE;
            case SHORT -> crossedUp ? Action.CLOSE : Action.NONE;
        };
        if (action == Action.NONE) {
            return Optional.empty();
        }
        // the ATR, a Wilder average with a long memory, is read over every bar the runner gave
        BarSeries series = Ta4jBars.series(name, ctx.bars());
        int last = series.getEndIndex();
        Num atr = new ATRIndicator(series, params.atrPeriod()).getValue(last);
        BigDecimal closePrice = ctx.lastBar().close();
        BigDecimal distance = params.atrMultiple().multiply(atr.bigDecimalValue());
        Signal signal = switch (action) {
            case OPEN_LONG -> Signal.openLong(
                    ctx.instrument().roundToTick(closePrice.subtract(distance), RoundingMode.FLOOR));
            case OPEN_SHORT -> Signal.openShort(
                    ctx.instrument().roundToTick(closePrice.add(distance), RoundingMode.CEILING));
            case CLOSE -> Signal.close();
            case NONE -> throw new IllegalStateException("no action reached the signal");
        };
        return Optional.of(signal.withMeta(meta(crossing.fast(), crossing.slow(), atr, closePrice)));
    }

    /**
     * The last {@code slow + 1 + }{@value #TIE_LOOKBACK} bars: enough to decide a crossing on the closed bar unless
     * the two averages were equal over all of them, in which case the caller decides again on every bar.
     */
    private static List<Bar> recent(List<Bar> bars, SmaCrossoverParams params) {
        int count = params.slow() + 1 + TIE_LOOKBACK;
        return bars.size() > count ? bars.subList(bars.size() - count, bars.size()) : bars;
    }

    /**
     * ta4j's crossing rules on the closed bar of a series, and whether the bar that decided them lies where both
     * averages cover a full window. A series cut short gives the same answer as the whole one exactly then: the rules
     * look back from the bar before the last over bars where the two are equal, and on a full window an SMA is the
     * same whatever bars came before it.
     */
    private record Crossing(boolean up, boolean down, Num fast, Num slow, boolean decidedOnFullWindows, int barCount) {

        static Crossing of(String name, List<Bar> bars, SmaCrossoverParams params) {
            BarSeries series = Ta4jBars.series(name, bars);
            int last = series.getEndIndex();
            ClosePriceIndicator close = new ClosePriceIndicator(series);
            SMAIndicator fast = new SMAIndicator(close, params.fast());
            SMAIndicator slow = new SMAIndicator(close, params.slow());
            int decidingBar = last - 1;
            while (decidingBar > 0 && fast.getValue(decidingBar).isEqual(slow.getValue(decidingBar))) {
                decidingBar--;
            }
            return new Crossing(new CrossedUpIndicatorRule(fast, slow).isSatisfied(last),
                    new CrossedDownIndicatorRule(fast, slow).isSatisfied(last), fast.getValue(last), slow.getValue(last),
                    decidingBar >= params.slow() - 1, bars.size());
        }
    }

    private enum Action { NONE, OPEN_LONG, OPEN_SHORT, CLOSE }

    private static Map<String, Object> meta(Num fast, Num slow, Num atr, BigDecimal close) {
        Map<String, Object> meta = new LinkedHashMap<>();
        meta.put("tag", NAME);
        meta.put("fast_sma", Ta4jBars.text(fast));
        meta.put("slow_sma", Ta4jBars.text(slow));
        meta.put("atr", Ta4jBars.text(atr));
        meta.put("close", close.toPlainString());
        return meta;
    }
}
