package dev.strela.brokertinkoff.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.reflect.Proxy;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;

import io.grpc.Status;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import ru.tinkoff.piapi.contract.v1.OrdersServiceGrpc;

import dev.strela.api.error.ErrorEvent;
import dev.strela.api.error.Severity;
import dev.strela.api.error.ErrorLog;
import dev.strela.api.model.Instrument;
import dev.strela.api.model.Order;
import dev.strela.api.model.OrderSide;
import dev.strela.api.model.OrderStatus;
import dev.strela.api.model.OrderType;
import dev.strela.persistence.BrokerChange;
import dev.strela.persistence.MarketDataRepository;
import dev.strela.persistence.ServiceStatusRepository;
import dev.strela.persistence.TradingControl;
import dev.strela.persistence.TradingControlRepository;
import dev.strela.testing.tinkoff.DuplicateOrderPolicy;
import dev.strela.testing.tinkoff.MarketFillMode;
import dev.strela.testing.tinkoff.TestInstrument;
import dev.strela.testing.tinkoff.TinkoffSandboxServer;

/**
 * The adapter's rounds against the loopback server, over an in-memory order book that keeps the platform's order
 * state machine (the real database is in TinkoffSandboxIT): fills over several rounds at their own prices, a restart
 * in the middle of a partial fill, a store that fails once, answers lost while sending, and a repeated key.
 */
class TinkoffBrokerTest {

    private static final String SBER = TinkoffClientTest.SBER;
    private static final long ROW = 7;

    private TinkoffSandboxServer server;
    private Connection connection;
    private TinkoffClient client;
    private final MemoryBrokerStore book = new MemoryBrokerStore();
    private final List<ErrorEvent> errors = new ArrayList<>();
    private boolean stopTrading;
    private final List<String> controlChanges = new ArrayList<>();

    @BeforeEach
    void start() throws Exception {
        server = new TinkoffSandboxServer().start();
        server.market().register(TestInstrument.share(TinkoffClientTest.SBER_FIGI, SBER, "SBER").lot(10).minPriceIncrement("0.01").build());
        server.market().setPrice(SBER, "250.00");
        connection = Connection.open(server.target(), true, true, new CallPolicy(Token.of(TinkoffClientTest.TOKEN, "test"),
                "dev.strela.test", Duration.ofMillis(800), new RateBudget(Map.of(), 0, Duration.ZERO, RateBudget.Time.SYSTEM)));
        Retrier retrier = new Retrier(3, Duration.ofMillis(5), Duration.ofMillis(20), new Random(2), d -> { });
        client = new TinkoffClient(connection.api(), retrier,
                TinkoffClient.resolveAccount(connection.api(), retrier, "", new BigDecimal("1000000")));
    }

    @AfterEach
    void stop() {
        connection.close();
        server.close();
    }

    @Test
    void pollWorking_whenALimitOrderFillsInTwoPartsAtTwoPrices_thenTwoTradesEachAtItsOwnPrice() throws Exception {
        server.orders().marketFillMode(MarketFillMode.ON_DEMAND);
        TinkoffBroker broker = broker();
        book.add(order("c-1", OrderSide.BUY, OrderType.LIMIT, 10, "240.00"));
        broker.takeNewOrders();
        assertThat(book.status("c-1")).isEqualTo(OrderStatus.SUBMITTED);

        server.orders().fill("c-1", 4, new BigDecimal("249.00"));
        broker.pollWorking();
        server.orders().fill("c-1", 6, new BigDecimal("250.50"));
        broker.pollWorking();

        assertThat(book.trades).extracting(t -> t.fill().lots() + "@" + t.fill().price().toPlainString())
                .containsExactly("4@249", "6@250.5");
        assertThat(book.status("c-1")).isEqualTo(OrderStatus.FILLED);
        BrokerChange.Trade last = book.trades.get(1);
        assertThat(last.positionQuantity()).isEqualTo(100);
        assertThat(last.averagePrice()).isEqualByComparingTo("249.9");   // (40 x 249 + 60 x 250.5) / 100
        assertThat(book.trades).extracting(t -> t.fill().tradeId()).doesNotHaveDuplicates();
    }

    @Test
    void pollWorking_whenRestartedBetweenTwoPartialFills_thenOnlyTheNewPartIsBookedAtItsOwnPrice() throws Exception {
        server.orders().marketFillMode(MarketFillMode.ON_DEMAND);
        TinkoffBroker first = broker();
        book.add(order("c-2", OrderSide.BUY, OrderType.LIMIT, 10, "240.00"));
        first.takeNewOrders();
        server.orders().fill("c-2", 4, new BigDecimal("100.00"));
        first.pollWorking();
        first.stop();

        server.orders().fill("c-2", 6, new BigDecimal("110.00"));
        TinkoffBroker second = broker();   // a restart: nothing in memory, the book has 4 lots filled
        second.pollWorking();

        assertThat(book.trades).extracting(t -> t.fill().lots() + "@" + t.fill().price().toPlainString())
                .containsExactly("4@100", "6@110");
        assertThat(book.status("c-2")).isEqualTo(OrderStatus.FILLED);
    }

    @Test
    void pollWorking_whenTheStoreFailsOnce_thenTheFillIsBookedOnceOnTheNextRound() throws Exception {
        TinkoffBroker broker = broker();
        book.add(order("c-3", OrderSide.BUY, OrderType.MARKET, 2, null));
        broker.takeNewOrders();
        book.failNextApply.set(1);

        broker.pollWorking();
        assertThat(book.trades).isEmpty();
        assertThat(errors).extracting(ErrorEvent::code).contains("order_execution_failed");
        broker.pollWorking();

        assertThat(book.trades).hasSize(1);
        assertThat(book.trades.get(0).positionQuantity()).as("the ledger did not keep the fill the store refused").isEqualTo(20);
        assertThat(book.trades.get(0).cashAfter()).isEqualByComparingTo(new BigDecimal("1000000").subtract(new BigDecimal("5002.50")));
    }

    @Test
    void takeNewOrders_whenTheAnswerIsLostAndTradingStopsMeanwhile_thenTheOrderIsFoundAndFollowedNotCalledUnsent() throws Exception {
        server.orders().marketFillMode(MarketFillMode.ON_DEMAND);
        server.faults().on(OrdersServiceGrpc.getPostOrderMethod()).applyThenFail(Status.Code.UNAVAILABLE)
                .fail(Status.Code.UNAVAILABLE, 2);
        TinkoffBroker broker = broker();
        book.add(order("c-4", OrderSide.BUY, OrderType.LIMIT, 1, "240.00"));

        broker.takeNewOrders();
        assertThat(book.status("c-4")).as("outcome unknown: kept NEW").isEqualTo(OrderStatus.NEW);
        stopTrading = true;
        broker.takeNewOrders();

        assertThat(book.status("c-4")).as("found working at Tinkoff, followed").isEqualTo(OrderStatus.SUBMITTED);
        assertThat(book.brokerId("c-4")).isEqualTo(server.orders().state("c-4").orElseThrow().getOrderId());
        assertThat(server.orders().countWithRequestId("c-4")).isEqualTo(1);
    }

    @Test
    void takeNewOrders_whenNewAtStartAndTradingStopped_thenLookedForAndNeitherSentNorRejected() throws Exception {
        stopTrading = true;
        book.add(order("c-5", OrderSide.BUY, OrderType.MARKET, 1, null));
        TinkoffBroker broker = broker();   // NEW at start: it may have been sent before a restart

        broker.takeNewOrders();

        assertThat(book.status("c-5")).isEqualTo(OrderStatus.NEW);
        assertThat(server.orders().all()).isEmpty();
        stopTrading = false;
        broker.takeNewOrders();
        assertThat(book.status("c-5")).isEqualTo(OrderStatus.SUBMITTED);
        assertThat(server.orders().countWithRequestId("c-5")).isEqualTo(1);
    }

    @Test
    void takeNewOrders_whenTinkoffSaysTheKeyWasUsedAndTheOrderIsNotWorking_thenKeptNewWithACriticalError() throws Exception {
        server.orders().duplicatePolicy(DuplicateOrderPolicy.REJECT);
        client.place("c-6", SBER, OrderSide.BUY, 1, null);   // placed and filled before, e.g. by a run that crashed
        TinkoffBroker broker = broker();
        book.add(order("c-6", OrderSide.BUY, OrderType.MARKET, 1, null));

        broker.takeNewOrders();

        assertThat(book.status("c-6")).as("not rejected: it may have filled").isEqualTo(OrderStatus.NEW);
        assertThat(errors).anySatisfy(e -> {
            assertThat(e.code()).isEqualTo("order_execution_failed");
            assertThat(e.severity().code()).isEqualTo("critical");
            assertThat(e.message()).contains("placed before");
        });
        assertThat(server.orders().countWithRequestId("c-6")).isEqualTo(1);
    }

    @Test
    void takeNewOrders_whenTradingStopped_thenRejectedUnsent() throws Exception {
        TinkoffBroker broker = broker();
        book.add(order("c-7", OrderSide.BUY, OrderType.MARKET, 1, null));
        stopTrading = true;

        broker.takeNewOrders();

        assertThat(book.status("c-7")).isEqualTo(OrderStatus.REJECTED);
        assertThat(book.reason("c-7")).startsWith("not_sent: trading stopped");
        assertThat(server.orders().all()).isEmpty();
    }

    @ParameterizedTest
    @EnumSource(value = Status.Code.class, names = {"UNAVAILABLE", "DEADLINE_EXCEEDED", "RESOURCE_EXHAUSTED"})
    void takeNewOrders_whenTinkoffFailsUntilPastTheSendWindow_thenRejectedWithTheErrorTextAndNeverSentLate(Status.Code code)
            throws Exception {
        server.faults().on(OrdersServiceGrpc.getPostOrderMethod()).fail(code, 1000);
        Instant[] now = {Instant.parse("2024-03-04T07:05:10Z")};
        TinkoffBroker broker = broker(clock(now));
        book.add(order("c-8", OrderSide.BUY, OrderType.MARKET, 1, null));

        broker.takeNewOrders();
        assertThat(book.status("c-8")).as("10 s after the decision: kept NEW, sent again next round").isEqualTo(OrderStatus.NEW);
        now[0] = Instant.parse("2024-03-04T07:06:01Z");
        broker.takeNewOrders();

        assertThat(book.status("c-8")).as("61 s after the decision, Tinkoff still failing").isEqualTo(OrderStatus.REJECTED);
        assertThat(book.reason("c-8")).contains("sendWindowSeconds=60", code.name());
        assertThat(errors).filteredOn(e -> e.message().contains("given up")).singleElement()
                .satisfies(e -> assertThat(e.severity()).isEqualTo(Severity.CRITICAL));
        assertThat(controlChanges).as("a try may have reached Tinkoff: safe mode until a person reconciles")
                .singleElement().asString().startsWith("setSafeMode [true, broker_tinkoff: order c-8 given up");
        server.faults().clear();
        broker.takeNewOrders();
        assertThat(server.orders().countWithRequestId("c-8")).as("not sent once Tinkoff answers again").isZero();
    }

    @Test
    void takeNewOrders_whenDecidedLongerAgoThanTheSendWindow_thenRejectedUnsent() throws Exception {
        stopTrading = false;
        Instant[] now = {Instant.parse("2024-03-04T07:15:00Z")};   // e.g. the platform was down for ten minutes
        TinkoffBroker broker = broker(clock(now));
        book.add(order("c-9", OrderSide.BUY, OrderType.MARKET, 1, null));

        broker.takeNewOrders();

        assertThat(book.status("c-9")).isEqualTo(OrderStatus.REJECTED);
        assertThat(book.reason("c-9")).contains("decided too long ago");
        assertThat(controlChanges).as("never tried: nothing at Tinkoff to doubt").isEmpty();
        assertThat(server.orders().countWithRequestId("c-9")).isZero();
    }

    private TinkoffBroker broker() {
        return broker(Clock.fixed(Instant.parse("2024-03-04T07:05:00Z"), ZoneOffset.UTC));
    }

    private TinkoffBroker broker(Clock clock) {
        return new TinkoffBroker(client, book, market(), errors::add, controls(), heartbeats(), clock);
    }

    /** A clock that reads {@code now[0]}, which the test moves. */
    private static Clock clock(Instant[] now) {
        return new Clock() {
            @Override
            public ZoneOffset getZone() {
                return ZoneOffset.UTC;
            }

            @Override
            public Clock withZone(java.time.ZoneId zone) {
                throw new UnsupportedOperationException();
            }

            @Override
            public Instant instant() {
                return now[0];
            }
        };
    }

    private static Order order(String id, OrderSide side, OrderType type, long lots, String price) {
        return new Order(0, id, ROW, 1, SBER, side, type, lots, price == null ? null : new BigDecimal(price), null, null,
                OrderStatus.NEW, null, Instant.parse("2024-03-04T07:05:00Z"));
    }

    private static MarketDataRepository market() {
        Instrument sber = new Instrument(SBER, "SBER", "TQBR", 10, new BigDecimal("0.01"), "rub");
        return proxy(MarketDataRepository.class, (name, args) -> switch (name) {
            case "findInstrument" -> SBER.equals(args[0]) ? Optional.of(sber) : Optional.empty();
            default -> throw new UnsupportedOperationException(name);
        });
    }

    private TradingControlRepository controls() {
        return proxy(TradingControlRepository.class, (name, args) -> {
            if (name.startsWith("set")) {
                controlChanges.add(name + " " + java.util.Arrays.toString(args));
            }
            return new TradingControl(stopTrading, false, stopTrading ? "test" : null, stopTrading ? "tester" : null,
                    Instant.EPOCH);
        });
    }

    private static ServiceStatusRepository heartbeats() {
        return proxy(ServiceStatusRepository.class, (name, args) -> null);
    }

    /** A method call of an interface answered by {@code answer(name, args)}. */
    private interface Answer {
        Object answer(String name, Object[] args);
    }

    private static <T> T proxy(Class<T> type, Answer answer) {
        return type.cast(Proxy.newProxyInstance(type.getClassLoader(), new Class<?>[] {type},
                (p, method, args) -> method.getDeclaringClass() == Object.class ? method.invoke(answer, args)
                        : answer.answer(method.getName(), args)));
    }
}
