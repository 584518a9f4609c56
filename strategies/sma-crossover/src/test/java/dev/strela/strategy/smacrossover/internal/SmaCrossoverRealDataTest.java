package dev.strela.strategy.smacrossover.internal;

import dev.strela.strategy.testkit.Replay;
import dev.strela.strategy.testkit.RealData;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.strela.api.model.Bar;
import dev.strela.strategy.testkit.Replay.Event;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.ta4j.core.BarSeries;
import org.ta4j.core.BaseStrategy;
import org.ta4j.core.Position;
import org.ta4j.core.Rule;
import org.ta4j.core.TradingRecord;
import org.ta4j.core.backtest.BarSeriesManager;
import org.ta4j.core.backtest.TradeOnCurrentCloseModel;
import org.ta4j.core.indicators.SMAIndicator;
import org.ta4j.core.indicators.helpers.ClosePriceIndicator;
import org.ta4j.core.rules.CrossedDownIndicatorRule;
import org.ta4j.core.rules.CrossedUpIndicatorRule;

/**
 * SBER daily bars (TQBR, 2013-2026) replayed bar by bar through the strategy must give exactly the
 * entries and exits ta4j finds with the same rules on the whole series.
 */
class SmaCrossoverRealDataTest {

    private static List<Bar> bars;
    private static BarSeries series;
    /** Why the tests are skipped; null when the data is there. */
    private static String absent;

    @BeforeAll
    static void readSber() throws Exception {
        Path csv = RealData.issDaily("SBER");
        if (!Files.isRegularFile(csv)) {
            absent = "real data absent: " + csv.toAbsolutePath().normalize() + " (set -Dstrela.data.dir=<shared/data>)";
            return;
        }
        bars = RealData.readTqbr(csv, RealData.SBER);
        series = RealData.referenceSeries("SBER 1d", bars);
    }

    /** Per test rather than in {@code @BeforeAll}: Surefire drops the reason of a skipped class. */
    @BeforeEach
    void skipWithoutData() {
        assumeTrue(absent == null, absent);
    }

    static Stream<Arguments> longOnly() {
        return Stream.of(
                Arguments.of("defaults (fast 10, slow 30, ATR 14)", Map.of(), 10, 30, 14),
                // the close against its 2-bar mean: equal on every unchanged close (11 ties in SBER's series)
                Arguments.of("fast 1, slow 2, ATR 5", Map.of("fast", 1, "slow", 2, "atrPeriod", 5), 1, 2, 5));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("longOnly")
    void replay_whenSberDailyLongOnly_thenSameTradesAsTa4jBarSeriesManager(String what, Map<String, Object> params,
            int fastBars, int slowBars, int atrPeriod) {
        List<Event> ours = Replay.walk(new SmaCrossoverStrategy(), RealData.SBER, bars, params);

        ClosePriceIndicator close = new ClosePriceIndicator(series);
        SMAIndicator fast = new SMAIndicator(close, fastBars);
        SMAIndicator slow = new SMAIndicator(close, slowBars);
        int firstDecision = slowBars + 1 + atrPeriod - 1;
        BaseStrategy ta4j = new BaseStrategy("sma_crossover", new CrossedUpIndicatorRule(fast, slow),
                new CrossedDownIndicatorRule(fast, slow), firstDecision);
        TradingRecord record = new BarSeriesManager(series, new TradeOnCurrentCloseModel()).run(ta4j);

        List<Event> expected = events(record);
        assertThat(expected).isNotEmpty();
        assertThat(ours).containsExactlyElementsOf(expected);
        report(what + ", long only", ours);
    }

    @Test
    void replay_whenSberDailyWithShortsAllowed_thenSameDecisionsAsTa4jRulesIndexByIndex() {
        Map<String, Object> params = Map.of("fast", 5, "slow", 20, "atrPeriod", 10, "allowShort", true);
        List<Event> ours = Replay.walk(new SmaCrossoverStrategy(), RealData.SBER, bars, params);

        ClosePriceIndicator close = new ClosePriceIndicator(series);
        SMAIndicator fast = new SMAIndicator(close, 5);
        SMAIndicator slow = new SMAIndicator(close, 20);
        Rule up = new CrossedUpIndicatorRule(fast, slow);
        Rule down = new CrossedDownIndicatorRule(fast, slow);
        List<Event> expected = new ArrayList<>();
        String held = "FLAT";
        for (int i = 20 + 1 + 10 - 1; i <= series.getEndIndex(); i++) {
            boolean crossedUp = up.isSatisfied(i);
            boolean crossedDown = down.isSatisfied(i);
            String next = switch (held) {
                case "FLAT" -> crossedUp ? "LONG" : crossedDown ? "SHORT" : held;
                case "LONG" -> crossedDown ? "FLAT" : held;
                default -> crossedUp ? "FLAT" : held;
            };
            if (!next.equals(held)) {
                expected.add(new Event(i, next.equals("FLAT") ? "CLOSE" : "OPEN " + next));
                held = next;
            }
        }

        assertThat(expected).isNotEmpty();
        assertThat(ours).containsExactlyElementsOf(expected);
        report("fast 5, slow 20, ATR 10, shorts allowed", ours);
    }

    private static List<Event> events(TradingRecord record) {
        List<Event> events = new ArrayList<>();
        for (Position position : record.getPositions()) {
            events.add(new Event(position.getEntry().getIndex(), "OPEN LONG"));
            events.add(new Event(position.getExit().getIndex(), "CLOSE"));
        }
        if (record.getCurrentPosition().isOpened()) {
            events.add(new Event(record.getCurrentPosition().getEntry().getIndex(), "OPEN LONG"));
        }
        return events;
    }

    /** The whole series built apart from the strategy's own conversion: numbers from text, 32 digits. */

    private static void report(String what, List<Event> events) {
        // The brief asks the count to be visible in the build output.
        System.out.printf("sma_crossover on SBER 1d (%d TQBR bars), %s: %d trades (%d long, %d short),"
                + " %d signals, all equal to ta4j%n", bars.size(), what, Replay.trades(events),
                events.stream().filter(e -> e.action().equals("OPEN LONG")).count(),
                events.stream().filter(e -> e.action().equals("OPEN SHORT")).count(), events.size());
    }
}
