package dev.strela.web.internal.auth;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Base64;
import java.util.List;
import java.util.Optional;

import org.junit.jupiter.api.Test;

import dev.strela.web.internal.auth.AccessDecision.Allow;
import dev.strela.web.internal.auth.AccessDecision.Deny;
import dev.strela.web.internal.auth.LoginThrottle.Lock;
import dev.strela.web.internal.auth.LoginThrottle.Outcome;

class AccessPolicyTest {

    private static final String HOST = "127.0.0.1:8181";
    private static final String SITE = "http://127.0.0.1:8181";
    private static final String TOKEN = "token-1";
    private static final String CLIENT = "127.0.0.1";
    private static final String OTHER_CLIENT = "192.0.2.9";
    private static final Authenticator ALICE = (user, password) -> user.equals("alice")
            && new String(password).equals("secret");
    private final AccessPolicy policy = new AccessPolicy(new HostCheck("localhost, 127.0.0.1, [::1]"), ALICE,
            new LoginThrottle(3, Duration.ofMinutes(1), Clock.fixed(Instant.EPOCH, ZoneOffset.UTC)));

    @Test
    void decide_whenNoCredentials_thenEveryApiPathAndThePageAre401_butLoginPageAndAssetsArePublic() {
        for (String path : new String[] {"/", "/index.html", "/app/app.js", "/api/status", "/api/errors", "/api/session"}) {
            assertDenied(policy.decide(get(path, null, null)), 401, "unauthenticated");
        }
        assertDenied(policy.decide(post("/api/trading-control/stop-trading", null, null, SITE, null)), 401, "unauthenticated");
        assertThat(policy.decide(get("/login.html", null, null))).isEqualTo(new Allow(null));
        assertThat(policy.decide(get("/assets/app.css", null, null))).isEqualTo(new Allow(null));
        assertThat(policy.decide(post("/login", null, null, SITE, null))).isEqualTo(new Allow(null));
        assertDenied(policy.decide(get("/assets/../api/status", null, null)), 401, "unauthenticated");
        assertDenied(policy.decide(get("/assets/%2e%2e/api/status", null, null)), 401, "unauthenticated");
        assertDenied(policy.decide(get("/assets/x;/../api/status", null, null)), 401, "unauthenticated");
    }

    @Test
    void decide_whenSession_thenReadsAllowed_andAChangeNeedsItsTokenAndSameOrigin() {
        assertThat(policy.decide(get("/api/status", "alice", null))).isEqualTo(new Allow(new WebUser("alice", WebUser.SESSION)));
        String stop = "/api/trading-control/stop-trading";

        assertThat(policy.decide(post(stop, "alice", TOKEN, SITE, null))).isInstanceOf(Allow.class);
        assertThat(policy.decide(post(stop, "alice", TOKEN, null, SITE + "/strela/"))).isInstanceOf(Allow.class);
        assertDenied(policy.decide(post(stop, "alice", null, SITE, null)), 403, "csrf_token_invalid");
        assertDenied(policy.decide(post(stop, "alice", "token-2", SITE, null)), 403, "csrf_token_invalid");
        assertDenied(policy.decide(post(stop, "alice", TOKEN, "https://evil.example", null)), 403, "cross_site_request");
        assertDenied(policy.decide(post(stop, "alice", TOKEN, "null", null)), 403, "cross_site_request");
        assertDenied(policy.decide(post(stop, "alice", TOKEN, null, "https://evil.example/x")), 403, "cross_site_request");
        assertDenied(policy.decide(post(stop, "alice", TOKEN, "http://127.0.0.1:9999", null)), 403, "cross_site_request");
        assertDenied(policy.decide(post(stop, "alice", TOKEN, null, null)), 403, "cross_site_request");
    }

    @Test
    void decide_whenBasic_thenCheckedEachTime_andAChangeFromAnotherSiteRefused() {
        assertThat(policy.decide(basicGet("alice", "secret"))).isEqualTo(new Allow(new WebUser("alice", WebUser.BASIC)));
        assertDenied(policy.decide(basicGet("alice", "wrong")), 401, "login_failed");
        assertDenied(policy.decide(new AccessRequest("GET", "/api/status", HOST, null, null, null, null, null, "Basic !!!",
                CLIENT)),
                401, "unauthenticated");

        String stop = "/api/trading-control/stop-trading";
        AccessRequest script = new AccessRequest("POST", stop, HOST, null, null, null, null, null, basic("alice", "secret"),
                CLIENT);
        AccessRequest crossSite = new AccessRequest("POST", stop, HOST, "https://evil.example", null, null, null, null,
                basic("alice", "secret"), CLIENT);
        assertThat(policy.decide(script)).isInstanceOf(Allow.class);
        assertDenied(policy.decide(crossSite), 403, "cross_site_request");
    }

    @Test
    void decide_whenHostIsNotAllowed_thenRefusedEvenForTheLoginPage() {
        AccessRequest rebound = new AccessRequest("GET", "/login.html", "evil.example:8181", null, null, null, null, null, null,
                CLIENT);

        assertDenied(policy.decide(rebound), 403, "host_not_allowed");
        assertThat(new HostCheck("localhost, 127.0.0.1, [::1]").allows("[::1]:8181")).isTrue();
        assertThat(new HostCheck("localhost").allows("LOCALHOST:8181")).isTrue();
        assertThat(new HostCheck("localhost").allows(null)).isFalse();
        assertThat(new HostCheck("*").allows("anything:1")).isTrue();
    }

    @Test
    void decide_whenLoginFormPostedFromAnotherSite_thenRefused() {
        assertDenied(policy.decide(post("/login", null, null, "https://evil.example", null)), 403, "cross_site_request");
    }

    @Test
    void decide_whenPasswordGuessedTooOften_thenUserLockedFromThatAddressEvenWithTheRightPassword() {
        for (int i = 0; i < 3; i++) {
            assertDenied(policy.decide(basicGet("alice", "guess" + i)), 401, "login_failed");
        }
        Deny locked = assertDenied(policy.decide(basicGet("alice", "secret")), 401, "login_locked");
        assertThat(locked.message()).isEqualTo("too many failed sign-ins from this address for this user name:"
                + " try again in 60 s");
    }

    @Test
    void decide_whenPasswordGuessedTooOftenFromAnotherAddress_thenTheOwnerStillSignsIn() {
        for (int i = 0; i < 3; i++) {
            assertDenied(policy.decide(basicGet(OTHER_CLIENT, "alice", "guess" + i)), 401, "login_failed");
        }
        assertDenied(policy.decide(basicGet(OTHER_CLIENT, "alice", "secret")), 401, "login_locked");

        assertThat(policy.decide(basicGet("alice", "secret"))).isEqualTo(new Allow(new WebUser("alice", WebUser.BASIC)));
    }

    @Test
    void decide_whenBasic_thenTheThrottleIsAskedOncePerRequest_andNotForSessionsOrPublicPaths() {
        CountingThrottle throttle = new CountingThrottle();
        AccessPolicy counted = new AccessPolicy(new HostCheck("127.0.0.1"), ALICE, throttle);

        counted.decide(basicGet("alice", "secret"));
        assertThat(throttle.counts()).as("allowed").containsExactly(1, 1);
        counted.decide(basicGet("alice", "x"));
        counted.decide(basicGet("alice", "y"));
        assertThat(throttle.counts()).as("two failures").containsExactly(3, 3);
        assertDenied(counted.decide(basicGet("alice", "secret")), 401, "login_locked");
        assertThat(throttle.counts()).as("locked").containsExactly(4, 4);
        counted.decide(get("/api/status", "alice", null));
        counted.decide(get("/api/status", null, null));
        counted.decide(get("/login.html", null, null));
        assertThat(throttle.counts()).as("session, no credentials, public page").containsExactly(4, 4);
    }

    /** Counts the throttle's public entry and its one check of the lock state. */
    private static final class CountingThrottle extends LoginThrottle {
        private int attempts;
        private int reservations;

        CountingThrottle() {
            super(2, Duration.ofMinutes(1), Clock.fixed(Instant.EPOCH, ZoneOffset.UTC));
        }

        @Override
        public Outcome attempt(String address, String user, char[] password, Authenticator authenticator) {
            attempts++;
            return super.attempt(address, user, password, authenticator);
        }

        @Override
        synchronized Optional<Lock> reserve(String address, String user) {
            reservations++;
            return super.reserve(address, user);
        }

        List<Integer> counts() {
            return List.of(attempts, reservations);
        }
    }

    private static Deny assertDenied(AccessDecision decision, int status, String code) {
        assertThat(decision).isInstanceOf(Deny.class);
        Deny deny = (Deny) decision;
        assertThat(deny.status()).as(deny.message()).isEqualTo(status);
        assertThat(deny.code()).isEqualTo(code);
        assertThat(deny.message()).isNotBlank();
        return deny;
    }

    private static AccessRequest get(String path, String sessionUser, String authorization) {
        return get(CLIENT, path, sessionUser, authorization);
    }

    private static AccessRequest get(String client, String path, String sessionUser, String authorization) {
        return new AccessRequest("GET", path, HOST, null, null, null, sessionUser, sessionUser == null ? null : TOKEN,
                authorization, client);
    }

    private static AccessRequest post(String path, String sessionUser, String csrf, String origin, String referer) {
        return new AccessRequest("POST", path, HOST, origin, referer, csrf, sessionUser, sessionUser == null ? null : TOKEN,
                null, CLIENT);
    }

    private static AccessRequest basicGet(String user, String password) {
        return basicGet(CLIENT, user, password);
    }

    private static AccessRequest basicGet(String client, String user, String password) {
        return get(client, "/api/status", null, basic(user, password));
    }

    static String basic(String user, String password) {
        return "Basic " + Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
    }
}
