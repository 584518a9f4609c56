package dev.strela.persistence.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import dev.strela.api.model.Fill;
import dev.strela.api.model.Direction;
import dev.strela.api.model.Instrument;
import dev.strela.api.model.Position;
import dev.strela.api.model.Order;
import dev.strela.api.model.OrderSide;
import dev.strela.api.model.OrderStatus;
import dev.strela.api.model.OrderType;
import dev.strela.api.model.Timeframe;
import dev.strela.api.model.TradingMode;
import dev.strela.persistence.BrokerChange;
import dev.strela.persistence.BrokerChange.ProtectiveOrder;
import dev.strela.persistence.BrokerChange.StatusChange;
import dev.strela.persistence.BrokerChange.Trade;
import dev.strela.persistence.PositionRow;
import dev.strela.persistence.TradingSnapshot;
import dev.strela.persistence.WorkingOrderRow;

class JdbiBrokerStoreTest {

    private static final String REPLAY = "replay-broker-test";
    private static final Instant T = Instant.parse("2024-03-04T07:00:00Z");
    private static TestDatabase database;
    private static JdbiBrokerStore store;
    private static JdbiExecutionStore execution;
    private static TradingFixtures fixtures;
    private static long sma;
    private static long donchian;
    private static long smaGazp;

    @BeforeAll
    static void start() throws Exception {
        database = TestDatabase.start();
        JdbiMarketDataRepository market = new JdbiMarketDataRepository(database.db);
        market.saveInstrument(new Instrument("sber", "SBER", "TQBR", 10, new BigDecimal("0.01"), "rub"));
        market.saveInstrument(new Instrument("gazp", "GAZP", "TQBR", 1, new BigDecimal("0.01"), "rub"));
        JdbiStrategyUniverseRepository universe = new JdbiStrategyUniverseRepository(database.db);
        sma = universe.add("sma_crossover", "sber", Timeframe.M5, TradingMode.PAPER, "{}", true);
        donchian = universe.add("donchian_breakout", "sber", Timeframe.M5, TradingMode.PAPER, "{}", true);
        smaGazp = universe.add("sma_crossover", "gazp", Timeframe.M5, TradingMode.PAPER, "{}", true);
        store = new JdbiBrokerStore(database.db);
        execution = new JdbiExecutionStore(database.db);
        fixtures = new TradingFixtures(database.jdbi());
        database.jdbi().useHandle(h -> h.execute("INSERT INTO runs (id, kind) VALUES (?, 'replay')", REPLAY));
    }

    @AfterAll
    static void stop() throws Exception {
        database.close();
    }

    @BeforeEach
    void clean() {
        database.jdbi().useHandle(h -> h.execute("TRUNCATE live_trades, live_positions, live_orders, accounts"));
    }

    @Test
    void newOrders_onlyNewOrdersOfThatBroker_ofAllRuns_lowestIdFirst() {
        order("n-1", "paper", sma, "BUY", "MARKET", 1, 0, null, "NEW");
        order("n-2", "paper", sma, "BUY", "LIMIT", 2, 0, "250", "SUBMITTED");
        fixtures.order("n-3", "tinkoff", "paper", sma, "sber", "BUY", "MARKET", 1, 0, null, "NEW");
        order("n-4", REPLAY, donchian, "SELL", "STOP_LOSS", 1, 0, "240", "NEW");
        order("n-5", "paper", sma, "BUY", "LIMIT", 2, 0, "249", "CANCELLED");
        order("n-6", "paper", smaGazp, "SELL", "LIMIT", 3, 0, "170", "NEW");

        List<Order> orders = store.newOrders("fake");

        assertThat(orders).extracting(Order::clientOrderId).containsExactly("n-1", "n-4", "n-6");
        assertThat(orders.get(1)).extracting(Order::type, Order::side, Order::strategyUniverseId, Order::status)
                .containsExactly(OrderType.STOP, OrderSide.SELL, donchian, OrderStatus.NEW);
        assertThat(orders.get(1).price()).isEqualByComparingTo("240");
        assertThat(store.newOrders("tinkoff")).extracting(Order::clientOrderId).containsExactly("n-3");
        assertThat(store.newOrders("other")).isEmpty();
        assertThat(store.newOrders("fake", "paper")).extracting(Order::clientOrderId).containsExactly("n-1", "n-6");
        assertThat(store.newOrders("fake", REPLAY)).extracting(Order::clientOrderId).containsExactly("n-4");
        assertThat(store.newOrders("tinkoff", REPLAY)).isEmpty();
    }

    @Test
    void workingOrders_onlySubmittedAndPartiallyFilledOfThatBroker_withRunFilledLotsRoleAndParent() {
        order("w-entry", "paper", sma, "BUY", "LIMIT", 3, 1, "250", "PARTIALLY_FILLED");
        order("w-new", "paper", sma, "BUY", "MARKET", 1, 0, null, "NEW");
        order("w-filled", "paper", sma, "BUY", "MARKET", 2, 2, null, "FILLED");
        order("w-replay", REPLAY, smaGazp, "SELL", "LIMIT", 1, 0, "170", "SUBMITTED");
        fixtures.order("w-tinkoff", "tinkoff", "paper", sma, "sber", "BUY", "LIMIT", 1, 0, "250", "SUBMITTED");
        store.apply("paper", List.of(
                new ProtectiveOrder("w-take", "w-entry", OrderSide.SELL, "TAKE_PROFIT", 1, new BigDecimal("270"), "fake"),
                new StatusChange("w-take", OrderStatus.SUBMITTED, 0, "b-take", null)));

        List<WorkingOrderRow> rows = store.workingOrders("fake");

        assertThat(rows).extracting(r -> r.order().clientOrderId(), WorkingOrderRow::runId, WorkingOrderRow::filledLots,
                WorkingOrderRow::role, WorkingOrderRow::parentClientOrderId).containsExactly(
                tuple("w-entry", "paper", 1L, WorkingOrderRow.REGULAR, null),
                tuple("w-replay", REPLAY, 0L, WorkingOrderRow.REGULAR, null),
                tuple("w-take", "paper", 0L, WorkingOrderRow.TAKE_PROFIT, "w-entry"));
        Order take = rows.get(2).order();
        assertThat(take).extracting(Order::type, Order::side, Order::status, Order::brokerOrderId, Order::lots)
                .containsExactly(OrderType.LIMIT, OrderSide.SELL, OrderStatus.SUBMITTED, "b-take", 1L);
        assertThat(take.price()).isEqualByComparingTo("270");
        assertThat(store.workingOrders("tinkoff")).extracting(r -> r.order().clientOrderId()).containsExactly("w-tinkoff");
    }

    @Test
    void apply_whenStatusGoesNewSubmittedPartiallyFilledFilled_thenStatusFilledLotsAndBrokerIdStored() {
        order("l-1", "paper", sma, "BUY", "LIMIT", 3, 0, "250", "NEW");

        store.apply("paper", List.of(new StatusChange("l-1", OrderStatus.SUBMITTED, 0, "b-1", null)));
        assertThat(orderState("l-1")).isEqualTo("SUBMITTED 0 b-1 -");

        store.apply("paper", List.of(new StatusChange("l-1", OrderStatus.PARTIALLY_FILLED, 1, null, null)));
        assertThat(orderState("l-1")).isEqualTo("PARTIALLY_FILLED 1 b-1 -");

        store.apply("paper", List.of(new StatusChange("l-1", OrderStatus.PARTIALLY_FILLED, 2, null, null),
                new StatusChange("l-1", OrderStatus.FILLED, 3, null, "filled: bar=07:05")));
        assertThat(orderState("l-1")).isEqualTo("FILLED 3 b-1 -");
    }

    @Test
    void apply_whenTransitionRefused_thenEarlierChangesOfTheListRolledBack() {
        execution.ensureAccount("paper", "paper-account", "fake", new BigDecimal("100000"));
        order("r-new", "paper", sma, "BUY", "MARKET", 1, 0, null, "NEW");
        order("r-filled", "paper", sma, "BUY", "MARKET", 1, 1, null, "FILLED");
        List<BrokerChange> changes = List.of(
                new StatusChange("r-new", OrderStatus.SUBMITTED, 0, "b-new", null),
                trade("r-new", "tr-r", OrderSide.BUY, 1, "250", T, 10, 1, "250", "0", "9997.5"),
                new StatusChange("r-new", OrderStatus.FILLED, 1, null, null),
                new StatusChange("r-filled", OrderStatus.SUBMITTED, 1, null, null));

        assertThatThrownBy(() -> store.apply("paper", changes)).isInstanceOf(IllegalStateException.class)
                .hasMessage("order_transition_refused: client_order_id=r-filled, from=FILLED, to=SUBMITTED");

        assertThat(orderState("r-new")).isEqualTo("NEW 0 - -");
        assertThat(orderState("r-filled")).isEqualTo("FILLED 1 - -");
        assertThat(tradeCount()).isZero();
        assertThat(store.positions("paper")).isEmpty();
        assertThat(store.cash("paper")).hasValueSatisfying(c -> assertThat(c).isEqualByComparingTo("100000"));
    }

    @Test
    void apply_whenOrderUnknownOrFilledLotsWouldDecrease_thenRefused() {
        order("u-1", "paper", sma, "BUY", "LIMIT", 3, 2, "250", "PARTIALLY_FILLED");

        assertThatThrownBy(() -> store.apply("paper", List.of(new StatusChange("missing", OrderStatus.SUBMITTED, 0, null, null))))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("order_not_found: client_order_id=missing");
        assertThatThrownBy(() -> store.apply("paper", List.of(new StatusChange("u-1", OrderStatus.CANCELLED, 0, null, null))))
                .isInstanceOf(IllegalStateException.class).hasMessageStartingWith("order_filled_lots_decrease: client_order_id=u-1");
        assertThat(orderState("u-1")).isEqualTo("PARTIALLY_FILLED 2 - -");
    }

    @Test
    void apply_whenRejected_thenReasonStored_andOtherStatusesKeepNoReason() {
        order("j-1", "paper", sma, "BUY", "LIMIT", 2, 0, "250", "NEW");
        order("j-2", "paper", sma, "BUY", "LIMIT", 2, 0, "250", "SUBMITTED");

        store.apply("paper", List.of(
                new StatusChange("j-1", OrderStatus.REJECTED, 0, null, "insufficient_cash: need=5000, free=100"),
                new StatusChange("j-2", OrderStatus.CANCELLED, 0, null, "cancelled: by=user")));

        assertThat(orderState("j-1")).isEqualTo("REJECTED 0 - insufficient_cash: need=5000, free=100");
        assertThat(orderState("j-2")).isEqualTo("CANCELLED 0 - -");
    }

    @Test
    void apply_whenProtectiveOrders_thenLinkedToTheirParent_inItsRunRowAndSymbol() {
        long parent = order("p-entry", REPLAY, donchian, "BUY", "LIMIT", 2, 2, "250", "FILLED");

        store.apply(REPLAY, List.of(
                new ProtectiveOrder("p-stop", "p-entry", OrderSide.SELL, "STOP_LOSS", 2, new BigDecimal("240"), "fake"),
                new ProtectiveOrder("p-take", "p-entry", OrderSide.SELL, "TAKE_PROFIT", 2, new BigDecimal("270"), "fake")));

        List<String> rows = database.jdbi().withHandle(h -> h.createQuery("SELECT concat_ws(' ', client_order_id, run_id,"
                        + " parent_order_id, coalesce(signal_id::text, '-'), strategy_universe_id, symbol, side, order_type,"
                        + " lots, filled_lots, price, status, broker) FROM live_orders WHERE parent_order_id IS NOT NULL ORDER BY id")
                .mapTo(String.class).list());
        assertThat(rows).containsExactly(
                "p-stop " + REPLAY + " " + parent + " - " + donchian + " sber SELL STOP_LOSS 2 0 240 NEW fake",
                "p-take " + REPLAY + " " + parent + " - " + donchian + " sber SELL TAKE_PROFIT 2 0 270 NEW fake");
        assertThat(store.newOrders("fake")).extracting(Order::clientOrderId, Order::type, Order::signalId)
                .containsExactly(tuple("p-stop", OrderType.STOP, 0L), tuple("p-take", OrderType.LIMIT, 0L));
        assertThatThrownBy(() -> store.apply(REPLAY, List.of(new ProtectiveOrder("p-orphan", "missing", OrderSide.SELL,
                "STOP_LOSS", 1, BigDecimal.TEN, "fake"))))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("parent_order_not_found: client_order_id=missing");
    }

    @Test
    void apply_whenTrade_thenTradeRowPositionAndCashStored_andOpenedAtKeptWhileOpen() {
        assertThat(store.cash("paper")).isEmpty();
        execution.ensureAccount("paper", "paper-account", "fake", new BigDecimal("100000"));
        long id = order("f-1", "paper", sma, "BUY", "LIMIT", 3, 0, "252", "SUBMITTED");

        store.apply("paper", List.of(trade("f-1", "tr-1", OrderSide.BUY, 2, "250", T, 20, 2, "250", "0", "94995"),
                new StatusChange("f-1", OrderStatus.PARTIALLY_FILLED, 2, null, null)));

        List<String> trades = database.jdbi().withHandle(h -> h.createQuery("SELECT concat_ws(' ', run_id, order_id,"
                + " broker_trade_id, symbol, side, lots, quantity, price, commission) FROM live_trades ORDER BY id").mapTo(String.class).list());
        assertThat(trades).containsExactly("paper " + id + " tr-1 sber BUY 2 20 250 5.000");
        Instant executed = database.jdbi().withHandle(h -> h.createQuery("SELECT executed_at FROM live_trades")
                .mapTo(Instant.class).one());
        assertThat(executed).isEqualTo(T);
        PositionRow position = onlyPosition("paper");
        assertThat(position).extracting(PositionRow::strategyUniverseId, PositionRow::strategy, PositionRow::symbol,
                PositionRow::quantity, PositionRow::lots, PositionRow::openedAt).containsExactly(sma, "sma_crossover", "sber", 20L, 2L, T);
        assertThat(position.averagePrice()).isEqualByComparingTo("250");
        assertThat(position.realizedPnl()).isEqualByComparingTo("0");
        assertThat(position.commission()).isEqualByComparingTo("5");
        assertThat(position.updatedAt()).isNotNull();
        assertThat(store.cash("paper")).hasValueSatisfying(c -> assertThat(c).isEqualByComparingTo("94995"));
        assertThat(orderState("f-1")).isEqualTo("PARTIALLY_FILLED 2 - -");

        store.apply("paper", List.of(trade("f-1", "tr-2", OrderSide.BUY, 1, "252", T.plusSeconds(60), 30, 3, "250.6667",
                "0", "92472.48")));

        PositionRow added = onlyPosition("paper");
        assertThat(added).extracting(PositionRow::quantity, PositionRow::lots, PositionRow::openedAt).containsExactly(30L, 3L, T);
        assertThat(added.averagePrice()).isEqualByComparingTo("250.6667");
        assertThat(tradeCount()).isEqualTo(2);
        assertThat(store.cash("paper")).hasValueSatisfying(c -> assertThat(c).isEqualByComparingTo("92472.48"));
    }

    @Test
    void apply_whenTradeClosesThePosition_thenFlatWithoutPriceAndOpenTime_andRealizedPnlKept() {
        execution.ensureAccount("paper", "paper-account", "fake", new BigDecimal("100000"));
        order("c-buy", "paper", sma, "BUY", "MARKET", 2, 0, null, "SUBMITTED");
        order("c-sell", "paper", sma, "SELL", "MARKET", 2, 0, null, "SUBMITTED");
        order("c-short", "paper", sma, "SELL", "MARKET", 1, 0, null, "SUBMITTED");
        order("c-reverse", "paper", sma, "BUY", "MARKET", 2, 0, null, "SUBMITTED");
        store.apply("paper", List.of(trade("c-buy", "tr-1", OrderSide.BUY, 2, "250", T, 20, 2, "250", "0", "94995")));

        store.apply("paper", List.of(trade("c-sell", "tr-2", OrderSide.SELL, 2, "260", T.plusSeconds(300), 0, 0, "250",
                "200", "100189.8")));

        PositionRow flat = onlyPosition("paper");
        assertThat(flat).extracting(PositionRow::quantity, PositionRow::lots, PositionRow::averagePrice, PositionRow::openedAt)
                .containsExactly(0L, 0L, null, null);
        assertThat(flat.realizedPnl()).isEqualByComparingTo("200");
        assertThat(flat.commission()).isEqualByComparingTo("10.2");
        assertThat(store.cash("paper")).hasValueSatisfying(c -> assertThat(c).isEqualByComparingTo("100189.8"));
        // the strategy's Context reads the closed position: FLAT at an average of 0, its realized PnL kept
        Position seen = new JdbiTradingStateRepository(database.db).position("paper", sma, "sber").orElseThrow();
        assertThat(seen.direction()).isEqualTo(Direction.FLAT);
        assertThat(seen.quantity()).isZero();
        assertThat(seen.averagePrice()).isEqualByComparingTo("0");
        assertThat(seen.realizedPnl()).isEqualByComparingTo("200");

        store.apply("paper", List.of(trade("c-short", "tr-3", OrderSide.SELL, 1, "258", T.plusSeconds(600), -10, -1, "258",
                "200", "102767.3")));
        assertThat(onlyPosition("paper")).extracting(PositionRow::quantity, PositionRow::lots, PositionRow::openedAt)
                .containsExactly(-10L, -1L, T.plusSeconds(600));

        store.apply("paper", List.of(trade("c-reverse", "tr-4", OrderSide.BUY, 2, "255", T.plusSeconds(900), 10, 1, "255",
                "230", "97664.8")));
        PositionRow reversed = onlyPosition("paper");
        assertThat(reversed).extracting(PositionRow::quantity, PositionRow::lots, PositionRow::openedAt)
                .containsExactly(10L, 1L, T.plusSeconds(900));
        assertThat(reversed.realizedPnl()).isEqualByComparingTo("230");
    }

    @Test
    void snapshot_isWhatCashPositionAndActiveOrdersReturn_readTogether() {
        execution.ensureAccount("paper", "paper-account", "fake", new BigDecimal("100000"));
        order("s-entry", "paper", sma, "BUY", "LIMIT", 3, 0, "252", "SUBMITTED");
        order("s-new", "paper", sma, "BUY", "MARKET", 1, 0, null, "NEW");
        order("s-done", "paper", sma, "BUY", "MARKET", 1, 1, null, "FILLED");
        order("s-gone", "paper", sma, "BUY", "LIMIT", 1, 0, "240", "CANCELLED");
        order("s-other-row", "paper", donchian, "SELL", "STOP_LOSS", 1, 0, "240", "NEW");
        order("s-replay", REPLAY, sma, "BUY", "MARKET", 1, 0, null, "NEW");
        store.apply("paper", List.of(trade("s-entry", "tr-1", OrderSide.BUY, 2, "250", T, 20, 2, "250", "0", "94995"),
                new StatusChange("s-entry", OrderStatus.PARTIALLY_FILLED, 2, null, null)));
        JdbiTradingStateRepository state = new JdbiTradingStateRepository(database.db);

        TradingSnapshot withAll = state.snapshot("paper", sma, "sber");

        assertThat(withAll.cash()).hasValueSatisfying(c -> assertThat(c).isEqualByComparingTo("94995"));
        assertThat(withAll.position()).hasValueSatisfying(p -> assertThat(p.quantity()).isEqualTo(2L));
        assertThat(withAll.activeOrders()).extracting(Order::clientOrderId).containsExactly("s-entry", "s-new");
        for (Object[] read : new Object[][] {{"paper", sma, "sber"}, {"paper", donchian, "sber"},
                {"paper", smaGazp, "gazp"}, {REPLAY, sma, "sber"}, {"no-such-run", sma, "sber"}}) {
            String run = (String) read[0];
            long row = (Long) read[1];
            String symbol = (String) read[2];
            assertThat(state.snapshot(run, row, symbol)).as("%s row %d %s", run, row, symbol).isEqualTo(
                    new TradingSnapshot(state.cash(run), state.position(run, row, symbol), state.activeOrders(run, row)));
        }
        assertThat(state.snapshot(REPLAY, sma, "sber")).extracting(TradingSnapshot::cash, TradingSnapshot::position)
                .containsExactly(Optional.empty(), Optional.empty());
        // several rows at once: each as if read alone
        Map<Long, String> rows = Map.of(sma, "sber", donchian, "sber", smaGazp, "gazp");
        Map<Long, TradingSnapshot> together = state.snapshots("paper", rows);
        assertThat(together).containsOnlyKeys(sma, donchian, smaGazp);
        rows.forEach((row, symbol) -> assertThat(together.get(row)).as("row %d", row).isEqualTo(
                new TradingSnapshot(state.cash("paper"), state.position("paper", row, symbol), state.activeOrders("paper", row))));
        assertThat(together.get(donchian).activeOrders()).extracting(Order::clientOrderId).containsExactly("s-other-row");
        assertThat(state.snapshots("paper", Map.of())).isEmpty();
    }

    @Test
    void apply_whenTradeRepeated_thenNothingChanges() {
        execution.ensureAccount("paper", "paper-account", "fake", new BigDecimal("100000"));
        order("d-1", "paper", sma, "BUY", "MARKET", 4, 0, null, "SUBMITTED");
        Trade first = trade("d-1", "tr-d", OrderSide.BUY, 2, "250", T, 20, 2, "250", "0", "94995");
        store.apply("paper", List.of(first));
        List<PositionRow> positions = store.positions("paper");
        String account = accountState();

        store.apply("paper", List.of(first));
        // the same report again, with the state an adapter would compute by counting it twice
        store.apply("paper", List.of(trade("d-1", "tr-d", OrderSide.BUY, 2, "250", T, 40, 4, "250", "0", "89990")));

        assertThat(tradeCount()).isEqualTo(1);
        assertThat(store.positions("paper")).isEqualTo(positions);
        assertThat(accountState()).isEqualTo(account);
        assertThat(store.cash("paper")).hasValueSatisfying(c -> assertThat(c).isEqualByComparingTo("94995"));
    }

    @Test
    void apply_whenTradeOfAnotherRunOrRunWithoutAccount_thenRefused_andWithoutCashItIsStored() {
        order("x-1", REPLAY, sma, "BUY", "MARKET", 1, 0, null, "SUBMITTED");

        assertThatThrownBy(() -> store.apply("paper", List.of(trade("x-1", "tr-x", OrderSide.BUY, 1, "250", T, 10, 1, "250",
                "0", "97500")))).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("order_of_other_run: client_order_id=x-1, order_run_id=" + REPLAY + ", run_id=paper");
        assertThatThrownBy(() -> store.apply(REPLAY, List.of(trade("x-1", "tr-x", OrderSide.BUY, 1, "250", T, 10, 1, "250",
                "0", "97500")))).isInstanceOf(IllegalStateException.class).hasMessage("account_not_found: run_id=" + REPLAY);
        assertThat(tradeCount()).isZero();
        assertThat(store.positions(REPLAY)).isEmpty();

        store.apply(REPLAY, List.of(trade("x-1", "tr-x", OrderSide.BUY, 1, "250", T, 10, 1, "250", "0", null)));

        assertThat(tradeCount()).isEqualTo(1);
        assertThat(onlyPosition(REPLAY).quantity()).isEqualTo(10);
        assertThat(store.cash(REPLAY)).isEmpty();
    }

    @Test
    void positions_ofTheRun_openFirstThenFlat_withStrategyNames() {
        fixtures.position("paper", sma, "sber", 0, null);
        database.jdbi().useHandle(h -> h.execute("UPDATE live_positions SET realized_pnl = 200, commission = 10"
                + " WHERE run_id = 'paper' AND strategy_universe_id = ?", sma));
        fixtures.position("paper", smaGazp, "gazp", -5, "160");
        fixtures.position("paper", donchian, "sber", 2, "251");
        fixtures.position(REPLAY, sma, "sber", 7, "250");

        List<PositionRow> rows = store.positions("paper");

        assertThat(rows).extracting(PositionRow::strategyUniverseId, PositionRow::strategy, PositionRow::symbol,
                PositionRow::quantity, PositionRow::lots).containsExactly(
                tuple(donchian, "donchian_breakout", "sber", 20L, 2L),
                tuple(smaGazp, "sma_crossover", "gazp", -5L, -5L),
                tuple(sma, "sma_crossover", "sber", 0L, 0L));
        assertThat(rows.get(0).averagePrice()).isEqualByComparingTo("251");
        assertThat(rows.get(1).averagePrice()).isEqualByComparingTo("160");
        assertThat(rows.subList(0, 2)).allSatisfy(p -> assertThat(p.openedAt()).isNotNull());
        PositionRow flat = rows.get(2);
        assertThat(flat.averagePrice()).isNull();
        assertThat(flat.openedAt()).isNull();
        assertThat(flat.realizedPnl()).isEqualByComparingTo("200");
        assertThat(flat.commission()).isEqualByComparingTo("10");
        assertThat(store.positions(REPLAY)).extracting(PositionRow::quantity).containsExactly(70L);
        assertThat(store.positions("live")).isEmpty();
    }

    @Test
    void recentOrders_ofTheRun_newestFirst_atMostLimit() {
        order("o-1", "paper", sma, "BUY", "MARKET", 1, 0, null, "NEW");
        order("o-2", "paper", smaGazp, "SELL", "LIMIT", 3, 1, "170.5", "PARTIALLY_FILLED");
        order("o-3", REPLAY, sma, "BUY", "MARKET", 1, 0, null, "NEW");
        order("o-4", "paper", donchian, "SELL", "TAKE_PROFIT", 2, 0, "270", "CANCELLED");

        assertThat(store.recentOrders("paper", 10)).extracting(Order::clientOrderId).containsExactly("o-4", "o-2", "o-1");
        List<Order> two = store.recentOrders("paper", 2);
        assertThat(two).extracting(Order::clientOrderId, Order::strategyUniverseId, Order::instrumentId, Order::side,
                Order::type, Order::lots, Order::status).containsExactly(
                tuple("o-4", donchian, "sber", OrderSide.SELL, OrderType.LIMIT, 2L, OrderStatus.CANCELLED),
                tuple("o-2", smaGazp, "gazp", OrderSide.SELL, OrderType.LIMIT, 3L, OrderStatus.PARTIALLY_FILLED));
        assertThat(two.get(1).price()).isEqualByComparingTo("170.5");
        assertThat(store.recentOrders("paper", 0)).isEmpty();
        assertThat(store.recentOrders(REPLAY, 10)).extracting(Order::clientOrderId).containsExactly("o-3");
    }

    private static long order(String client, String run, long row, String side, String type, long lots, long filled,
                              String price, String status) {
        String symbol = row == smaGazp ? "gazp" : "sber";
        return fixtures.order(client, "fake", run, row, symbol, side, type, lots, filled, price, status);
    }

    /** A fill of sber (10 units a lot) with commission 0.1% of the notional, and the position and cash after it. */
    private static Trade trade(String client, String tradeId, OrderSide side, long lots, String price, Instant time,
                               long positionQuantity, long positionLots, String averagePrice, String realizedPnl,
                               String cashAfter) {
        BigDecimal p = new BigDecimal(price);
        BigDecimal commission = p.multiply(BigDecimal.valueOf(lots * 10)).multiply(new BigDecimal("0.001"));
        Fill fill = new Fill("b-" + client, client, "sber", side, lots, lots * 10, p, commission, time, tradeId);
        BigDecimal paid = database.jdbi().withHandle(h -> h.createQuery("SELECT coalesce(sum(commission), 0) FROM live_trades t"
                + " JOIN live_orders o ON o.id = t.order_id WHERE o.strategy_universe_id = ? AND t.symbol = 'sber'")
                .bind(0, sma).mapTo(BigDecimal.class).one());
        return new Trade(client, fill, sma, positionQuantity, positionLots, new BigDecimal(averagePrice),
                new BigDecimal(realizedPnl), paid.add(commission), cashAfter == null ? null : new BigDecimal(cashAfter));
    }

    private static PositionRow onlyPosition(String run) {
        List<PositionRow> rows = store.positions(run);
        assertThat(rows).hasSize(1);
        return rows.get(0);
    }

    /** status, filled lots, broker order id and reject reason ('-' for null). */
    private static String orderState(String client) {
        return database.jdbi().withHandle(h -> h.createQuery("SELECT concat_ws(' ', status, filled_lots,"
                        + " coalesce(broker_order_id, '-'), coalesce(reject_reason, '-')) FROM live_orders WHERE client_order_id = ?")
                .bind(0, client).mapTo(String.class).one());
    }

    private static String accountState() {
        return database.jdbi().withHandle(h -> h.createQuery("SELECT cash || ' ' || updated_at FROM accounts WHERE run_id = 'paper'")
                .mapTo(String.class).one());
    }

    private static long tradeCount() {
        return database.jdbi().withHandle(h -> h.createQuery("SELECT count(*) FROM live_trades").mapTo(Long.class).one());
    }
}
