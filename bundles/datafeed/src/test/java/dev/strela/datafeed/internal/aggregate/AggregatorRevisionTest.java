package dev.strela.datafeed.internal.aggregate;

import dev.strela.api.model.Bar;
import org.junit.jupiter.api.Test;

import static dev.strela.api.model.Timeframe.D1;
import static dev.strela.api.model.Timeframe.H1;
import static dev.strela.api.model.Timeframe.M15;
import static dev.strela.api.model.Timeframe.M5;
import static dev.strela.datafeed.internal.aggregate.BarAssert.assertBar;
import static dev.strela.datafeed.internal.aggregate.TestMinutes.minute;
import static dev.strela.datafeed.internal.aggregate.TestMinutes.sber;
import static org.assertj.core.api.Assertions.assertThat;

/** Late, duplicate and out-of-order minutes, and the revision horizon. 2024-03-04 is a Monday. */
class AggregatorRevisionTest {

    private final Aggregator aggregator = new Aggregator(TradingCalendar.moex());
    private final RecordingListener out = new RecordingListener();

    private void feed(Bar... minutes) {
        for (Bar m : minutes) {
            aggregator.onMinute(m, out);
        }
    }

    @Test
    void lateMinute_whenBarAlreadyClosed_thenRevisedOnceAndNeverClosedAgain() {
        feed(sber("2024-03-04T10:00", "100.00", 5), sber("2024-03-04T10:04", "101.00", 7));
        assertThat(out.briefs()).containsExactly("CLOSED SBER 5m 2024-03-04T10:00");
        out.clear();

        feed(sber("2024-03-04T10:02", "102.00", 3));

        assertThat(out.briefs()).containsExactly("REVISED SBER 5m 2024-03-04T10:00");
        assertBar(out.revised().get(0), M5, "2024-03-04T10:00", "100.00", "102.00", "100.00", "101.00", 15);
    }

    @Test
    void lateMinute_whenBarClosedByTheClock_thenRevised() {
        feed(sber("2024-03-04T10:01", "100.00", 1), sber("2024-03-04T10:06", "100.00", 1));
        out.clear();

        feed(sber("2024-03-04T10:03", "99.00", 2));

        assertThat(out.briefs()).containsExactly("REVISED SBER 5m 2024-03-04T10:00");
        assertBar(out.revised().get(0), M5, "2024-03-04T10:00", "100.00", "100.00", "99.00", "99.00", 3);
    }

    @Test
    void correctedDuplicate_whenBarClosed_thenReplacesTheMinuteInsteadOfAddingIt() {
        feed(sber("2024-03-04T10:00", "100.00", 5), sber("2024-03-04T10:04", "101.00", 7));
        out.clear();

        feed(minute("SBER", "2024-03-04T10:04", "101.00", "102.00", "100.50", "101.50", 9));

        assertThat(out.briefs()).containsExactly("REVISED SBER 5m 2024-03-04T10:00");
        assertBar(out.revised().get(0), M5, "2024-03-04T10:00", "100.00", "102.00", "100.00", "101.50", 14);
    }

    @Test
    void correctedDuplicate_whenBarOpen_thenReplacesTheMinuteWithoutEvents() {
        feed(minute("SBER", "2024-03-04T10:01", "100.00", "105.00", "99.00", "100.00", 5),
                sber("2024-03-04T10:02", "100.00", 7),
                minute("SBER", "2024-03-04T10:01", "100.00", "100.50", "99.50", "100.00", 3));
        assertThat(out.events).isEmpty();

        feed(sber("2024-03-04T10:05", "100.00", 1));

        assertBar(out.closed(M5).get(0), M5, "2024-03-04T10:00", "100.00", "100.50", "99.50", "100.00", 10);
    }

    @Test
    void identicalDuplicate_whenSameValuesOtherScale_thenNothingReported() {
        feed(sber("2024-03-04T10:00", "100.00", 5), sber("2024-03-04T10:04", "101.00", 7));
        out.clear();

        feed(sber("2024-03-04T10:04", "101.0", 7), sber("2024-03-04T10:00", "100", 5));

        assertThat(out.events).isEmpty();
    }

    @Test
    void outOfOrderMinutes_insideTheOpenBar_thenOpenIsTheEarliestAndCloseTheLatest() {
        feed(sber("2024-03-04T10:03", "103.00", 1), sber("2024-03-04T10:01", "101.00", 1),
                sber("2024-03-04T10:02", "102.00", 1), sber("2024-03-04T10:05", "100.00", 1));

        assertBar(out.closed(M5).get(0), M5, "2024-03-04T10:00", "101.00", "103.00", "101.00", "103.00", 3);
    }

    @Test
    void lateMinute_whenItsBarNeverExisted_thenClosedOnceAndRevisedAfter() {
        feed(sber("2024-03-04T10:01", "100.00", 1), sber("2024-03-04T10:12", "100.00", 1));
        out.clear();

        feed(sber("2024-03-04T10:07", "99.00", 2));
        feed(sber("2024-03-04T10:08", "98.00", 3));

        assertThat(out.briefs()).containsExactly(
                "CLOSED SBER 5m 2024-03-04T10:05", "REVISED SBER 5m 2024-03-04T10:05");
        assertBar(out.revised().get(0), M5, "2024-03-04T10:05", "99.00", "99.00", "98.00", "98.00", 5);
    }

    @Test
    void lateMinute_whenPreviousTradingDay_thenNewIntradayBarsClosedAndDailyBarRevised() {
        feed(sber("2024-03-04T10:00", "100.00", 1), sber("2024-03-04T23:49", "101.00", 1),
                sber("2024-03-05T10:00", "102.00", 1));
        out.clear();

        feed(sber("2024-03-04T12:00", "90.00", 4));

        assertThat(out.briefs()).containsExactly(
                "CLOSED SBER 5m 2024-03-04T12:00",
                "CLOSED SBER 15m 2024-03-04T12:00",
                "CLOSED SBER 1h 2024-03-04T12:00",
                "REVISED SBER 1d 2024-03-04T00:00");
        assertBar(out.revised().get(0), D1, "2024-03-04T00:00", "100.00", "101.00", "90.00", "101.00", 6);
    }

    @Test
    void lateMinute_whenOlderThanTheHorizon_thenSkippedAsTooLate() {
        feed(sber("2024-03-04T10:00", "100.00", 1), sber("2024-03-05T10:00", "100.00", 1),
                sber("2024-03-06T10:00", "100.00", 1));
        out.clear();

        feed(sber("2024-03-04T10:01", "100.00", 1));

        assertThat(out.skipped()).singleElement()
                .satisfies(e -> assertThat(e.reason()).isEqualTo(Aggregator.SKIP_TOO_LATE));
        assertThat(out.events).hasSize(1);
    }

    @Test
    void lateMinute_whenHorizonOfThreeDays_thenStillRevised() {
        Aggregator wide = new Aggregator(TradingCalendar.moex(), 3);
        for (Bar m : new Bar[] {sber("2024-03-04T10:00", "100.00", 1), sber("2024-03-05T10:00", "100.00", 1),
                sber("2024-03-06T10:00", "100.00", 1), sber("2024-03-04T10:01", "100.00", 1)}) {
            wide.onMinute(m, out);
        }

        assertThat(out.revised()).extracting(Bar::timeframe).containsExactly(M5, M15, H1, D1);
    }

    @Test
    void lateMinute_whenPreviousTradingDayIsBeforeAHolidayAndWeekend_thenStillInsideTheHorizon() {
        // 2024-03-07 Thursday; 03-08 holiday, 03-09/10 weekend; 03-11 Monday
        feed(sber("2024-03-07T10:00", "100.00", 1), sber("2024-03-11T10:00", "100.00", 1));
        out.clear();

        feed(sber("2024-03-07T10:01", "100.00", 1));

        assertThat(out.skipped()).isEmpty();
        assertThat(out.revised()).extracting(Bar::timeframe).containsExactly(M5, M15, H1, D1);
    }
}
