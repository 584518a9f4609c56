package dev.strela.brokertinkoff.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.Map;
import java.util.Random;
import java.util.Set;

import org.junit.jupiter.api.Test;

import dev.strela.api.model.OrderSide;
import dev.strela.api.protective.ProtectiveRole;
import dev.strela.testing.tinkoff.MarketFillMode;
import dev.strela.testing.tinkoff.TestInstrument;
import dev.strela.testing.tinkoff.TinkoffSandboxServer;

/**
 * A burst of 500 orders, and one of 60 stop orders, through the client, counted where it matters: at the server. The
 * budget's window is one second here instead of a minute, so the burst runs in real time in seconds; the rule is the
 * same.
 */
class RateBudgetBurstTest {

    private static final int LIMIT = 100;
    private static final Duration WINDOW = Duration.ofSeconds(1);

    @Test
    void burstOf500Orders_whenBudgeted_thenTheServerNeverSeesMoreThanTheLimitInAnyWindow() throws Exception {
        try (TinkoffSandboxServer server = new TinkoffSandboxServer().start()) {
            server.market().register(TestInstrument.share(TinkoffClientTest.SBER_FIGI, TinkoffClientTest.SBER, "SBER").lot(10).build());
            server.market().setPrice(TinkoffClientTest.SBER, "250.00");
            server.orders().marketFillMode(MarketFillMode.ON_DEMAND);
            RateBudget budget = new RateBudget(Map.of("orders", LIMIT), 0.2, Duration.ofSeconds(30), RateBudget.Time.SYSTEM, WINDOW);
            Connection connection = Connection.open(server.target(), true, true,
                    new CallPolicy(Token.of(TinkoffClientTest.TOKEN, "test"), "dev.strela.test", Duration.ofSeconds(2), budget));
            try {
                Retrier retrier = new Retrier(3, Duration.ofMillis(10), Duration.ofMillis(50), new Random(3), d -> Thread.sleep(d.toMillis()));
                TinkoffClient client = new TinkoffClient(connection.api(), retrier,
                        TinkoffClient.resolveAccount(connection.api(), retrier, "", new BigDecimal("100000000")));
                long start = System.nanoTime();
                String lastId = null;
                for (int i = 0; i < 500; i++) {
                    TinkoffClient.BrokerOrder placed = client.place(String.format("burst-%04d", i), TinkoffClientTest.SBER,
                            OrderSide.BUY, 1, new BigDecimal("100.00"));
                    lastId = placed.brokerOrderId();
                }
                long entriesDone = System.nanoTime();
                client.cancel(lastId);   // a protective call right after the burst: the reserve lets it through
                long cancelNanos = System.nanoTime() - entriesDone;

                int peak = server.requests().maxPerWindow("tinkoff.public.invest.api.contract.v1.OrdersService", WINDOW);
                System.out.printf("500 orders in %.1f s; peak %d requests per %d ms window at the server (limit %d,"
                                + " %d for entries); cancel after the burst took %d ms%n", (entriesDone - start) / 1e9, peak,
                        WINDOW.toMillis(), LIMIT, LIMIT - 20, cancelNanos / 1_000_000);
                assertThat(peak).isLessThanOrEqualTo(LIMIT);
                assertThat(server.orders().all()).hasSize(500);
                assertThat(Duration.ofNanos(entriesDone - start)).isGreaterThanOrEqualTo(WINDOW.multipliedBy(500 / (LIMIT - 20) - 1));
                assertThat(Duration.ofNanos(cancelNanos)).as("the cancel waited for no entry's room").isLessThan(WINDOW.dividedBy(2));
            } finally {
                connection.close();
            }
        }
    }

    @Test
    void burstOf60StopOrders_whenBudgeted_thenTheServerNeverSeesMoreThanTheStopOrdersLimitInAnyWindow() throws Exception {
        int limit = 20;
        try (TinkoffSandboxServer server = new TinkoffSandboxServer().start()) {
            server.market().register(TestInstrument.share(TinkoffClientTest.SBER_FIGI, TinkoffClientTest.SBER, "SBER").lot(10).build());
            server.market().setPrice(TinkoffClientTest.SBER, "250.00");
            // every call here is protective, so the budget runs at its full limit: its own 5% margin over a 1 s window is
            // 50 ms, less than a loaded machine's jitter between the budget and the server's log; a minute's is 3 s
            RateBudget budget = new RateBudget(Map.of("stop_orders", limit), 0.2, Duration.ofSeconds(30), RateBudget.Time.SYSTEM,
                    Duration.ofMillis(1200));
            Connection connection = Connection.open(server.target(), true, true,
                    new CallPolicy(Token.of(TinkoffClientTest.TOKEN, "test"), "dev.strela.test", Duration.ofSeconds(2), budget));
            try {
                Retrier retrier = new Retrier(3, Duration.ofMillis(10), Duration.ofMillis(50), new Random(4), d -> Thread.sleep(d.toMillis()));
                TinkoffClient client = new TinkoffClient(connection.api(), retrier,
                        TinkoffClient.resolveAccount(connection.api(), retrier, "", new BigDecimal("1000000")));
                long start = System.nanoTime();
                for (int i = 0; i < 60; i++) {
                    client.postStopOrder(TinkoffClientTest.SBER, ProtectiveRole.STOP_LOSS, OrderSide.SELL, 1,
                            new BigDecimal("200.00").add(BigDecimal.valueOf(i)), new BigDecimal("0.01"), Set.of());
                }
                long posted = System.nanoTime();
                int listed = client.stopOrders().size();   // not protective: waits for room outside the reserve

                int peak = server.requests().maxPerWindow("tinkoff.public.invest.api.contract.v1.StopOrdersService", WINDOW);
                System.out.printf("60 stop orders in %.1f s; peak %d stop-order requests per %d ms window at the server"
                        + " (limit %d)%n", (posted - start) / 1e9, peak, WINDOW.toMillis(), limit);
                assertThat(peak).isLessThanOrEqualTo(limit);
                assertThat(listed).isEqualTo(60);
                assertThat(server.requests().count(ru.tinkoff.piapi.contract.v1.StopOrdersServiceGrpc.getPostStopOrderMethod()))
                        .isEqualTo(60);
                assertThat(Duration.ofNanos(posted - start)).isGreaterThanOrEqualTo(WINDOW.multipliedBy(60 / limit - 1));
            } finally {
                connection.close();
            }
        }
    }
}
