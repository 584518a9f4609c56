package dev.strela.datafeed.internal.demo;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.Optional;

import org.junit.jupiter.api.Test;

import dev.strela.datafeed.internal.aggregate.TradingCalendar;
import dev.strela.datafeed.internal.source.SyntheticGenerator;

class DemoClockTest {

    private static final TradingCalendar MOEX = TradingCalendar.moex();
    /** Monday. */
    private static final LocalDate START = LocalDate.of(2024, 3, 4);
    private final DemoClock clock = new DemoClock(MOEX, START, SyntheticGenerator.sessionTimes());

    @Test
    void first_whenStartDateTrades_thenTenOClockMoscowThatDay() {
        DemoClock.Minute first = clock.first();

        assertThat(first.time()).isEqualTo(Instant.parse("2024-03-04T07:00:00Z"));
        assertThat(first.dayIndex()).isZero();
        assertThat(first.day()).isEqualTo(START);
    }

    @Test
    void first_whenStartDateIsASaturday_thenTenOClockOfTheNextTradingDay() {
        DemoClock saturday = new DemoClock(MOEX, LocalDate.of(2024, 3, 9), SyntheticGenerator.sessionTimes());

        assertThat(saturday.first().time()).isEqualTo(msk("2024-03-11T10:00"));
    }

    @Test
    void next_thenOneMinuteAfterAnother() {
        DemoClock.Minute m = clock.first();
        for (int i = 1; i <= 30; i++) {
            m = clock.next(m);
            assertThat(m.time()).isEqualTo(msk("2024-03-04T10:00").plusSeconds(60L * i));
        }
    }

    @Test
    void next_thenSkipsTheBreaksBetweenSessions() {
        assertThat(clock.next(at("2024-03-04T18:39")).time()).isEqualTo(msk("2024-03-04T18:45"));
        assertThat(clock.next(at("2024-03-04T18:49")).time()).isEqualTo(msk("2024-03-04T19:05"));
    }

    @Test
    void next_afterTheLastMinuteOfTheDay_thenOpeningAuctionOfTheNextTradingDay() {
        DemoClock.Minute last = at("2024-03-04T23:49");

        DemoClock.Minute next = clock.next(last);

        assertThat(next.time()).isEqualTo(msk("2024-03-05T09:59"));
        assertThat(next.dayIndex()).isEqualTo(last.dayIndex() + 1);
    }

    @Test
    void next_beforeAHolidayAndAWeekend_thenTheirMinutesAreSkipped() {
        // 2024-03-08 (Friday) is a MOEX holiday
        DemoClock.Minute thursday = at("2024-03-07T23:49");

        DemoClock.Minute next = clock.next(thursday);

        assertThat(next.time()).isEqualTo(msk("2024-03-11T09:59"));
        assertThat(next.dayIndex()).isEqualTo(4);
    }

    @Test
    void next_beforeAWorkingSaturday_thenTheSaturdayTrades() {
        DemoClock april = new DemoClock(MOEX, LocalDate.of(2024, 4, 26), SyntheticGenerator.sessionTimes());
        DemoClock.Minute friday = april.resumeAfter(Optional.of(msk("2024-04-26T23:48")));

        assertThat(april.next(friday).time()).isEqualTo(msk("2024-04-27T09:59"));
    }

    @Test
    void next_overAWeek_thenEveryMinuteIsAnExchangeMinuteInOrder() {
        DemoClock.Minute m = clock.first();
        int count = 0;
        while (m.day().isBefore(LocalDate.of(2024, 3, 12))) {
            DemoClock.Minute next = clock.next(m);
            assertThat(MOEX.isExchangeMinute(m.time())).as("%s", m).isTrue();
            assertThat(next.time()).isAfter(m.time());
            m = next;
            count++;
        }
        // Mon 10:00-23:49 (810 minutes), Tue, Wed, Thu, Mon 811 each; Friday the 8th is a holiday
        assertThat(count).isEqualTo(810 + 4 * SyntheticGenerator.minutesPerDay());
    }

    @Test
    void resumeAfter_whenNothingStored_thenTheFirstMinute() {
        assertThat(clock.resumeAfter(Optional.empty())).isEqualTo(clock.first());
    }

    @Test
    void resumeAfter_whenTheLastStoredMinuteIsBeforeTheStartDate_thenTheFirstMinute() {
        assertThat(clock.resumeAfter(Optional.of(msk("2024-02-29T15:00")))).isEqualTo(clock.first());
    }

    @Test
    void resumeAfter_thenTheMinuteAfterTheLastStored() {
        assertThat(clock.resumeAfter(Optional.of(msk("2024-03-04T10:37"))).time()).isEqualTo(msk("2024-03-04T10:38"));
        assertThat(clock.resumeAfter(Optional.of(msk("2024-03-04T18:42"))).time()).isEqualTo(msk("2024-03-04T18:45"));
    }

    @Test
    void resumeAfter_anyMinuteOfSeveralDays_thenSameAsNext() {
        DemoClock.Minute m = clock.first();
        for (int i = 0; i < 5 * SyntheticGenerator.minutesPerDay(); i++) {
            DemoClock.Minute next = clock.next(m);
            assertThat(clock.resumeAfter(Optional.of(m.time()))).as("after %s", m).isEqualTo(next);
            m = next;
        }
    }

    private DemoClock.Minute at(String mskTime) {
        DemoClock.Minute m = clock.resumeAfter(Optional.of(msk(mskTime).minusSeconds(60)));
        assertThat(m.time()).isEqualTo(msk(mskTime));
        return m;
    }

    static Instant msk(String localDateTime) {
        return LocalDateTime.parse(localDateTime).toInstant(TradingCalendar.MSK);
    }
}
