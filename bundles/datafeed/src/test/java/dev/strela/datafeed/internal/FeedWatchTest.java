package dev.strela.datafeed.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;

import org.junit.jupiter.api.Test;

import dev.strela.datafeed.internal.FeedWatch.Event;
import dev.strela.datafeed.internal.aggregate.TradingCalendar;

class FeedWatchTest {

    /** Monday 2024-03-04 11:00 MSK. */
    private static final Instant MORNING = Instant.parse("2024-03-04T08:00:00Z");
    private final FeedWatch watch = new FeedWatch(TradingCalendar.moex(), Duration.ofSeconds(90), Duration.ofMinutes(5));

    @Test
    void check_whenSilentOneSecondOverTheLimitDuringTrading_thenDownOnce() {
        watch.started(MORNING);

        assertThat(watch.check(MORNING.plusSeconds(90))).isEmpty();
        assertThat(watch.check(MORNING.plusSeconds(91))).contains(Event.DOWN);
        assertThat(watch.check(MORNING.plusSeconds(200))).as("reported once per outage").isEmpty();
        assertThat(watch.isDown()).isTrue();
    }

    @Test
    void onCandle_afterDown_thenRecovered() {
        watch.started(MORNING);
        watch.check(MORNING.plusSeconds(120));

        assertThat(watch.onCandle(MORNING.plusSeconds(120), MORNING.plusSeconds(125))).contains(Event.RECOVERED);
        assertThat(watch.isDown()).isFalse();
    }

    @Test
    void check_whenSilentOnSaturday_thenNotDown() {
        Instant saturday = Instant.parse("2024-03-09T08:00:00Z");
        watch.started(saturday);

        assertThat(watch.check(saturday.plusSeconds(3600))).isEmpty();
    }

    @Test
    void check_whenSilentAfterTheEveningSession_thenNotDown() {
        Instant late = Instant.parse("2024-03-04T20:49:00Z"); // 23:49 MSK
        watch.started(late);

        assertThat(watch.check(late.plusSeconds(600))).isEmpty();
    }

    @Test
    void onCandle_whenFiveMinutesMissing_thenNoGapButSixMissingIsAGap() {
        watch.started(MORNING);
        watch.onCandle(MORNING, MORNING.plusSeconds(60));

        // 11:01 ... 11:05 missing: exactly the limit
        assertThat(watch.onCandle(MORNING.plusSeconds(360), MORNING.plusSeconds(400))).isEmpty();
        // 11:07 ... 11:12 missing: one minute over
        assertThat(watch.onCandle(MORNING.plusSeconds(780), MORNING.plusSeconds(800))).contains(Event.GAP);
    }

    @Test
    void onCandle_acrossTheEveningBreak_thenNoGap() {
        Instant closingAuction = Instant.parse("2024-03-04T15:49:00Z"); // 18:49 MSK
        Instant evening = Instant.parse("2024-03-04T16:05:00Z");        // 19:05 MSK
        watch.started(closingAuction);
        watch.onCandle(closingAuction, closingAuction.plusSeconds(60));

        assertThat(watch.onCandle(evening, evening.plusSeconds(60))).isEmpty();
        assertThat(watch.tradingGap(closingAuction, evening)).isEqualTo(Duration.ZERO);
    }

    @Test
    void onCandle_whenOvernightJump_thenNoGap() {
        Instant lastEvening = Instant.parse("2024-03-04T20:49:00Z");
        Instant nextMorning = Instant.parse("2024-03-05T06:59:00Z"); // 09:59 MSK auction minute
        watch.started(lastEvening);
        watch.onCandle(lastEvening, lastEvening.plusSeconds(60));

        assertThat(watch.onCandle(nextMorning, nextMorning.plusSeconds(60))).isEmpty();
    }
}
