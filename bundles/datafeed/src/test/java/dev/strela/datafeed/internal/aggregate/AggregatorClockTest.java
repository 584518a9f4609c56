package dev.strela.datafeed.internal.aggregate;

import dev.strela.api.model.Bar;
import org.junit.jupiter.api.Test;

import java.time.Instant;

import static dev.strela.api.model.Timeframe.M5;
import static dev.strela.datafeed.internal.aggregate.BarAssert.assertBar;
import static dev.strela.datafeed.internal.aggregate.TestMinutes.minute;
import static dev.strela.datafeed.internal.aggregate.TestMinutes.msk;
import static dev.strela.datafeed.internal.aggregate.TestMinutes.sber;
import static org.assertj.core.api.Assertions.assertThat;

/** The feed clock, immediate closes and the order of reports. 2024-03-04 is a Monday. */
class AggregatorClockTest {

    private final Aggregator aggregator = new Aggregator(TradingCalendar.moex());
    private final RecordingListener out = new RecordingListener();

    private void feed(Bar... minutes) {
        for (Bar m : minutes) {
            aggregator.onMinute(m, out);
        }
    }

    @Test
    void feedClock_whenNoData_thenInstantMin() {
        assertThat(aggregator.feedClock()).isEqualTo(Instant.MIN);
    }

    @Test
    void feedClock_whenMinutesOfSeveralInstruments_thenLatestMinuteStartAndNeverBackwards() {
        feed(sber("2024-03-04T10:03", "100.00", 1), minute("GAZP", "2024-03-04T10:07", "150.00", 1),
                sber("2024-03-04T10:05", "100.00", 1));

        assertThat(aggregator.feedClock()).isEqualTo(msk("2024-03-04T10:07"));
    }

    @Test
    void feedClock_whenAnotherInstrumentMovesPastTheEnd_thenTheIlliquidBarCloses() {
        feed(sber("2024-03-04T10:01", "100.00", 3), minute("GAZP", "2024-03-04T10:00", "150.00", 1),
                minute("GAZP", "2024-03-04T10:03", "151.00", 1));
        assertThat(out.events).isEmpty();

        feed(minute("GAZP", "2024-03-04T10:05", "152.00", 1));

        assertThat(out.briefs()).containsExactly("CLOSED SBER 5m 2024-03-04T10:00", "CLOSED GAZP 5m 2024-03-04T10:00");
        assertBar(out.closed(M5).get(0), M5, "2024-03-04T10:00", "100.00", "100.00", "100.00", "100.00", 3);
    }

    @Test
    void advanceClock_whenWallTimeReachesTheEnd_thenBarClosesAndNotBefore() {
        feed(sber("2024-03-04T10:01", "100.00", 3));

        aggregator.advanceClock(msk("2024-03-04T10:04").plusSeconds(59), out);
        assertThat(out.events).isEmpty();
        aggregator.advanceClock(msk("2024-03-04T10:05"), out);

        assertThat(out.briefs()).containsExactly("CLOSED SBER 5m 2024-03-04T10:00");
        assertThat(aggregator.feedClock()).isEqualTo(msk("2024-03-04T10:05"));
    }

    @Test
    void advanceClock_whenEarlierThanTheFeedClock_thenIgnored() {
        feed(sber("2024-03-04T10:03", "100.00", 1));

        aggregator.advanceClock(msk("2024-03-04T10:00"), out);

        assertThat(aggregator.feedClock()).isEqualTo(msk("2024-03-04T10:03"));
        assertThat(out.events).isEmpty();
    }

    @Test
    void lastMinuteOfBar_whenItArrives_thenClosedWithoutWaitingForTheClock() {
        feed(sber("2024-03-04T10:02", "100.00", 1), sber("2024-03-04T10:04", "101.00", 1));

        assertThat(out.briefs()).containsExactly("CLOSED SBER 5m 2024-03-04T10:00");
        assertThat(aggregator.feedClock()).isEqualTo(msk("2024-03-04T10:04"));
    }

    @Test
    void skippedMinute_whenNextMorningPreMarket_thenStillMovesTheClockAndClosesYesterdaysBars() {
        feed(sber("2024-03-04T23:30", "100.00", 1));

        feed(minute("GAZP", "2024-03-05T07:00", "150.00", 1));

        assertThat(out.briefs()).containsExactly(
                "CLOSED SBER 5m 2024-03-04T23:30",
                "CLOSED SBER 15m 2024-03-04T23:30",
                "CLOSED SBER 1h 2024-03-04T23:00",
                "CLOSED SBER 1d 2024-03-04T00:00",
                "SKIPPED GAZP 1m 2024-03-05T07:00");
    }

    @Test
    void manyBarsClosing_whenClockJumps_thenOrderedByEndThenTimeframeThenArrival() {
        feed(minute("AFLT", "2024-03-04T10:44", "50.00", 1), minute("GAZP", "2024-03-04T10:52", "150.00", 1),
                sber("2024-03-04T10:53", "100.00", 1));
        out.clear();

        aggregator.advanceClock(msk("2024-03-04T11:00"), out);

        assertThat(out.briefs()).containsExactly(
                "CLOSED GAZP 5m 2024-03-04T10:50",
                "CLOSED SBER 5m 2024-03-04T10:50",
                "CLOSED GAZP 15m 2024-03-04T10:45",
                "CLOSED SBER 15m 2024-03-04T10:45",
                "CLOSED AFLT 1h 2024-03-04T10:00",
                "CLOSED GAZP 1h 2024-03-04T10:00",
                "CLOSED SBER 1h 2024-03-04T10:00");
    }

    @Test
    void sessionEnd_whenSeveralInstrumentsStillOpen_thenAllTimeframesIncludingD1InOrder() {
        feed(sber("2024-03-04T23:47", "100.00", 1), minute("GAZP", "2024-03-04T23:48", "150.00", 1));

        aggregator.advanceClock(msk("2024-03-04T23:50"), out);

        assertThat(out.briefs()).containsExactly(
                "CLOSED SBER 5m 2024-03-04T23:45",
                "CLOSED GAZP 5m 2024-03-04T23:45",
                "CLOSED SBER 15m 2024-03-04T23:45",
                "CLOSED GAZP 15m 2024-03-04T23:45",
                "CLOSED SBER 1h 2024-03-04T23:00",
                "CLOSED GAZP 1h 2024-03-04T23:00",
                "CLOSED SBER 1d 2024-03-04T00:00",
                "CLOSED GAZP 1d 2024-03-04T00:00");
    }

    @Test
    void minuteOfAnInstrumentLaggingTheClock_whenItsBarAlreadyEnded_thenOpenedAndClosedAtOnce() {
        feed(minute("GAZP", "2024-03-04T10:10", "150.00", 1));

        feed(sber("2024-03-04T10:02", "100.00", 2));

        assertThat(out.briefs()).containsExactly("CLOSED SBER 5m 2024-03-04T10:00");
        feed(sber("2024-03-04T10:03", "101.00", 1));
        assertThat(out.revised()).singleElement().satisfies(b ->
                assertBar(b, M5, "2024-03-04T10:00", "100.00", "101.00", "100.00", "101.00", 3));
    }
}
