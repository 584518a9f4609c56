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
import java.util.Set;

import io.grpc.Status;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import ru.tinkoff.piapi.contract.v1.StopOrdersServiceGrpc;

import dev.strela.api.error.ErrorEvent;
import dev.strela.api.model.Instrument;
import dev.strela.api.model.Order;
import dev.strela.api.model.OrderSide;
import dev.strela.api.model.OrderStatus;
import dev.strela.api.model.OrderType;
import dev.strela.api.protective.ProtectiveLegs;
import dev.strela.api.protective.ProtectiveRole;
import dev.strela.persistence.BrokerChange;
import dev.strela.persistence.MarketDataRepository;
import dev.strela.persistence.ServiceStatusRepository;
import dev.strela.persistence.TradingControl;
import dev.strela.persistence.TradingControlRepository;
import dev.strela.testing.tinkoff.MarketFillMode;
import dev.strela.testing.tinkoff.TestInstrument;
import dev.strela.testing.tinkoff.TinkoffSandboxServer;

/**
 * The stop-loss and take-profit of live entries as stop orders at the loopback server: placed once the entry fills,
 * for the lots it filled, on the tick; a triggered leg booked and its sibling cancelled; both cancelled when the
 * strategy closes; a lost answer, a refusal and a restart. The server is asked what it holds after each step.
 */
class TinkoffBrokerStopOrderTest {

    private static final String SBER = TinkoffClientTest.SBER;
    private static final long ROW = 7;

    private TinkoffSandboxServer server;
    private Connection connection;
    private TinkoffClient client;
    private final MemoryBrokerStore book = new MemoryBrokerStore();
    private final List<ErrorEvent> errors = new ArrayList<>();
    private final Controls controls = new Controls();

    @BeforeEach
    void start() throws Exception {
        server = new TinkoffSandboxServer().start();
        server.market().register(TestInstrument.share(TinkoffClientTest.SBER_FIGI, SBER, "SBER").lot(10)
                .minPriceIncrement("0.01").build());
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
    void entryFill_whenItCarriesStopAndTake_thenASellStopLossAndTakeProfitAtTinkoffForItsLotsOnTheTick() throws Exception {
        TinkoffBroker broker = broker();

        enter(broker, "e-1", OrderSide.BUY, 3, "245.004", "255.009");

        List<Order> legs = book.legsOf("e-1");
        assertThat(legs).extracting(o -> book.role(o.clientOrderId()) + " " + o.side() + " " + o.lots() + "@"
                + o.price().toPlainString() + " " + o.status())
                .containsExactly("STOP_LOSS SELL 3@245.01 SUBMITTED", "TAKE_PROFIT SELL 3@255.00 SUBMITTED");
        assertThat(legs.get(0).clientOrderId()).isEqualTo(ProtectiveLegs.childId("tinkoff", "e-1", ProtectiveRole.STOP_LOSS, 3));
        assertThat(client.stopOrders()).extracting(s -> s.stopOrderId() + " " + s.role() + " " + s.side() + " " + s.lots()
                        + "@" + s.stopPrice().toPlainString())
                .containsExactlyInAnyOrder(legs.get(0).brokerOrderId() + " STOP_LOSS SELL 3@245.01",
                        legs.get(1).brokerOrderId() + " TAKE_PROFIT SELL 3@255");
        assertThat(errors).isEmpty();
    }

    @Test
    void entryFill_whenAShortWithStopAndTake_thenBuyLegsRoundedTowardTheEntry() throws Exception {
        TinkoffBroker broker = broker();

        enter(broker, "e-2", OrderSide.SELL, 2, "255.009", "244.991");

        assertThat(book.legsOf("e-2")).extracting(o -> book.role(o.clientOrderId()) + " " + o.side() + " " + o.lots() + "@"
                + o.price().toPlainString()).containsExactly("STOP_LOSS BUY 2@255.00", "TAKE_PROFIT BUY 2@245.00");
        assertThat(client.stopOrders()).hasSize(2).allSatisfy(s -> assertThat(s.side()).isEqualTo(OrderSide.BUY));
    }

    @Test
    void entryFill_whenItFillsInTwoParts_thenEachPartGetsAPairForItsOwnLots() throws Exception {
        server.orders().marketFillMode(MarketFillMode.ON_DEMAND);
        TinkoffBroker broker = broker();
        book.add(order("e-3", OrderSide.BUY, OrderType.LIMIT, 10, "249.50", "240.00", "270.00"));
        broker.takeNewOrders();

        server.orders().fill("e-3", 4, new BigDecimal("249.00"));
        broker.pollWorking();
        assertThat(client.stopOrders()).extracting(s -> s.role() + " " + s.lots())
                .containsExactlyInAnyOrder("STOP_LOSS 4", "TAKE_PROFIT 4");
        server.orders().fill("e-3", 6, new BigDecimal("249.50"));
        broker.pollWorking();

        assertThat(client.stopOrders()).extracting(s -> s.role() + " " + s.lots())
                .containsExactlyInAnyOrder("STOP_LOSS 4", "TAKE_PROFIT 4", "STOP_LOSS 6", "TAKE_PROFIT 6");
        assertThat(book.legsOf("e-3")).extracting(Order::clientOrderId).doesNotHaveDuplicates()
                .contains(ProtectiveLegs.childId("tinkoff", "e-3", ProtectiveRole.STOP_LOSS, 4),
                        ProtectiveLegs.childId("tinkoff", "e-3", ProtectiveRole.STOP_LOSS, 10));
    }

    @Test
    void stopLoss_whenThePriceCrossesIt_thenItsFillIsBookedTheTakeProfitCancelledAtTinkoffAndThePositionFlat() throws Exception {
        TinkoffBroker broker = broker();
        enter(broker, "e-4", OrderSide.BUY, 3, "245.00", "260.00");
        Order stop = leg("e-4", ProtectiveRole.STOP_LOSS);
        Order take = leg("e-4", ProtectiveRole.TAKE_PROFIT);

        server.market().setPrice(SBER, "244.90");
        broker.pollWorking();

        assertThat(book.status(stop.clientOrderId())).isEqualTo(OrderStatus.FILLED);
        assertThat(book.status(take.clientOrderId())).isEqualTo(OrderStatus.CANCELLED);
        assertThat(book.reason(take.clientOrderId())).isEqualTo("oco_stop_loss_triggered: stop_loss=" + stop.clientOrderId());
        assertThat(book.brokerId(stop.clientOrderId())).as("the row keeps its stop order's id").isEqualTo(stop.brokerOrderId());
        BrokerChange.Trade sold = book.trades.get(book.trades.size() - 1);
        assertThat(sold.clientOrderId()).isEqualTo(stop.clientOrderId());
        assertThat(sold.fill().side()).isEqualTo(OrderSide.SELL);
        assertThat(sold.fill().lots()).isEqualTo(3);
        assertThat(sold.fill().price()).isEqualByComparingTo("244.90");
        assertThat(sold.fill().brokerOrderId()).isEqualTo(server.orders().orderOfStop(stop.brokerOrderId()).orElseThrow().getOrderId());
        assertThat(sold.positionQuantity()).isZero();
        assertThat(book.cash).isEqualByComparingTo(server.accounts().cash(client.accountId()));
        assertThat(server.accounts().position(client.accountId(), SBER)).isZero();
        assertThat(client.stopOrders()).as("no orphan at Tinkoff").isEmpty();
        assertThat(server.orders().isStopOrderActive(take.brokerOrderId())).isFalse();
        assertThat(errors).isEmpty();
    }

    @Test
    void takeProfit_whenReached_thenItsFillIsBookedAndTheStopLossCancelledAtTinkoff() throws Exception {
        TinkoffBroker broker = broker();
        enter(broker, "e-5", OrderSide.BUY, 2, "245.00", "255.00");
        Order stop = leg("e-5", ProtectiveRole.STOP_LOSS);
        Order take = leg("e-5", ProtectiveRole.TAKE_PROFIT);

        server.market().setPrice(SBER, "255.10");
        broker.pollWorking();

        assertThat(book.status(take.clientOrderId())).isEqualTo(OrderStatus.FILLED);
        assertThat(book.status(stop.clientOrderId())).isEqualTo(OrderStatus.CANCELLED);
        assertThat(book.reason(stop.clientOrderId())).isEqualTo("oco_take_profit_triggered: take_profit=" + take.clientOrderId());
        assertThat(book.trades.get(book.trades.size() - 1).positionQuantity()).isZero();
        assertThat(client.stopOrders()).isEmpty();
    }

    @Test
    void bothLegs_whenBothTriggerBeforeTheRound_thenBothBookedAndThePositionPastFlatReported() throws Exception {
        TinkoffBroker broker = broker();
        enter(broker, "e-12", OrderSide.BUY, 1, "245.00", "255.00");

        server.market().setPrice(SBER, "244.00");   // the stop-loss sells
        server.market().setPrice(SBER, "256.00");   // and the take-profit too, before the adapter looks
        broker.pollWorking();

        assertThat(book.legsOf("e-12")).allSatisfy(o -> assertThat(o.status()).isEqualTo(OrderStatus.FILLED));
        assertThat(book.trades.get(book.trades.size() - 1).positionQuantity()).isEqualTo(-10);
        assertThat(server.accounts().position(client.accountId(), SBER)).isEqualTo(-10);
        assertThat(errors).singleElement().satisfies(e -> {
            assertThat(e.code()).isEqualTo("stop_order_failed");
            assertThat(e.message()).contains("past flat", "position=-10");
        });
        assertThat(controls.safeMode).isTrue();
    }

    @Test
    void stopOrders_whenAskedLessThanStopPollAgo_thenNotAskedAgainUntilThen() throws Exception {
        TinkoffBroker broker = new TinkoffBroker(client, book, market(), errors::add, controls, heartbeats(),
                Clock.fixed(Instant.parse("2024-03-04T07:05:00Z"), ZoneOffset.UTC), Duration.ofHours(1), TinkoffBroker.DEFAULT_SEND_WINDOW);
        enter(broker, "e-13", OrderSide.BUY, 1, "245.00", null);
        int asked = server.requests().count(StopOrdersServiceGrpc.getGetStopOrdersMethod());

        server.market().setPrice(SBER, "244.00");
        broker.pollWorking();

        assertThat(server.requests().count(StopOrdersServiceGrpc.getGetStopOrdersMethod())).isEqualTo(asked);
        assertThat(book.status(leg("e-13", ProtectiveRole.STOP_LOSS).clientOrderId())).as("booked on a later round")
                .isEqualTo(OrderStatus.SUBMITTED);
    }

    @Test
    void strategyClose_whenItFills_thenBothLegsCancelledAtTinkoff() throws Exception {
        TinkoffBroker broker = broker();
        enter(broker, "e-6", OrderSide.BUY, 3, "245.00", "260.00");
        assertThat(client.stopOrders()).hasSize(2);

        book.add(order("c-6", OrderSide.SELL, OrderType.MARKET, 3, null, null, null));
        broker.takeNewOrders();
        broker.pollWorking();

        assertThat(book.status("c-6")).isEqualTo(OrderStatus.FILLED);
        assertThat(book.legsOf("e-6")).allSatisfy(o -> {
            assertThat(o.status()).isEqualTo(OrderStatus.CANCELLED);
            assertThat(book.reason(o.clientOrderId())).isEqualTo("position_closed: quantity=0, by=c-6");
            assertThat(server.orders().isStopOrderActive(o.brokerOrderId())).isFalse();
        });
        assertThat(client.stopOrders()).isEmpty();
        assertThat(server.accounts().position(client.accountId(), SBER)).isZero();
    }

    @Test
    void stopLoss_whenTinkoffIsUnavailableTwiceThenAnswers_thenOneStopAtTinkoff() throws Exception {
        server.faults().on(StopOrdersServiceGrpc.getPostStopOrderMethod()).fail(Status.Code.UNAVAILABLE, 2);
        TinkoffBroker broker = broker();

        enter(broker, "e-7", OrderSide.BUY, 1, "245.00", null);

        assertThat(server.requests().count(StopOrdersServiceGrpc.getPostStopOrderMethod())).isEqualTo(3);
        Order stop = leg("e-7", ProtectiveRole.STOP_LOSS);
        assertThat(stop.status()).isEqualTo(OrderStatus.SUBMITTED);
        assertThat(client.stopOrders()).extracting(TinkoffClient.BrokerStop::stopOrderId).containsExactly(stop.brokerOrderId());
        assertThat(errors).isEmpty();
    }

    @Test
    void stopLoss_whenRefusedForGood_thenACriticalErrorAndSafeModeOnTheTakeProfitStillPlaced() throws Exception {
        server.faults().on(StopOrdersServiceGrpc.getPostStopOrderMethod()).reject("30079");
        TinkoffBroker broker = broker();

        enter(broker, "e-8", OrderSide.BUY, 2, "245.00", "260.00");

        assertThat(errors).singleElement().satisfies(e -> {
            assertThat(e.code()).isEqualTo("stop_order_failed");
            assertThat(e.severity().code()).isEqualTo("critical");
            assertThat(e.strategyUniverseId()).isEqualTo(ROW);
            assertThat(e.message()).contains("role=STOP_LOSS", "entry=e-8", "30079", "safe mode on");
        });
        assertThat(controls.safeMode).isTrue();
        assertThat(controls.reason).contains("STOP_LOSS of e-8 could not be placed");
        assertThat(book.legsOf("e-8")).extracting(o -> book.role(o.clientOrderId())).containsExactly("TAKE_PROFIT");
        assertThat(client.stopOrders()).extracting(TinkoffClient.BrokerStop::role).containsExactly(ProtectiveRole.TAKE_PROFIT);
    }

    @Test
    void restart_whenStopsAndTheirRowsExistAndAnOrphanToo_thenNoDuplicateAndTheOrphanCancelled() throws Exception {
        TinkoffBroker first = broker();
        enter(first, "e-9", OrderSide.BUY, 3, "245.00", "260.00");
        String orphan = client.postStopOrder(SBER, ProtectiveRole.STOP_LOSS, OrderSide.SELL, 1, new BigDecimal("200.00"),
                new BigDecimal("0.01"), Set.of());
        first.stop();
        int posted = server.requests().count(StopOrdersServiceGrpc.getPostStopOrderMethod());

        TinkoffBroker second = broker();
        second.pollWorking();
        second.pollWorking();

        assertThat(server.requests().count(StopOrdersServiceGrpc.getPostStopOrderMethod())).as("nothing placed again")
                .isEqualTo(posted);
        assertThat(server.orders().isStopOrderActive(orphan)).isFalse();
        assertThat(client.stopOrders()).extracting(TinkoffClient.BrokerStop::stopOrderId)
                .containsExactlyInAnyOrderElementsOf(book.legsOf("e-9").stream().map(Order::brokerOrderId).toList());
        assertThat(book.legsOf("e-9")).allSatisfy(o -> assertThat(o.status()).isEqualTo(OrderStatus.SUBMITTED));
        assertThat(errors).singleElement().satisfies(e -> {
            assertThat(e.code()).isEqualTo("stop_order_orphaned");
            assertThat(e.message()).contains(orphan, "cancelled");
        });
        assertThat(controls.safeMode).isFalse();
    }

    @Test
    void restart_whenTheStopLossTriggeredWhileDown_thenItsFillIsBookedAndTheTakeProfitCancelled() throws Exception {
        TinkoffBroker first = broker();
        enter(first, "e-10", OrderSide.BUY, 3, "245.00", "260.00");
        first.stop();
        server.market().setPrice(SBER, "244.00");

        TinkoffBroker second = broker();
        second.pollWorking();

        assertThat(book.status(leg("e-10", ProtectiveRole.STOP_LOSS).clientOrderId())).isEqualTo(OrderStatus.FILLED);
        assertThat(book.status(leg("e-10", ProtectiveRole.TAKE_PROFIT).clientOrderId())).isEqualTo(OrderStatus.CANCELLED);
        assertThat(book.trades.get(book.trades.size() - 1).positionQuantity()).isZero();
        assertThat(client.stopOrders()).isEmpty();
        assertThat(errors).isEmpty();
    }

    @Test
    void stopLoss_whenCancelledAtTinkoffByHand_thenTheRowCancelledACriticalErrorAndSafeMode() throws Exception {
        TinkoffBroker broker = broker();
        enter(broker, "e-11", OrderSide.BUY, 1, "245.00", null);
        Order stop = leg("e-11", ProtectiveRole.STOP_LOSS);
        client.cancelStopOrder(stop.brokerOrderId());   // someone cancels it in Tinkoff's app

        broker.pollWorking();

        assertThat(book.status(stop.clientOrderId())).isEqualTo(OrderStatus.CANCELLED);
        assertThat(book.reason(stop.clientOrderId())).startsWith("stop_order_gone");
        assertThat(errors).singleElement().satisfies(e -> {
            assertThat(e.code()).isEqualTo("stop_order_failed");
            assertThat(e.severity().code()).isEqualTo("critical");
        });
        assertThat(controls.safeMode).isTrue();
    }

    // ---- helpers ----------------------------------------------------------------------------------------------------

    /** A market entry sent and its fill booked (the server fills market orders at once). */
    private void enter(TinkoffBroker broker, String id, OrderSide side, long lots, String stopLoss, String takeProfit)
            throws InterruptedException {
        book.add(order(id, side, OrderType.MARKET, lots, null, stopLoss, takeProfit));
        broker.takeNewOrders();
        broker.pollWorking();
        assertThat(book.status(id)).isEqualTo(OrderStatus.FILLED);
    }

    private Order leg(String entry, ProtectiveRole role) {
        return book.legsOf(entry).stream().filter(o -> role.name().equals(book.role(o.clientOrderId()))).findFirst()
                .orElseThrow(() -> new AssertionError("no " + role + " of " + entry));
    }

    private TinkoffBroker broker() {
        return new TinkoffBroker(client, book, market(), errors::add, controls, heartbeats(),
                Clock.fixed(Instant.parse("2024-03-04T07:05:00Z"), ZoneOffset.UTC));
    }

    private static Order order(String id, OrderSide side, OrderType type, long lots, String price, String stopLoss,
                               String takeProfit) {
        return new Order(0, id, ROW, 1, SBER, side, type, lots, decimal(price), decimal(stopLoss), decimal(takeProfit),
                OrderStatus.NEW, null, Instant.parse("2024-03-04T07:05:00Z"));
    }

    private static BigDecimal decimal(String text) {
        return text == null ? null : new BigDecimal(text);
    }

    private static MarketDataRepository market() {
        Instrument sber = new Instrument(SBER, "SBER", "TQBR", 10, new BigDecimal("0.01"), "rub");
        return proxy(MarketDataRepository.class, (name, args) -> {
            if (name.equals("findInstrument")) {
                return SBER.equals(args[0]) ? Optional.of(sber) : Optional.empty();
            }
            throw new UnsupportedOperationException(name);
        });
    }

    private static ServiceStatusRepository heartbeats() {
        return proxy(ServiceStatusRepository.class, (name, args) -> null);
    }

    private interface Answer {
        Object answer(String name, Object[] args);
    }

    private static <T> T proxy(Class<T> type, Answer answer) {
        return type.cast(Proxy.newProxyInstance(type.getClassLoader(), new Class<?>[] {type},
                (p, method, args) -> method.getDeclaringClass() == Object.class ? method.invoke(answer, args)
                        : answer.answer(method.getName(), args)));
    }

    /** The trading controls, as the adapter changes them. */
    private static final class Controls implements TradingControlRepository {
        boolean stopTrading;
        boolean safeMode;
        String reason;

        @Override
        public TradingControl current() {
            return new TradingControl(stopTrading, safeMode, reason, "test", Instant.EPOCH);
        }

        @Override
        public TradingControl setStopTrading(boolean on, String why, String who) {
            stopTrading = on;
            reason = why;
            return current();
        }

        @Override
        public TradingControl acknowledge(long errorId, String note, String who) {
            return current();
        }

        @Override
        public TradingControl setSafeMode(boolean on, String why, String who) {
            safeMode = on;
            reason = why;
            assertThat(who).isEqualTo(TinkoffBroker.COMPONENT);
            return current();
        }
    }
}
