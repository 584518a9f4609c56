package dev.strela.brokertinkoff.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;

import io.grpc.Status;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import ru.tinkoff.piapi.contract.v1.OrdersServiceGrpc;
import ru.tinkoff.piapi.contract.v1.SecurityTradingStatus;

import dev.strela.api.model.OrderSide;
import dev.strela.api.model.OrderStatus;
import dev.strela.testing.tinkoff.DuplicateOrderPolicy;
import dev.strela.testing.tinkoff.MarketFillMode;
import dev.strela.testing.tinkoff.TestInstrument;
import dev.strela.testing.tinkoff.TinkoffSandboxServer;

/**
 * The client over the real SDK against the loopback server built from Tinkoff's contract: orders round trip,
 * idempotency keys under every way an answer can be lost, retries, refusals with the server's words, the token in
 * the header only, plaintext refused off loopback.
 */
class TinkoffClientTest {

    static final String TOKEN = "t.test-token-not-real-7c1e";
    static final String SBER = "e6123145-9665-43e0-8413-cd61b8aa9b13";
    static final String SBER_FIGI = "BBG004730N88";

    private TinkoffSandboxServer server;
    private Connection connection;
    private TinkoffClient client;
    private final List<Duration> pauses = new ArrayList<>();

    @BeforeEach
    void start() throws Exception {
        server = new TinkoffSandboxServer().start();
        server.requireToken(TOKEN);
        server.market().register(TestInstrument.share(SBER_FIGI, SBER, "SBER").lot(10).minPriceIncrement("0.01").build());
        server.market().setPrice(SBER, "250.00");
        RateBudget budget = new RateBudget(Map.of("orders", 600), 0.2, Duration.ofSeconds(30), RateBudget.Time.SYSTEM);
        connection = Connection.open(server.target(), true, true,
                new CallPolicy(Token.of(TOKEN, "test"), "dev.strela.test", Duration.ofMillis(800), budget));
        Retrier retrier = new Retrier(4, Duration.ofMillis(20), Duration.ofMillis(200), new Random(1), pauses::add);
        String account = TinkoffClient.resolveAccount(connection.api(), retrier, "", new BigDecimal("1000000"));
        client = new TinkoffClient(connection.api(), retrier, account);
    }

    @AfterEach
    void stop() {
        connection.close();
        server.close();
    }

    @Test
    void resolveAccount_whenSandboxHasNone_thenOneIsOpenedAndFunded() {
        assertThat(server.accounts().ids()).containsExactly(client.accountId());
        assertThat(server.accounts().cash(client.accountId())).isEqualByComparingTo("1000000");
        assertThat(server.requests().lastHeader("authorization")).hasValue("Bearer " + TOKEN);
        assertThat(server.requests().lastHeader("x-app-name")).hasValue("dev.strela.test");
    }

    @Test
    void place_whenMarketBuy_thenFilledAndTheAccountHoldsItAfterCommission() throws Exception {
        TinkoffClient.BrokerOrder placed = client.place("c0a80101-0000-5000-8000-000000000001", SBER, OrderSide.BUY, 3, null);

        TinkoffClient.BrokerOrder state = client.state(placed.brokerOrderId());
        assertThat(state.status()).isEqualTo(OrderStatus.FILLED);
        assertThat(state.lotsExecuted()).isEqualTo(3);
        assertThat(state.averagePrice(10)).hasValueSatisfying(p -> assertThat(p).isEqualByComparingTo("250.00"));
        assertThat(state.commission()).isEqualByComparingTo("3.75");   // 7,500 x 0.05%
        assertThat(client.holdings()).singleElement().satisfies(h -> {
            assertThat(h.figi()).isEqualTo(SBER_FIGI);
            assertThat(h.units()).isEqualTo(30);
        });
        assertThat(client.cash().total()).isEqualByComparingTo("992496.25");
    }

    @Test
    void place_whenSameClientOrderIdTwice_thenOneOrder() throws Exception {
        String id = "c0a80101-0000-5000-8000-000000000002";
        TinkoffClient.BrokerOrder first = client.place(id, SBER, OrderSide.BUY, 1, null);
        TinkoffClient.BrokerOrder second = client.place(id, SBER, OrderSide.BUY, 1, null);

        assertThat(second.brokerOrderId()).isEqualTo(first.brokerOrderId());
        assertThat(server.orders().countWithRequestId(id)).isEqualTo(1);
        assertThat(server.accounts().position(client.accountId(), SBER)).isEqualTo(10);
    }

    @Test
    void place_whenServerAnswersARepeatedKeyWithAnError_thenTheWorkingOrderIsFoundNotPlacedAgain() throws Exception {
        server.orders().duplicatePolicy(DuplicateOrderPolicy.REJECT);
        server.orders().marketFillMode(MarketFillMode.ON_DEMAND);
        String id = "c0a80101-0000-5000-8000-000000000003";
        TinkoffClient.BrokerOrder first = client.place(id, SBER, OrderSide.BUY, 2, new BigDecimal("240.00"));

        TinkoffClient.BrokerOrder again = client.place(id, SBER, OrderSide.BUY, 2, new BigDecimal("240.00"));

        assertThat(again.brokerOrderId()).isEqualTo(first.brokerOrderId());
        assertThat(again.status()).isEqualTo(OrderStatus.SUBMITTED);
        assertThat(server.orders().countWithRequestId(id)).isEqualTo(1);
    }

    @Test
    void place_whenTheAnswerIsLostAfterTheOrderWasPlaced_thenTheRetryFindsItAndNothingIsPlacedTwice() throws Exception {
        server.faults().on(OrdersServiceGrpc.getPostOrderMethod()).applyThenFail(Status.Code.UNAVAILABLE)
                .delay(Duration.ofSeconds(2));
        String id = "c0a80101-0000-5000-8000-000000000004";

        TinkoffClient.BrokerOrder placed = client.place(id, SBER, OrderSide.BUY, 1, null);

        assertThat(server.requests().count(OrdersServiceGrpc.getPostOrderMethod())).isEqualTo(3);
        assertThat(pauses).hasSize(2);
        assertThat(server.orders().countWithRequestId(id)).isEqualTo(1);
        assertThat(placed.brokerOrderId()).isEqualTo(server.orders().state(id).orElseThrow().getOrderId());
        assertThat(server.accounts().position(client.accountId(), SBER)).isEqualTo(10);
    }

    @Test
    void place_whenUnavailableEveryTime_thenFailsAfterTheLastAttemptWithTheServersWords() {
        server.faults().on(OrdersServiceGrpc.getPostOrderMethod()).fail(Status.Code.UNAVAILABLE, 10);

        assertThatThrownBy(() -> client.place("c0a80101-0000-5000-8000-000000000005", SBER, OrderSide.BUY, 1, null))
                .isInstanceOfSatisfying(Retrier.Failure.class, f -> {
                    assertThat(f.attempts()).isEqualTo(4);
                    assertThat(f.getMessage()).contains("post order c0a80101-0000-5000-8000-000000000005 failed after 4 attempt(s)")
                            .contains("UNAVAILABLE");
                });
        assertThat(server.requests().count(OrdersServiceGrpc.getPostOrderMethod())).isEqualTo(4);
        assertThat(server.orders().all()).isEmpty();
    }

    @Test
    void place_whenRateLimitedTwice_thenThirdAttemptPlacesIt() throws Exception {
        server.faults().on(OrdersServiceGrpc.getPostOrderMethod()).fail(Status.Code.RESOURCE_EXHAUSTED, 2);

        TinkoffClient.BrokerOrder placed = client.place("c0a80101-0000-5000-8000-000000000006", SBER, OrderSide.BUY, 1, null);

        assertThat(placed.status()).isEqualTo(OrderStatus.FILLED);
        assertThat(server.requests().count(OrdersServiceGrpc.getPostOrderMethod())).isEqualTo(3);
    }

    @Test
    void place_whenInstrumentNotTradingNow_thenRefusedAtOnceWithTinkoffsCode() {
        server.market().setTradingStatus(SBER, SecurityTradingStatus.SECURITY_TRADING_STATUS_BREAK_IN_TRADING);

        assertThatThrownBy(() -> client.place("c0a80101-0000-5000-8000-000000000007", SBER, OrderSide.BUY, 1, null))
                .isInstanceOfSatisfying(Retrier.Failure.class, f -> {
                    assertThat(f.retryable()).isFalse();
                    assertThat(f.tinkoffCode()).isEqualTo("30079");
                    assertThat(f.getMessage()).contains("30079");
                });
        assertThat(server.requests().count(OrdersServiceGrpc.getPostOrderMethod())).isEqualTo(1);
    }

    @Test
    void instrument_whenByUidOrFigi_thenLotStepAndCurrencyExactly() throws Exception {
        TinkoffClient.InstrumentInfo byUid = client.instrument(SBER);
        TinkoffClient.InstrumentInfo byFigi = client.instrument(SBER_FIGI);

        assertThat(byUid).isEqualTo(byFigi);
        assertThat(byUid.figi()).isEqualTo(SBER_FIGI);
        assertThat(byUid.lot()).isEqualTo(10);
        assertThat(byUid.minPriceIncrement()).isEqualByComparingTo("0.01");
        assertThat(byUid.currency()).isEqualTo("rub");
    }

    @Test
    void cancel_whenLimitOrderWorking_thenCancelled() throws Exception {
        TinkoffClient.BrokerOrder placed = client.place("c0a80101-0000-5000-8000-000000000008", SBER, OrderSide.BUY, 1,
                new BigDecimal("200.00"));
        assertThat(placed.status()).isEqualTo(OrderStatus.SUBMITTED);

        client.cancel(placed.brokerOrderId());

        assertThat(client.state(placed.brokerOrderId()).status()).isEqualTo(OrderStatus.CANCELLED);
    }

    @Test
    void resolveAccount_whenTheTokenIsRefused_thenAPermanentFailureThatIsNotRetried() {
        Connection wrong = Connection.open(server.target(), true, true, new CallPolicy(Token.of("t.wrong-token", "test"),
                "dev.strela.test", Duration.ofSeconds(1), new RateBudget(Map.of(), 0, Duration.ZERO, RateBudget.Time.SYSTEM)));
        try {
            Retrier retrier = new Retrier(4, Duration.ofMillis(5), Duration.ofMillis(10), new Random(1), pauses::add);
            assertThatThrownBy(() -> TinkoffClient.resolveAccount(wrong.api(), retrier, "", BigDecimal.TEN))
                    .isInstanceOfSatisfying(Retrier.Failure.class, f -> {
                        assertThat(f.status()).isEqualTo(Status.Code.UNAUTHENTICATED);
                        assertThat(f.attempts()).isEqualTo(1);
                        assertThat(TinkoffActivator.permanent(f)).isTrue();
                        assertThat(f.getMessage()).doesNotContain("t.wrong-token");
                    });
            assertThatThrownBy(() -> TinkoffClient.resolveAccount(connection.api(), retrier, "no-such-account", BigDecimal.TEN))
                    .satisfies(e -> assertThat(TinkoffActivator.permanent(e)).isTrue());
            assertThat(TinkoffActivator.permanent(new Retrier.Failure("x", Status.Code.UNAVAILABLE, "", 5, true, null))).isFalse();
        } finally {
            wrong.close();
        }
    }

    @Test
    void open_whenPlaintextToANonLoopbackHost_thenRefusedBeforeAnyConnection() {
        CallPolicy policy = new CallPolicy(Token.of(TOKEN, "test"), "x", Duration.ofSeconds(1),
                new RateBudget(Map.of(), 0, Duration.ZERO, RateBudget.Time.SYSTEM));
        assertThatThrownBy(() -> Connection.open("invest-public-api.tinkoff.ru:443", true, true, policy))
                .hasMessageContaining("loopback").hasMessageNotContaining(TOKEN);
        assertThat(Connection.isLoopback("127.0.0.1:4000")).isTrue();
        assertThat(Connection.isLoopback("[::1]:4000")).isTrue();
        assertThat(Connection.isLoopback("localhost:4000")).isTrue();
        assertThat(Connection.isLoopback("10.0.0.5:4000")).isFalse();
        assertThat(Connection.isLoopback("127.0.0.1.example.com:443")).isFalse();
    }
}
