package dev.strela.datafeed.internal.demo;

import static dev.strela.datafeed.internal.demo.DemoClockTest.msk;
import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import org.junit.jupiter.api.Test;

import dev.strela.api.model.Bar;
import dev.strela.api.model.Timeframe;
import dev.strela.datafeed.internal.aggregate.TradingCalendar;
import dev.strela.datafeed.internal.source.SyntheticGenerator;

class DemoCandlesTest {

    private static final List<String> IDS = DemoSetup.instrumentIds(3);
    private static final BigDecimal TICK = new BigDecimal("0.01");
    private final DemoClock clock = new DemoClock(TradingCalendar.moex(), LocalDate.of(2024, 3, 4),
            SyntheticGenerator.sessionTimes());

    @Test
    void at_thenAtMostOneCandlePerInstrumentDatedToTheSimulatedMinute() {
        DemoCandles candles = new DemoCandles(42, IDS, TICK);
        DemoClock.Minute m = clock.first();
        int total = 0;
        for (int i = 0; i < 200; i++, m = clock.next(m)) {
            List<Bar> batch = candles.at(m);
            assertThat(batch).extracting(Bar::instrumentId).doesNotHaveDuplicates().isSubsetOf(IDS);
            for (Bar bar : batch) {
                assertThat(bar.openTime()).isEqualTo(m.time());
                assertThat(bar.timeframe()).isEqualTo(Timeframe.M1);
            }
            total += batch.size();
        }
        assertThat(total).as("now and then a quiet minute has no candle").isBetween(550, 600);
    }

    @Test
    void at_whenSameSeed_thenSameCandles_andAnotherSeedGivesOthers() {
        assertThat(walk(new DemoCandles(42, IDS, TICK), clock.first(), 100))
                .isEqualTo(walk(new DemoCandles(42, IDS, TICK), clock.first(), 100))
                .isNotEqualTo(walk(new DemoCandles(43, IDS, TICK), clock.first(), 100));
    }

    @Test
    void at_whenANewInstanceStartsLater_thenItContinuesTheSamePath() {
        // across the holiday of 2024-03-08: the minutes of 03-07 evening and 03-11 morning
        DemoClock.Minute from = clock.resumeAfter(Optional.of(msk("2024-03-07T23:30")));
        List<List<Bar>> continuous = walk(new DemoCandles(42, IDS, TICK), clock.first(),
                indexOf(from) + 60).subList(indexOf(from), indexOf(from) + 60);

        List<List<Bar>> restarted = walk(new DemoCandles(42, IDS, TICK), from, 60);

        assertThat(restarted).isEqualTo(continuous);
        assertThat(restarted.get(59)).first().extracting(Bar::openTime).isEqualTo(msk("2024-03-11T10:39"));
    }

    @Test
    void at_overADay_thenEachMainSessionCandleOpensAtThePreviousClose() {
        DemoCandles candles = new DemoCandles(42, List.of("sim-1"), TICK);
        Bar previous = null;
        DemoClock.Minute m = clock.first();
        int checked = 0;
        for (int i = 0; i < 500; i++, m = clock.next(m)) {
            for (Bar bar : candles.at(m)) {
                if (previous != null && previous.openTime().plusSeconds(60).equals(bar.openTime())) {
                    assertThat(bar.open()).as("%s", bar.openTime()).isEqualByComparingTo(previous.close());
                    checked++;
                }
                previous = bar;
            }
        }
        assertThat(checked).isGreaterThan(400);
    }

    @Test
    void generatorTime_thenTheKthWeekdayOfTheGeneratorAtTheSameMoscowTime() {
        DemoClock.Minute tuesday = clock.resumeAfter(Optional.of(msk("2024-03-05T11:59")));
        DemoClock.Minute nextMonday = clock.resumeAfter(Optional.of(msk("2024-03-11T11:59")));
        DemoClock.Minute nextTuesday = clock.resumeAfter(Optional.of(msk("2024-03-12T11:59")));

        assertThat(DemoCandles.generatorTime(clock.first())).isEqualTo(msk("2024-01-01T10:00"));
        assertThat(DemoCandles.generatorTime(tuesday)).isEqualTo(msk("2024-01-02T12:00"));
        // 03-08 is a holiday: Monday 03-11 is the demo's 5th trading day, the generator's 5th weekday (Friday 01-05)
        assertThat(DemoCandles.generatorTime(nextMonday)).isEqualTo(msk("2024-01-05T12:00"));
        assertThat(DemoCandles.generatorTime(nextTuesday)).isEqualTo(msk("2024-01-08T12:00"));
    }

    private List<List<Bar>> walk(DemoCandles candles, DemoClock.Minute from, int minutes) {
        List<List<Bar>> out = new ArrayList<>();
        DemoClock.Minute m = from;
        for (int i = 0; i < minutes; i++, m = clock.next(m)) {
            out.add(candles.at(m));
        }
        return out;
    }

    private int indexOf(DemoClock.Minute target) {
        DemoClock.Minute m = clock.first();
        int i = 0;
        while (!m.equals(target)) {
            m = clock.next(m);
            i++;
        }
        return i;
    }
}
