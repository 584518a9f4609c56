package dev.strela.testing.tinkoff;

import static dev.strela.testing.tinkoff.SandboxFixture.TOKEN;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.concurrent.TimeUnit;

import io.grpc.ManagedChannel;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import ru.tinkoff.piapi.contract.v1.UsersServiceGrpc;
import ru.tinkoff.piapi.core.InvestApi;
import ru.tinkoff.piapi.core.exception.ApiRuntimeException;

class RequestLogTest {
    private static final Instant START = Instant.parse("2024-06-03T07:00:00Z");

    /** A clock the test sets by hand. */
    private static final class ManualClock extends Clock {
        private volatile Instant now = START;

        void set(Instant instant) {
            now = instant;
        }

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
    }

    private final ManualClock clock = new ManualClock();
    private final TinkoffSandboxServer server = new TinkoffSandboxServer(clock).start();
    private final ManagedChannel channel = server.openChannel(TOKEN);
    private final InvestApi api = InvestApi.create(channel);

    @AfterEach
    void tearDown() throws InterruptedException {
        channel.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
        server.close();
    }

    @Test
    void calls_whenMade_thenCountedPerMethodWithTokenAndAppName() {
        server.accounts().open("acc-1");
        api.getUserService().getAccountsSync();
        api.getUserService().getAccountsSync();
        api.getUserService().getInfoSync();

        assertThat(server.requests().count(UsersServiceGrpc.getGetAccountsMethod())).isEqualTo(2);
        assertThat(server.requests().count(UsersServiceGrpc.getGetInfoMethod())).isEqualTo(1);
        assertThat(server.requests().countService(UsersServiceGrpc.SERVICE_NAME)).isEqualTo(3);
        assertThat(server.requests().lastHeader("Authorization")).hasValue("Bearer " + TOKEN);
        assertThat(server.requests().all()).allSatisfy(r -> {
            assertThat(r.header("x-app-name")).hasValue("strela-tests");
            assertThat(r.service()).isEqualTo(UsersServiceGrpc.SERVICE_NAME);
        });
    }

    @Test
    void maxPerWindow_whenBurstStraddlesAMinuteBoundary_thenSlidingCountSeesAllFour() {
        for (long second : new long[] {0, 10, 20, 61, 62}) {
            clock.set(START.plusSeconds(second));
            api.getUserService().getInfoSync();
        }

        assertThat(server.requests().maxPerWindow(UsersServiceGrpc.SERVICE_NAME, Duration.ofMinutes(1))).isEqualTo(4);
        assertThat(server.requests().maxPerWindow(UsersServiceGrpc.SERVICE_NAME, Duration.ofSeconds(10))).isEqualTo(2);
        assertThat(server.requests().of(UsersServiceGrpc.getGetInfoMethod()).get(4).time())
                .isEqualTo(START.plusSeconds(62));
    }

    @Test
    void requiredToken_whenClientSendsAnother_thenUnauthenticated40003AndStillRecorded() throws InterruptedException {
        server.requireToken(TOKEN);
        ManagedChannel wrong = server.openChannel("t.other-token-not-real");
        try {
            assertThatThrownBy(() -> InvestApi.create(wrong).getUserService().getInfoSync())
                    .isInstanceOfSatisfying(ApiRuntimeException.class, e -> assertThat(e.getCode()).isEqualTo("40003"));
        } finally {
            wrong.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
        }

        assertThat(api.getUserService().getInfoSync().getTariff()).isEqualTo("sandbox");
        assertThat(server.requests().all()).extracting(r -> r.header("authorization").orElseThrow())
                .containsExactly("Bearer t.other-token-not-real", "Bearer " + TOKEN);
    }

    @Test
    void inProcessChannel_whenUsed_thenSameStateAndLog() throws InterruptedException {
        server.accounts().open("acc-in-process");
        ManagedChannel local = server.openInProcessChannel(TOKEN);
        try {
            assertThat(InvestApi.createSandbox(local).getSandboxService().getAccountsSync())
                    .extracting(a -> a.getId()).containsExactly("acc-in-process");
        } finally {
            local.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
        }
        assertThat(server.requests().all()).hasSize(1);
    }
}
