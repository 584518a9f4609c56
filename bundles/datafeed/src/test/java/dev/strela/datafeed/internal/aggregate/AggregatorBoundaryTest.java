package dev.strela.datafeed.internal.aggregate;

import dev.strela.api.model.Bar;
import dev.strela.api.model.Timeframe;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.time.Instant;

import static dev.strela.api.model.Timeframe.D1;
import static dev.strela.api.model.Timeframe.H1;
import static dev.strela.api.model.Timeframe.M15;
import static dev.strela.api.model.Timeframe.M5;
import static dev.strela.datafeed.internal.aggregate.BarAssert.assertBar;
import static dev.strela.datafeed.internal.aggregate.TestMinutes.minute;
import static dev.strela.datafeed.internal.aggregate.TestMinutes.msk;
import static dev.strela.datafeed.internal.aggregate.TestMinutes.sber;
import static org.assertj.core.api.Assertions.assertThat;

/** Bar boundaries, OHLCV rules and session edges. 2024-03-04 is a Monday. */
class AggregatorBoundaryTest {

    private final Aggregator aggregator = new Aggregator(TradingCalendar.moex());
    private final RecordingListener out = new RecordingListener();

    private void feed(Bar... minutes) {
        for (Bar m : minutes) {
            aggregator.onMinute(m, out);
        }
    }

    @Test
    void m5_whenFirstAndLastMinuteArrive_thenOneBarClosedOnTheLastMinuteWithClassicOhlcv() {
        feed(minute("SBER", "2024-03-04T10:00", "100.00", "100.50", "99.90", "100.20", 5),
                minute("SBER", "2024-03-04T10:02", "100.20", "101.50", "100.00", "100.40", 3),
                minute("SBER", "2024-03-04T10:03", "100.40", "100.60", "99.10", "100.50", 4));
        assertThat(out.events).isEmpty();

        feed(minute("SBER", "2024-03-04T10:04", "100.30", "101.00", "100.10", "100.80", 7));

        assertThat(out.closed()).hasSize(1);
        assertBar(out.closed().get(0), M5, "2024-03-04T10:00", "100.00", "101.50", "99.10", "100.80", 19);
    }

    @Test
    void m5_whenMinuteOnTheNextBoundary_thenItStartsTheNextBarAndTheClockClosesThePrevious() {
        feed(sber("2024-03-04T10:03", "100.00", 2), sber("2024-03-04T10:05", "101.00", 3));

        assertThat(out.closed()).hasSize(1);
        assertBar(out.closed().get(0), M5, "2024-03-04T10:00", "100.00", "100.00", "100.00", "100.00", 2);
        feed(sber("2024-03-04T10:09", "102.00", 1));
        assertBar(out.closed(M5).get(1), M5, "2024-03-04T10:05", "101.00", "102.00", "101.00", "102.00", 4);
    }

    @Test
    void m15_whenFirstAndLastMinuteOfBar_thenClosedOnTheLastMinute() {
        feed(sber("2024-03-04T10:15", "100.00", 1), sber("2024-03-04T10:29", "100.10", 2));

        assertThat(out.closed(M15)).hasSize(1);
        assertBar(out.closed(M15).get(0), M15, "2024-03-04T10:15", "100.00", "100.10", "100.00", "100.10", 3);
    }

    @Test
    void h1_whenFirstAndLastMinuteOfBar_thenM5M15H1ClosedInThatOrderOnTheLastMinute() {
        feed(sber("2024-03-04T10:00", "100.00", 1));
        feed(sber("2024-03-04T10:59", "99.00", 2));

        assertThat(out.briefs()).containsExactly(
                "CLOSED SBER 5m 2024-03-04T10:00", // by the clock (10:59 >= 10:05)
                "CLOSED SBER 15m 2024-03-04T10:00",
                "CLOSED SBER 5m 2024-03-04T10:55", // immediately, on its last minute
                "CLOSED SBER 15m 2024-03-04T10:45",
                "CLOSED SBER 1h 2024-03-04T10:00");
        assertBar(out.closed(H1).get(0), H1, "2024-03-04T10:00", "100.00", "100.00", "99.00", "99.00", 3);
    }

    @Test
    void bar_whenMinutesMissing_thenBuiltFromTheMinutesThatExist() {
        feed(sber("2024-03-04T10:01", "100.00", 1), sber("2024-03-04T10:07", "103.00", 2),
                sber("2024-03-04T10:13", "101.00", 4), sber("2024-03-04T10:16", "101.00", 1));

        assertBar(out.closed(M15).get(0), M15, "2024-03-04T10:00", "100.00", "103.00", "100.00", "101.00", 7);
        assertThat(out.closed(M5)).extracting(Bar::openTime)
                .containsExactly(msk("2024-03-04T10:00"), msk("2024-03-04T10:05"), msk("2024-03-04T10:10"));
    }

    @Test
    void bar_whenOnlyOneMinute_thenItsOhlcvIsTheBar() {
        feed(minute("SBER", "2024-03-04T10:02", "100.10", "100.90", "99.80", "100.30", 42),
                sber("2024-03-04T10:05", "100.00", 1));

        Bar bar = out.closed(M5).get(0);
        assertBar(bar, M5, "2024-03-04T10:00", "100.10", "100.90", "99.80", "100.30", 42);
        assertThat(bar.high()).isEqualTo(new BigDecimal("100.90")); // same scale: the minute's own value
    }

    @Test
    void openingAuction_when0950And0959_thenClockAlignedM5M15H1() {
        feed(sber("2024-03-04T09:50", "100.00", 10), sber("2024-03-04T09:59", "101.00", 20));

        assertThat(out.briefs()).containsExactly(
                "CLOSED SBER 5m 2024-03-04T09:50",
                "CLOSED SBER 5m 2024-03-04T09:55",
                "CLOSED SBER 15m 2024-03-04T09:45",
                "CLOSED SBER 1h 2024-03-04T09:00");
        assertBar(out.closed(H1).get(0), H1, "2024-03-04T09:00", "100.00", "101.00", "100.00", "101.00", 30);
        assertBar(out.closed(M15).get(0), M15, "2024-03-04T09:45", "100.00", "101.00", "100.00", "101.00", 30);
    }

    @Test
    void closingAuction_when1845To1849_thenM5ClosedAtOnceAndM15WhenTheEveningSessionMovesTheClock() {
        for (int m = 45; m <= 49; m++) {
            feed(sber("2024-03-04T18:" + m, "280.50", m));
        }
        assertThat(out.briefs()).containsExactly("CLOSED SBER 5m 2024-03-04T18:45");
        assertBar(out.closed(M5).get(0), M5, "2024-03-04T18:45", "280.50", "280.50", "280.50", "280.50", 235);

        feed(sber("2024-03-04T19:05", "281.00", 1));

        assertThat(out.briefs()).contains("CLOSED SBER 15m 2024-03-04T18:45", "CLOSED SBER 1h 2024-03-04T18:00");
        assertBar(out.closed(M15).get(0), M15, "2024-03-04T18:45", "280.50", "280.50", "280.50", "280.50", 235);
    }

    @Test
    void lastMinute_when2349_thenM5M15H1AndD1ClosedAtOnce() {
        feed(sber("2024-03-04T10:00", "100.00", 1));
        aggregator.advanceClock(msk("2024-03-04T23:00"), out); // closes the 10:00 intraday bars
        out.clear();

        feed(sber("2024-03-04T23:49", "98.00", 2));

        assertThat(out.briefs()).containsExactly(
                "CLOSED SBER 5m 2024-03-04T23:45",
                "CLOSED SBER 15m 2024-03-04T23:45",
                "CLOSED SBER 1h 2024-03-04T23:00",
                "CLOSED SBER 1d 2024-03-04T00:00");
        assertBar(out.closed(D1).get(0), D1, "2024-03-04T00:00", "100.00", "100.00", "98.00", "98.00", 3);
        assertThat(out.closed(D1).get(0).openTime()).isEqualTo(Instant.parse("2024-03-03T21:00:00Z"));
    }

    @Test
    void windowEnd_when2350_thenSkippedAsOutsideTheWindow() {
        feed(sber("2024-03-04T23:50", "100.00", 1));

        assertThat(out.skipped()).singleElement()
                .satisfies(e -> assertThat(e.reason()).isEqualTo(Aggregator.SKIP_OUTSIDE_WINDOW));
        assertThat(out.closed()).isEmpty();
    }

    @Test
    void preMarket_when0700To0949_thenSkippedAndNotInTheDailyBar() {
        feed(sber("2024-08-05T07:00", "250.00", 100), sber("2024-08-05T09:49", "300.00", 100),
                sber("2024-08-05T09:59", "280.00", 5), sber("2024-08-05T23:49", "281.00", 6));

        assertThat(out.skipped()).hasSize(2).allSatisfy(e -> assertThat(e.reason())
                .isEqualTo(Aggregator.SKIP_OUTSIDE_WINDOW));
        assertBar(out.closed(D1).get(0), D1, "2024-08-05T00:00", "280.00", "281.00", "280.00", "281.00", 11);
    }

    @Test
    void saturday_whenDealerMinute_thenSkippedAsNotATradingDay() {
        feed(sber("2024-03-02T12:00", "100.00", 1));

        assertThat(out.skipped()).singleElement()
                .satisfies(e -> assertThat(e.reason()).isEqualTo(Aggregator.SKIP_NOT_TRADING_DAY));
    }

    @Test
    void holiday_whenDealerMinute_thenSkippedAsNotATradingDay() {
        feed(sber("2024-03-08T12:00", "100.00", 1));

        assertThat(out.skipped()).singleElement()
                .satisfies(e -> assertThat(e.reason()).isEqualTo(Aggregator.SKIP_NOT_TRADING_DAY));
    }

    @Test
    void workingSaturday_whenExchangeMinutes_thenAggregatedIntoItsDailyBar() {
        feed(sber("2024-04-27T09:59", "300.00", 1), sber("2024-04-27T23:49", "301.00", 2));

        assertThat(out.skipped()).isEmpty();
        assertBar(out.closed(D1).get(0), D1, "2024-04-27T00:00", "300.00", "301.00", "300.00", "301.00", 3);
    }

    @Test
    void nonMinuteCandle_whenTimeframeNotM1_thenSkipped() {
        Bar fiveMinutes = new Bar("SBER", Timeframe.M5, msk("2024-03-04T10:00"), BigDecimal.ONE, BigDecimal.ONE,
                BigDecimal.ONE, BigDecimal.ONE, 1);

        aggregator.onMinute(fiveMinutes, out);

        assertThat(out.skipped()).singleElement()
                .satisfies(e -> assertThat(e.reason()).isEqualTo(Aggregator.SKIP_NOT_A_MINUTE));
        assertThat(aggregator.feedClock()).isEqualTo(Instant.MIN);
    }

    @Test
    void mskConversion_whenJanuaryAndJulyDay_thenSameUtcBoundariesBecauseNoDst() {
        feed(sber("2024-01-15T10:59", "100.00", 1), sber("2024-07-15T10:59", "100.00", 1));

        assertThat(out.closed(H1)).extracting(Bar::openTime).containsExactly(
                Instant.parse("2024-01-15T07:00:00Z"), Instant.parse("2024-07-15T07:00:00Z"));
        assertThat(out.closed(D1)).extracting(Bar::openTime).containsExactly(Instant.parse("2024-01-14T21:00:00Z"));
    }
}
