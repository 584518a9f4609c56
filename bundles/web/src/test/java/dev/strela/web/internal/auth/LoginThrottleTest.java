package dev.strela.web.internal.auth;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;

import dev.strela.web.internal.auth.LoginThrottle.Lock;
import dev.strela.web.internal.auth.LoginThrottle.Outcome;
import dev.strela.web.internal.auth.LoginThrottle.Scope;

class LoginThrottleTest {

    private static final String A = "192.0.2.1";
    private static final String B = "198.51.100.7";

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

        assertThat(throttle.attempt(A, "Alice", "x".toCharArray(), secret)).isEqualTo(failed());
        assertThat(throttle.attempt(A, "alice", "secret".toCharArray(), secret).signedIn())
                .as("one failure, then right").isTrue();
        assertThat(throttle.attempt(A, "alice", "x".toCharArray(), secret)).isEqualTo(failed());
        assertThat(throttle.attempt(A, "alice", "y".toCharArray(), secret)).isEqualTo(failed());
        assertThat(throttle.attempt(A, "ALICE", "secret".toCharArray(), secret).lock())
                .as("locked, the right password unchecked").isEqualTo(new Lock(Scope.NAME, Duration.ofSeconds(60)));
        assertThat(throttle.attempt(A, "bob", "secret".toCharArray(), secret).signedIn()).isTrue();

        now = now.plusSeconds(59);
        assertThat(throttle.attempt(A, "alice", "secret".toCharArray(), secret).lock()).as("one second before the end")
                .isEqualTo(new Lock(Scope.NAME, Duration.ofSeconds(1)));
        now = now.plusSeconds(1);
        assertThat(throttle.attempt(A, "alice", "secret".toCharArray(), secret).signedIn()).isTrue();
    }

    @Test
    void attempt_whenANameIsLockedFromOneAddress_thenTheSameNameFromAnotherAddressStillSignsIn() {
        LoginThrottle throttle = new LoginThrottle(3, Duration.ofSeconds(60), clock);
        for (int i = 0; i < 3; i++) {
            assertThat(throttle.attempt(A, "alice", ("guess" + i).toCharArray(), secret)).isEqualTo(failed());
        }

        assertThat(throttle.attempt(A, "alice", "secret".toCharArray(), secret).lock()).isNotNull();
        assertThat(throttle.attempt(B, "alice", "secret".toCharArray(), secret)).isEqualTo(new Outcome(true, null));
        assertThat(throttle.attempt(B, "alice", "x".toCharArray(), secret)).as("B's own count starts at zero")
                .isEqualTo(failed());
    }

    @Test
    void attempt_whenOneAddressFailsAcrossManyNames_thenTheAddressLimitLocksItForEveryName_butNotOtherAddresses() {
        LoginThrottle throttle = new LoginThrottle(2, Duration.ofSeconds(60), clock);
        int addressLimit = 2 * LoginThrottle.ADDRESS_FACTOR;
        for (int i = 0; i < addressLimit - 1; i++) {
            assertThat(throttle.attempt(A, "user" + i, "x".toCharArray(), secret)).isEqualTo(failed());
        }
        assertThat(throttle.attempt(A, "alice", "secret".toCharArray(), secret).signedIn())
                .as("one failure under the address limit, and a success does not clear the address's count").isTrue();
        assertThat(throttle.attempt(A, "last", "x".toCharArray(), secret)).as("the failure that reaches it")
                .isEqualTo(failed());

        assertThat(throttle.attempt(A, "alice", "secret".toCharArray(), secret).lock())
                .isEqualTo(new Lock(Scope.ADDRESS, Duration.ofSeconds(60)));
        assertThat(throttle.attempt(A, "fresh", "x".toCharArray(), secret).lock().scope()).isEqualTo(Scope.ADDRESS);
        assertThat(throttle.attempt(B, "alice", "secret".toCharArray(), secret).signedIn()).isTrue();
    }

    @Test
    void lockMessage_saysWhatAndHowLong_andIsTheSameForANameThatExistsAndOneThatDoesNot() {
        LoginThrottle throttle = new LoginThrottle(1, Duration.ofSeconds(90), clock);
        Authenticator onlyAlice = (user, password) -> user.equals("alice") && new String(password).equals("secret");
        throttle.attempt(A, "alice", "x".toCharArray(), onlyAlice);
        throttle.attempt(A, "nobody", "x".toCharArray(), onlyAlice);
        now = now.plusMillis(500);

        Lock alice = throttle.attempt(A, "alice", "secret".toCharArray(), onlyAlice).lock();
        Lock nobody = throttle.attempt(A, "nobody", "secret".toCharArray(), onlyAlice).lock();

        assertThat(alice.message()).isEqualTo("too many failed sign-ins from this address for this user name:"
                + " try again in 90 s");
        assertThat(nobody.message()).isEqualTo(alice.message());
    }

    @Test
    void attempt_whenLockAndFailureWindowPass_thenEntriesAreDroppedAndCountsForgotten() {
        LoginThrottle throttle = new LoginThrottle(2, Duration.ofSeconds(60), clock);
        for (int i = 0; i < 50; i++) {
            throttle.attempt("10.0.0." + i, "user" + i, "x".toCharArray(), secret);
        }
        throttle.attempt(A, "alice", "x".toCharArray(), secret);
        throttle.attempt(A, "alice", "y".toCharArray(), secret);
        assertThat(throttle.size()).as("an address and an address-and-name entry each").isEqualTo(102);

        now = now.plusSeconds(60);
        assertThat(throttle.attempt(B, "bob", "secret".toCharArray(), secret).signedIn()).isTrue();
        assertThat(throttle.size()).as("all expired, and a success leaves nothing").isZero();

        throttle.attempt(A, "alice", "x".toCharArray(), secret);
        assertThat(throttle.attempt(A, "alice", "secret".toCharArray(), secret).signedIn())
                .as("the earlier failures were forgotten: one failure is under the limit").isTrue();
        assertThat(throttle.size()).as("the address keeps its one failure").isEqualTo(1);
        now = now.plusSeconds(60);
        throttle.attempt(B, "bob", "secret".toCharArray(), secret);
        assertThat(throttle.size()).isZero();
    }

    @Test
    void attempt_whenFullOfLiveEntries_thenANewAddressIsRefused_untilSomeExpire() {
        LoginThrottle throttle = new LoginThrottle(5, Duration.ofSeconds(60), clock, 4);
        throttle.attempt("10.0.0.1", "a", "x".toCharArray(), secret);
        now = now.plusSeconds(10);
        throttle.attempt("10.0.0.2", "b", "x".toCharArray(), secret);
        assertThat(throttle.size()).isEqualTo(4);

        assertThat(throttle.attempt("10.0.0.3", "c", "secret".toCharArray(), secret).lock())
                .isEqualTo(new Lock(Scope.FULL, Duration.ofSeconds(60)));
        assertThat(throttle.attempt("10.0.0.2", "b", "x".toCharArray(), secret))
                .as("an address already held still counts").isEqualTo(failed());
        assertThat(throttle.size()).isEqualTo(4);

        now = now.plusSeconds(49);
        assertThat(throttle.attempt("10.0.0.3", "c", "secret".toCharArray(), secret).lock().scope())
                .as("a second before 10.0.0.1 expires").isEqualTo(Scope.FULL);
        now = now.plusSeconds(1);
        assertThat(throttle.attempt("10.0.0.3", "c", "secret".toCharArray(), secret).signedIn())
                .as("10.0.0.1 expired, making room").isTrue();
        assertThat(throttle.size()).as("10.0.0.2 and its name remain").isEqualTo(2);
    }

    @Test
    void attempt_whenManyThreadsGuessAtOnce_thenAtMostTheLimitAreChecked() throws Exception {
        int limit = 5;
        int threads = 24;
        LoginThrottle throttle = new LoginThrottle(limit, Duration.ofSeconds(60), clock);
        AtomicInteger checked = new AtomicInteger();
        CountDownLatch start = new CountDownLatch(1);
        CountDownLatch arrived = new CountDownLatch(threads);
        CountDownLatch release = new CountDownLatch(1);
        Authenticator slowWrong = (user, password) -> {
            checked.incrementAndGet();
            arrived.countDown();
            await(release);
            return false;
        };
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            List<Future<Outcome>> outcomes = new ArrayList<>();
            for (int i = 0; i < threads; i++) {
                outcomes.add(pool.submit(() -> {
                    await(start);
                    Outcome outcome = throttle.attempt(A, "alice", "guess".toCharArray(), slowWrong);
                    if (outcome.lock() != null) {
                        arrived.countDown();
                    }
                    return outcome;
                }));
            }
            start.countDown();
            assertThat(arrived.await(10, TimeUnit.SECONDS)).as("every guess checked or refused").isTrue();
            release.countDown();
            int refused = 0;
            for (Future<Outcome> f : outcomes) {
                refused += f.get(10, TimeUnit.SECONDS).lock() != null ? 1 : 0;
            }

            assertThat(checked.get()).as("passwords checked").isEqualTo(limit);
            assertThat(refused).isEqualTo(threads - limit);
        } finally {
            pool.shutdownNow();
        }
        assertThat(throttle.attempt(A, "alice", "secret".toCharArray(), secret).lock().scope()).isEqualTo(Scope.NAME);
    }

    @Test
    void attempt_whenMoreRequestsThanTheLimitComeAtOnceWithTheRightPassword_thenAllSignIn() throws Exception {
        int limit = 5;
        int threads = 16;
        LoginThrottle throttle = new LoginThrottle(limit, Duration.ofSeconds(60), clock);
        Authenticator slowRight = (user, password) -> {
            try {
                Thread.sleep(30);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return new String(password).equals("secret");
        };
        CountDownLatch start = new CountDownLatch(1);
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            List<Future<Outcome>> outcomes = new ArrayList<>();
            for (int i = 0; i < threads; i++) {
                outcomes.add(pool.submit(() -> {
                    await(start);
                    return throttle.attempt(A, "alice", "secret".toCharArray(), slowRight);
                }));
            }
            start.countDown();
            for (Future<Outcome> f : outcomes) {
                Outcome outcome = f.get(10, TimeUnit.SECONDS);
                assertThat(outcome.lock()).as("a request with the right password refused").isNull();
                assertThat(outcome.signedIn()).isTrue();
            }
        } finally {
            pool.shutdownNow();
        }
    }

    private static Outcome failed() {
        return new Outcome(false, null);
    }

    private static void await(CountDownLatch latch) {
        try {
            if (!latch.await(10, TimeUnit.SECONDS)) {
                throw new IllegalStateException("latch not opened in time");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
