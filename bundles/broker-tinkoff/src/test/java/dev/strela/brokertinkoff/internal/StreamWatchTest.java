package dev.strela.brokertinkoff.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;

import org.junit.jupiter.api.Test;

import dev.strela.api.model.SessionHours;
import dev.strela.brokertinkoff.internal.StreamWatch.Verdict;

/** The watch cycle by cycle on a given clock: one below and one at each limit. */
class StreamWatchTest {

    /** Monday 10:00 MSK. */
    private static final Instant OPEN = Instant.parse("2024-06-03T07:00:00Z");
    private final StreamWatch watch = new StreamWatch(SessionHours.parse("candleWatchHours", "09:50-23:50"), Duration.ofSeconds(30));

    @Test
    void check_whenQuietDuringTradingHours_thenProbedAtHalfTheLimitOnceAndSilentAtTheLimit() {
        watch.opened(OPEN);

        assertThat(watch.check(OPEN.plusMillis(14_999))).isEqualTo(Verdict.OK);
        assertThat(watch.check(OPEN.plusSeconds(15))).isEqualTo(Verdict.PROBE);
        assertThat(watch.check(OPEN.plusSeconds(20))).as("one probe per quiet spell").isEqualTo(Verdict.OK);
        assertThat(watch.check(OPEN.plusMillis(29_999))).isEqualTo(Verdict.OK);
        assertThat(watch.check(OPEN.plusSeconds(30))).isEqualTo(Verdict.SILENT);
    }

    @Test
    void check_whenTheProbeIsAnswered_thenTheQuietSpellStartsAgain() {
        watch.opened(OPEN);
        assertThat(watch.check(OPEN.plusSeconds(15))).isEqualTo(Verdict.PROBE);

        watch.onMessage(OPEN.plusSeconds(16));

        assertThat(watch.check(OPEN.plusMillis(30_999))).isEqualTo(Verdict.OK);
        assertThat(watch.check(OPEN.plusSeconds(31))).isEqualTo(Verdict.PROBE);
        assertThat(watch.check(OPEN.plusMillis(45_999))).isEqualTo(Verdict.OK);
        assertThat(watch.check(OPEN.plusSeconds(46))).isEqualTo(Verdict.SILENT);
    }

    @Test
    void check_whenQuietAllNight_thenNeitherProbedNorSilentAtNightNorAtTheOpening() {
        Instant evening = Instant.parse("2024-06-03T20:49:00Z");   // 23:49 MSK
        watch.opened(evening);
        Instant night = Instant.parse("2024-06-04T00:00:00Z");    // 03:00 MSK
        Instant opening = Instant.parse("2024-06-04T06:50:00Z");  // 09:50 MSK

        assertThat(watch.check(night)).isEqualTo(Verdict.OK);
        assertThat(watch.check(opening.minusSeconds(1))).isEqualTo(Verdict.OK);
        assertThat(watch.check(opening)).as("silence counts from the opening").isEqualTo(Verdict.OK);
        assertThat(watch.check(opening.plusSeconds(15))).isEqualTo(Verdict.PROBE);
        assertThat(watch.check(opening.plusSeconds(30))).isEqualTo(Verdict.SILENT);
    }

    @Test
    void check_whenNotOpenedYet_thenOk() {
        assertThat(watch.check(OPEN.plusSeconds(3600))).isEqualTo(Verdict.OK);
    }
}
