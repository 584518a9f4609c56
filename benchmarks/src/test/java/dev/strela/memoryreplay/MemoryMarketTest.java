package dev.strela.memoryreplay;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import org.junit.jupiter.api.Test;

import dev.strela.api.model.Bar;
import dev.strela.api.model.Instrument;
import dev.strela.api.model.Timeframe;

/** What the memory market answers, checked against minutes written by hand. */
class MemoryMarketTest {

    private static final Instant MONDAY = Instant.parse("2024-03-04T07:00:00Z");
    private static final List<Instrument> INSTRUMENTS = List.of(
            new Instrument("a", "A", "TQBR", 10, new BigDecimal("0.01"), "rub"),
            new Instrument("b", "B", "TQBR", 10, new BigDecimal("0.01"), "rub"));

    /** Minutes 0..9 of Monday to Thursday at 07:00 UTC; "b" trades on Monday only; closes 100 + day * 10 + minute. */
    private static List<Bar> minutes() {
        List<Bar> all = new ArrayList<>();
        for (int day = 0; day < 4; day++) {
            for (int m = 0; m < 10; m++) {
                Instant t = MONDAY.plusSeconds(day * 86_400L + m * 60L);
                BigDecimal close = BigDecimal.valueOf(100 + day * 10 + m);
                all.add(new Bar("a", Timeframe.M1, t, close, close, close, close, 1));
                if (day == 0) {
                    all.add(new Bar("b", Timeframe.M1, t, close, close, close, close, 1));
                }
            }
        }
        return all;
    }

    private final MemoryMarket market = new MemoryMarket(INSTRUMENTS, () -> minutes().iterator(), Set.of(Timeframe.M5));

    private static Instant day(int day) {
        return MONDAY.truncatedTo(ChronoUnit.DAYS).plusSeconds(day * 86_400L);
    }

    @Test
    void barsBetween_whenInstrumentsOrderedAndLimited_thenTimeThenListOrderUpToTheLimit() {
        List<Bar> read = market.barsBetween(List.of("b", "a", "b"), Timeframe.M1, day(0), day(1), 3);

        assertEquals(List.of("b 07:00", "a 07:00", "b 07:01"),
                read.stream().map(b -> b.instrumentId() + " " + b.openTime().toString().substring(11, 16)).toList());
    }

    @Test
    void latestMinuteClose_whenDaysSkipped_thenTheSkippedMinutesStillCount() {
        market.barsBetween(List.of("a", "b"), Timeframe.M1, day(0), day(1), Integer.MAX_VALUE);
        // Tuesday and Wednesday are not read: a forward jump to Thursday
        market.barsBetween(List.of("a", "b"), Timeframe.M1, day(3), day(4), Integer.MAX_VALUE);

        assertEquals(Optional.of(new BigDecimal("129")), market.latestMinuteClose("a", day(3)));
        assertEquals(Optional.of(new BigDecimal("132")), market.latestMinuteClose("a", MONDAY.plusSeconds(3 * 86_400L + 180)));
        assertEquals(Optional.of(new BigDecimal("109")), market.latestMinuteClose("b", day(4)));
    }

    @Test
    void barsBetween_whenReadAgainFromTheStart_thenTheSameMinutes() {
        List<Bar> first = market.barsBetween(List.of("a"), Timeframe.M1, day(0), day(2), Integer.MAX_VALUE);
        List<Bar> again = market.barsBetween(List.of("a"), Timeframe.M1, day(0), day(2), Integer.MAX_VALUE);

        assertEquals(20, first.size());
        assertEquals(first, again);
        assertEquals(Optional.of(new BigDecimal("119")), market.latestMinuteClose("a", day(2)));
    }

    @Test
    void keptBars_areTheAggregatorsFiveMinuteBars_andOtherTimeframesAreRefused() {
        assertEquals(List.of(new BigDecimal("104"), new BigDecimal("109")),
                market.barsUpTo("a", Timeframe.M5, day(1), 10).stream().map(Bar::close).toList());
        assertEquals(Optional.of(new BigDecimal("109")), market.close("a", Timeframe.M5, MONDAY.plusSeconds(300)));
        assertThrows(IllegalArgumentException.class, () -> market.barsUpTo("a", Timeframe.H1, day(1), 10));
        assertThrows(IllegalArgumentException.class, () -> market.close("a", Timeframe.M15, MONDAY));
    }
}
