package dev.strela.strategy.donchian.internal;

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
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.ta4j.core.BarSeries;
import org.ta4j.core.BaseStrategy;
import org.ta4j.core.Position;
import org.ta4j.core.TradingRecord;
import org.ta4j.core.backtest.BarSeriesManager;
import org.ta4j.core.backtest.TradeOnCurrentCloseModel;
import org.ta4j.core.indicators.helpers.ClosePriceIndicator;
import org.ta4j.core.indicators.helpers.HighPriceIndicator;
import org.ta4j.core.indicators.helpers.HighestValueIndicator;
import org.ta4j.core.indicators.helpers.LowPriceIndicator;
import org.ta4j.core.indicators.helpers.LowestValueIndicator;
import org.ta4j.core.indicators.helpers.PreviousValueIndicator;
import org.ta4j.core.rules.OverIndicatorRule;
import org.ta4j.core.rules.UnderIndicatorRule;

/**
 * SBER daily bars (TQBR, 2013-2026) replayed bar by bar through the strategy must give exactly the
 * entries and exits ta4j's BarSeriesManager finds with the same rules on the whole series.
 */
class DonchianBreakoutRealDataTest {

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

    static Stream<Arguments> channels() {
        return Stream.of(
                Arguments.of("defaults (entry 20, exit 10, ATR 14)", Map.of(), 20, 10, 14),
                Arguments.of("entry 55, exit 20, ATR 20", Map.of("entry", 55, "exit", 20, "atrPeriod", 20), 55, 20, 20),
                Arguments.of("entry 5, exit 5, ATR 3", Map.of("entry", 5, "exit", 5, "atrPeriod", 3), 5, 5, 3));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("channels")
    void replay_whenSberDaily_thenSameTradesAsTa4jBarSeriesManager(String what, Map<String, Object> params,
            int entry, int exit, int atrPeriod) {
        List<Event> ours = Replay.walk(new DonchianBreakoutStrategy(), RealData.SBER, bars, params);

        ClosePriceIndicator close = new ClosePriceIndicator(series);
        var entryHigh = new PreviousValueIndicator(new HighestValueIndicator(new HighPriceIndicator(series), entry), 1);
        var exitLow = new PreviousValueIndicator(new LowestValueIndicator(new LowPriceIndicator(series), exit), 1);
        int firstDecision = Math.max(entry, exit) + 1 + atrPeriod - 1;
        BaseStrategy ta4j = new BaseStrategy("donchian_breakout", new OverIndicatorRule(close, entryHigh),
                new UnderIndicatorRule(close, exitLow), firstDecision);
        TradingRecord record = new BarSeriesManager(series, new TradeOnCurrentCloseModel()).run(ta4j);

        List<Event> expected = events(record);
        assertThat(expected).isNotEmpty();
        assertThat(ours).containsExactlyElementsOf(expected);
        // The brief asks the count to be visible in the build output.
        System.out.printf("donchian_breakout on SBER 1d (%d TQBR bars), %s: %d trades, %d signals,"
                + " all equal to ta4j%n", bars.size(), what, Replay.trades(ours), ours.size());
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
}
