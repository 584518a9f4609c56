package dev.strela.brokertinkoff.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.atomic.AtomicInteger;

import io.grpc.Metadata;
import io.grpc.Status;
import org.junit.jupiter.api.Test;

class RetrierTest {

    private final List<Duration> pauses = new ArrayList<>();
    private final Retrier retrier = new Retrier(4, Duration.ofMillis(100), Duration.ofMillis(1000), new Random(7), pauses::add);

    @Test
    void call_whenUnavailableTwiceThenAnswers_thenThirdAttemptsResultAfterGrowingPauses() throws Exception {
        AtomicInteger attempts = new AtomicInteger();

        String result = retrier.call("post order", () -> {
            if (attempts.incrementAndGet() < 3) {
                throw Status.UNAVAILABLE.withDescription("connection reset").asRuntimeException();
            }
            return "ok";
        });

        assertThat(result).isEqualTo("ok");
        assertThat(attempts).hasValue(3);
        assertThat(pauses).hasSize(2);
        assertThat(pauses.get(0)).isBetween(Duration.ofMillis(1), Duration.ofMillis(101));
        assertThat(pauses.get(1)).isBetween(Duration.ofMillis(1), Duration.ofMillis(201));
    }

    @Test
    void call_whenAlwaysDeadlineExceeded_thenFailureAfterLastAttemptWithEverything() {
        AtomicInteger attempts = new AtomicInteger();

        assertThatThrownBy(() -> retrier.call("post order X", () -> {
            attempts.incrementAndGet();
            throw Status.DEADLINE_EXCEEDED.withDescription("deadline exceeded after 3s").asRuntimeException();
        })).isInstanceOfSatisfying(Retrier.Failure.class, f -> {
            assertThat(f.attempts()).isEqualTo(4);
            assertThat(f.retryable()).isTrue();
            assertThat(f.status()).isEqualTo(Status.Code.DEADLINE_EXCEEDED);
            assertThat(f.getMessage()).contains("post order X failed after 4 attempt(s)").contains("DEADLINE_EXCEEDED")
                    .contains("deadline exceeded after 3s");
        });
        assertThat(attempts).hasValue(4);
        assertThat(pauses).hasSize(3).allSatisfy(p -> assertThat(p).isLessThanOrEqualTo(Duration.ofMillis(1001)));
    }

    @Test
    void call_whenOrderRejected_thenNotRepeated() {
        AtomicInteger attempts = new AtomicInteger();

        assertThatThrownBy(() -> retrier.call("post order", () -> {
            attempts.incrementAndGet();
            throw Status.INVALID_ARGUMENT.withDescription("30079").asRuntimeException();
        })).isInstanceOfSatisfying(Retrier.Failure.class, f -> {
            assertThat(f.retryable()).isFalse();
            assertThat(f.tinkoffCode()).isEqualTo("30079");
        });
        assertThat(attempts).hasValue(1);
        assertThat(pauses).isEmpty();
    }

    @Test
    void pause_whenServerSaysWhenItsLimitResets_thenWaitsAtLeastThat() {
        Metadata trailers = new Metadata();
        trailers.put(Metadata.Key.of("x-ratelimit-reset", Metadata.ASCII_STRING_MARSHALLER), "7");

        Duration pause = retrier.pause(1, Status.RESOURCE_EXHAUSTED.asRuntimeException(trailers));

        assertThat(pause).isEqualTo(Duration.ofSeconds(7));
    }

    @Test
    void pause_whenManyAttempts_thenNeverAboveTheMaximum() {
        for (int attempt = 1; attempt < 40; attempt++) {
            assertThat(retrier.pause(attempt, new RuntimeException())).isLessThanOrEqualTo(Duration.ofMillis(1001));
        }
    }
}
