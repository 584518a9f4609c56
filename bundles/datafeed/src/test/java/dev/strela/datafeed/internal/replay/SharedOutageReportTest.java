package dev.strela.datafeed.internal.replay;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

import dev.strela.persistence.DatabaseOutage;

class SharedOutageReportTest {

    private static final Duration LIMIT = Duration.ofMinutes(10);

    private final List<String> reported = new ArrayList<>();
    private long nanos;
    private final SharedOutageReport report = new SharedOutageReport(new DatabaseOutage.Listener() {
        @Override
        public void waiting(RuntimeException cause, Duration limit) {
            reported.add("waiting " + cause.getMessage() + " " + limit.toMinutes() + " min");
        }

        @Override
        public void resumed(Duration waited) {
            reported.add("resumed after " + waited.toSeconds() + " s");
        }
    }, () -> nanos);

    @Test
    void bothThreadsWaitForOneOutage_thenItIsReportedOnce_endingWhenTheLastGoesOn_withTheWholeWait() {
        report.waiting(new IllegalStateException("replay thread"), LIMIT);
        nanos += seconds(3);
        report.waiting(new IllegalStateException("reader"), LIMIT);
        nanos += seconds(20);
        report.resumed(Duration.ofSeconds(20));
        assertThat(reported).as("one thread still waits").containsExactly("waiting replay thread 10 min");
        nanos += seconds(4);
        report.resumed(Duration.ofSeconds(24));

        assertThat(reported).containsExactly("waiting replay thread 10 min", "resumed after 27 s");
    }

    @Test
    void twoOutagesOneAfterTheOther_thenEachIsReported() {
        report.waiting(new IllegalStateException("first"), LIMIT);
        nanos += seconds(5);
        report.resumed(Duration.ofSeconds(5));
        report.waiting(new IllegalStateException("second"), LIMIT);
        nanos += seconds(2);
        report.resumed(Duration.ofSeconds(2));

        assertThat(reported).containsExactly("waiting first 10 min", "resumed after 5 s", "waiting second 10 min",
                "resumed after 2 s");
    }

    @Test
    void aResumeWithNoWaitBeforeIt_thenNothingIsReported() {
        report.resumed(Duration.ofSeconds(1));

        assertThat(reported).isEmpty();
    }

    private static long seconds(long s) {
        return Duration.ofSeconds(s).toNanos();
    }
}
