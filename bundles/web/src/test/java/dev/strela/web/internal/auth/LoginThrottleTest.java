package dev.strela.web.internal.auth;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;

import org.junit.jupiter.api.Test;

class LoginThrottleTest {

    private Instant now = Instant.parse("2024-03-04T07:00:00Z");
    private final Clock clock = new Clock() {
        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    };
    private final Authenticator secret = (user, password) -> new String(password).equals("secret");

    @Test
    void attempt_whenFailuresReachTheLimit_thenLockedUntilTheLockEnds_andSuccessClearsTheCount() {
        LoginThrottle throttle = new LoginThrottle(2, Duration.ofSeconds(60), clock);

        assertThat(throttle.attempt("Alice", "x".toCharArray(), secret)).isFalse();
        assertThat(throttle.attempt("alice", "secret".toCharArray(), secret)).as("one failure, then right").isTrue();
        assertThat(throttle.attempt("alice", "x".toCharArray(), secret)).isFalse();
        assertThat(throttle.attempt("alice", "y".toCharArray(), secret)).isFalse();
        assertThat(throttle.locked("ALICE")).isTrue();
        assertThat(throttle.attempt("alice", "secret".toCharArray(), secret)).as("locked").isFalse();
        assertThat(throttle.locked("bob")).isFalse();

        now = now.plusSeconds(61);
        assertThat(throttle.locked("alice")).isFalse();
        assertThat(throttle.attempt("alice", "secret".toCharArray(), secret)).isTrue();
    }
}
