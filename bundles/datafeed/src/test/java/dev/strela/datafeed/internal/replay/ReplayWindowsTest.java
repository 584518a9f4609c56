package dev.strela.datafeed.internal.replay;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

import dev.strela.api.model.Bar;
import dev.strela.api.model.Timeframe;

class ReplayWindowsTest {

    private static final Instant T0 = Instant.parse("2024-03-04T07:00:00Z");
    private final ReplayWindows windows = new ReplayWindows();

    @Test
    void barsUpTo_whenHistoryThenClosedBars_thenTheLastCountEndingAtTheClosedBar() {
        windows.open("replay-1", "a", Timeframe.M5, bars(0, 3));
        windows.closed("replay-1", bar(3));
        windows.closed("replay-1", bar(4));

        assertThat(windows.barsUpTo("a", Timeframe.M5, time(4), 3)).hasValueSatisfying(b ->
                assertThat(b).extracting(Bar::openTime).containsExactly(time(2), time(3), time(4)));
        assertThat(windows.barsUpTo("a", Timeframe.M5, time(4), 50)).as("all history there is")
                .hasValueSatisfying(b -> assertThat(b).hasSize(5));
    }

    @Test
    void barsUpTo_whenAskedForAnotherTimeThanTheLastClosedBar_thenEmpty_soLiveTradingNeverSeesReplayBars() {
        windows.open("replay-1", "a", Timeframe.M5, bars(0, 3));
        windows.closed("replay-1", bar(3));

        assertThat(windows.barsUpTo("a", Timeframe.M5, time(100), 2)).isEmpty();
        assertThat(windows.barsUpTo("a", Timeframe.M5, time(2), 2)).isEmpty();
        assertThat(windows.barsUpTo("a", Timeframe.M15, time(3), 2)).isEmpty();
        assertThat(windows.barsUpTo("b", Timeframe.M5, time(3), 2)).isEmpty();
    }

    @Test
    void barsUpTo_whenHistoryFillsTheWindowAndMoreIsAsked_thenEmpty_andTheDatabaseAnswers() {
        windows.open("replay-1", "a", Timeframe.M5, bars(0, ReplayWindows.CAPACITY));
        windows.closed("replay-1", bar(ReplayWindows.CAPACITY));

        assertThat(windows.barsUpTo("a", Timeframe.M5, time(ReplayWindows.CAPACITY), ReplayWindows.CAPACITY + 1)).isPresent();
        assertThat(windows.barsUpTo("a", Timeframe.M5, time(ReplayWindows.CAPACITY), ReplayWindows.CAPACITY + 2))
                .as("history may go back further than the window").isEmpty();
    }

    @Test
    void close_thenTheReplaysBarsAreGone() {
        windows.open("replay-1", "a", Timeframe.M5, bars(0, 3));
        windows.close("replay-1");

        assertThat(windows.barsUpTo("a", Timeframe.M5, time(2), 1)).isEmpty();
    }

    private static List<Bar> bars(int from, int count) {
        List<Bar> out = new ArrayList<>();
        for (int i = from; i < from + count; i++) {
            out.add(bar(i));
        }
        return out;
    }

    private static Bar bar(int i) {
        BigDecimal p = BigDecimal.valueOf(100 + i);
        return new Bar("a", Timeframe.M5, time(i), p, p, p, p, 1);
    }

    private static Instant time(int i) {
        return T0.plusSeconds(300L * i);
    }
}
