package dev.strela.persistence.internal;

import static dev.strela.persistence.internal.TradingFixtures.await;
import static dev.strela.persistence.internal.TradingFixtures.bar;
import static dev.strela.persistence.internal.TradingFixtures.marketBuy;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Function;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import dev.strela.api.model.Instrument;
import dev.strela.api.model.Order;
import dev.strela.api.model.OrderSide;
import dev.strela.api.model.OrderStatus;
import dev.strela.api.model.OrderType;
import dev.strela.api.model.Timeframe;
import dev.strela.api.model.TradingMode;
import dev.strela.persistence.AccountSnapshot;
import dev.strela.persistence.DecisionRecord;
import dev.strela.persistence.MarketDataRepository.CandleSource;
import dev.strela.persistence.NewDecision;
import dev.strela.persistence.NewOrder;
import dev.strela.persistence.OpenPositions;
import dev.strela.persistence.SignalTransaction;
import dev.strela.persistence.SignalWork;

class JdbiExecutionStoreTest {

    private static final String REPLAY = "replay-execution-test";
    private static final Instant BAR = Instant.parse("2024-03-04T07:00:00Z");
    private static final String JSON = "{\"type\":\"OPEN\",\"direction\":\"LONG\",\"stop_loss\":240}";
    private static final SignalWork<Object> NOT_CALLED = tx -> {
        throw new AssertionError("work called");
    };
    private static TestDatabase database;
    private static JdbiExecutionStore store;
    private static TradingFixtures fixtures;
    private static JdbiSignalRepository signals;
    private static JdbiMarketDataRepository market;
    private static long sma;
    private static long donchian;
    private static long smaGazp;
    private static long smaMinute;

    @BeforeAll
    static void start() throws Exception {
        database = TestDatabase.start();
        market = new JdbiMarketDataRepository(database.db);
        market.saveInstrument(new Instrument("sber", "SBER", "TQBR", 10, new BigDecimal("0.01"), "rub"));
        market.saveInstrument(new Instrument("gazp", "GAZP", "TQBR", 1, new BigDecimal("0.01"), "rub"));
        JdbiStrategyUniverseRepository universe = new JdbiStrategyUniverseRepository(database.db);
        sma = universe.add("sma_crossover", "sber", Timeframe.M5, TradingMode.PAPER, "{}", true);
        donchian = universe.add("donchian_breakout", "sber", Timeframe.M5, TradingMode.PAPER, "{}", true);
        smaGazp = universe.add("sma_crossover", "gazp", Timeframe.M5, TradingMode.PAPER, "{}", true);
        smaMinute = universe.add("sma_crossover", "sber", Timeframe.M1, TradingMode.PAPER, "{}", true);
        signals = new JdbiSignalRepository(database.db);
        store = new JdbiExecutionStore(database.db);
        fixtures = new TradingFixtures(database.jdbi());
        database.jdbi().useHandle(h -> h.execute("INSERT INTO runs (id, kind) VALUES (?, 'replay')", REPLAY));
    }

    @AfterAll
    static void stop() throws Exception {
        database.close();
    }

    @BeforeEach
    void clean() {
        database.jdbi().useHandle(h -> h.execute("TRUNCATE live_signals, decisions, live_orders, live_trades, live_positions,"
                + " accounts, candles_1m, candles_5m"));
    }

    @Test
    void unprocessedSignals_lowestIdFirst_andAtMostLimit() {
        long first = signal("paper", sma, 0);
        long second = signal(REPLAY, sma, 0);
        long third = signal("paper", donchian, 0);
        read(second, tx -> "decided");

        assertThat(store.unprocessedSignals(10)).containsExactly(first, third);
        assertThat(store.unprocessedSignals(1)).containsExactly(first);
    }

    @Test
    void processSignal_whenDecisionAndOrder_thenCommittedTogether() {
        long id = signal("paper", sma, 0);

        Optional<Order> result = store.processSignal(id, tx -> {
            tx.recordDecision(new NewDecision("order", null, "v1", List.of("size: 2% risk"), "{\"equity\": 100000}", 3L));
            return tx.insertOrder(new NewOrder("c-1", null, OrderSide.BUY, "LIMIT", 3, new BigDecimal("250.10"),
                    new BigDecimal("240"), new BigDecimal("270"), "fake"));
        });

        Order order = result.orElseThrow();
        assertThat(store.ordersOfSignal(id)).containsExactly(order);
        assertThat(order).extracting(Order::signalId, Order::strategyUniverseId, Order::instrumentId, Order::type,
                Order::status, Order::lots).containsExactly(id, sma, "sber", OrderType.LIMIT, OrderStatus.NEW, 3L);
        assertThat(order.price()).isEqualByComparingTo("250.10");
        DecisionRecord decision = store.decision(id).orElseThrow();
        assertThat(decision).extracting(DecisionRecord::runId, DecisionRecord::decision, DecisionRecord::refusalCode,
                DecisionRecord::rulesFired, DecisionRecord::lots).containsExactly("paper", "order", null, List.of("size: 2% risk"), 3L);
        assertThat(decision.factsJson()).contains("\"equity\": 100000");
        Boolean processed = database.jdbi().withHandle(h -> h.createQuery("SELECT processed AND processed_at IS NOT NULL"
                + " FROM live_signals WHERE id = :id").bind("id", id).mapTo(Boolean.class).one());
        assertThat(processed).isTrue();
    }

    @Test
    void processSignal_whenWorkThrows_thenNothingStored() {
        long id = signal("paper", sma, 0);

        assertThatThrownBy(() -> store.processSignal(id, tx -> {
            tx.recordDecision(new NewDecision("order", null, "v1", List.of(), null, 1L));
            tx.insertOrder(marketBuy("c-throws"));
            throw new IllegalArgumentException("boom");
        })).isInstanceOf(IllegalArgumentException.class).hasMessage("boom");

        assertNothingStored(id);
    }

    @Test
    void processSignal_whenNoDecisionRecorded_thenIllegalStateAndNothingStored() {
        long id = signal("paper", sma, 0);

        assertThatThrownBy(() -> store.processSignal(id, tx -> tx.insertOrder(marketBuy("c-undecided"))))
                .isInstanceOf(IllegalStateException.class).hasMessage("signal_without_decision: signal_id=" + id);

        assertNothingStored(id);
    }

    @Test
    void processSignal_whenAlreadyProcessedOrMissing_thenEmptyAndWorkNotCalled() {
        long id = signal("paper", sma, 0);
        read(id, tx -> "first");

        assertThat(store.processSignal(id, NOT_CALLED)).isEmpty();
        assertThat(store.processSignal(9_999_999L, NOT_CALLED)).isEmpty();
    }

    @Test
    void processSignal_whenLockedByAnotherWorker_thenEmpty() throws Exception {
        long id = signal("paper", sma, 0);
        CountDownLatch locked = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        CompletableFuture<Optional<String>> first = CompletableFuture.supplyAsync(() -> read(id, tx -> {
            locked.countDown();
            await(release);
            return "first";
        }));
        assertThat(locked.await(30, TimeUnit.SECONDS)).isTrue();

        Optional<Object> second = store.processSignal(id, NOT_CALLED);
        release.countDown();

        assertThat(second).isEmpty();
        assertThat(first.get(30, TimeUnit.SECONDS)).contains("first");
        assertThat(store.decision(id)).isPresent();
    }

    @Test
    void barClose_whenFiveMinuteAndOneMinuteSignals_thenCloseOfTheirBar() {
        market.upsertBars(List.of(bar(Timeframe.M5, BAR, "251.30"), bar(Timeframe.M5, BAR.plusSeconds(300), "252")));
        market.upsertMinutes(List.of(bar(Timeframe.M1, BAR, "250.70")), CandleSource.FILE);

        assertThat(read(signal("paper", sma, 0), SignalTransaction::barClose).orElseThrow()).hasValueSatisfying(
                close -> assertThat(close).isEqualByComparingTo("251.30"));
        assertThat(read(signal("paper", smaMinute, 0), SignalTransaction::barClose).orElseThrow()).hasValueSatisfying(
                close -> assertThat(close).isEqualByComparingTo("250.70"));
        assertThat(read(signal("paper", donchian, 600), SignalTransaction::barClose).orElseThrow()).isEmpty();
    }

    @Test
    void account_whenPositionsAndActiveBuyOrders_thenEquityAndFreeCashNetOfBuyOrdersAndShorts() {
        store.ensureAccount("paper", "paper-account", "fake", new BigDecimal("100000"));
        market.upsertMinutes(List.of(bar(Timeframe.M1, BAR, "255"), bar(Timeframe.M1, BAR.plusSeconds(60), "260.50")),
                CandleSource.FILE);
        fixtures.position("paper", sma, "sber", 3, "250");      // 30 units * latest close 260.50 = 7815.00
        fixtures.position("paper", smaGazp, "gazp", -5, "160");  // -5 units * average price 160 (no candle) = -800
        fixtures.order("paper", sma, "sber", "BUY", "LIMIT", 4, 1, "249.90", "PARTIALLY_FILLED"); // 3 * 10 * 249.90 = 7497.00
        fixtures.order("paper", sma, "sber", "BUY", "MARKET", 1, 0, null, "NEW");               // 1 * 10 * 260.50 = 2605.00
        fixtures.order("paper", smaGazp, "gazp", "BUY", "MARKET", 2, 0, null, "SUBMITTED");    // no price, no candle: 0
        fixtures.order("paper", sma, "sber", "SELL", "LIMIT", 2, 0, "270", "NEW");
        fixtures.order("paper", sma, "sber", "BUY", "STOP_LOSS", 2, 0, "280", "NEW");
        fixtures.order("paper", sma, "sber", "BUY", "LIMIT", 2, 2, "249", "FILLED");
        fixtures.order(REPLAY, sma, "sber", "BUY", "LIMIT", 2, 0, "249", "NEW");

        AccountSnapshot account = read(signal("paper", sma, 0), SignalTransaction::account).orElseThrow().orElseThrow();

        assertThat(account.accountId()).isEqualTo("paper-account");
        assertThat(account.cash()).isEqualByComparingTo("100000");
        assertThat(account.equity()).isEqualByComparingTo("107015.00");   // 100000 + 7815.00 - 800
        // 100000 - 7497.00 - 2605.00, less covering the gazp short: 5 units * average price 160 (no candle) = 800
        assertThat(account.freeCash()).isEqualByComparingTo("89098.00");
        assertThat(read(signal(REPLAY, sma, 0), SignalTransaction::account).orElseThrow()).isEmpty();
    }

    @Test
    void unprocessedSignals_whenReplaySignalsUnprocessed_thenOnlySignalsOfTheStandingRuns() {
        long replayFirst = signal(REPLAY, sma, 0);
        long paper = signal("paper", sma, 0);
        long replaySecond = signal(REPLAY, donchian, 0);
        long live = signal("live", donchian, 0);

        assertThat(store.unprocessedSignals(10)).containsExactly(paper, live);
        assertThat(store.unprocessedSignals(1)).containsExactly(paper);
        // the replay's own thread still decides them by id
        assertThat(read(replayFirst, tx -> tx.signal().runId())).contains(REPLAY);
        assertThat(store.decision(replayFirst)).isPresent();
        assertThat(store.decision(replaySecond)).isEmpty();
    }

    @Test
    void account_whenReplaySignal_thenPricesAsOfTheEndOfItsBarAndNoLaterCandle() {
        pricedAccount(REPLAY);
        market.upsertMinutes(List.of(
                bar(Timeframe.M1, BAR.plusSeconds(180), "254"),
                bar(Timeframe.M1, BAR.plusSeconds(240), "255"),      // last minute of the 5-minute bar 07:00
                bar(Timeframe.M1, BAR.plusSeconds(300), "400"),      // opens when that bar ends: the future
                bar(Timeframe.M1, BAR.plusSeconds(3600), "500")), CandleSource.FILE);

        AccountSnapshot account = read(signal(REPLAY, sma, 0), SignalTransaction::account).orElseThrow().orElseThrow();

        assertThat(account.accountId()).isEqualTo("acc-" + REPLAY);
        assertThat(account.cash()).isEqualByComparingTo("100000");
        assertThat(account.equity()).isEqualByComparingTo("107650");   // 100000 + 30 units * 255
        assertThat(account.freeCash()).isEqualByComparingTo("97450");  // 100000 - 1 lot * 10 * 255
    }

    @Test
    void account_whenStandingRunSignalOfTheSameBar_thenNewestClose() {
        pricedAccount("paper");
        market.upsertMinutes(List.of(
                bar(Timeframe.M1, BAR.plusSeconds(240), "255"),
                bar(Timeframe.M1, BAR.plusSeconds(300), "400"),
                bar(Timeframe.M1, BAR.plusSeconds(3600), "500")), CandleSource.FILE);

        AccountSnapshot account = read(signal("paper", sma, 0), SignalTransaction::account).orElseThrow().orElseThrow();

        assertThat(account.equity()).isEqualByComparingTo("115000");   // 100000 + 30 units * 500
        assertThat(account.freeCash()).isEqualByComparingTo("95000");  // 100000 - 1 lot * 10 * 500
    }

    @Test
    void account_whenReplaySignalsOfOneMinuteBars_thenCloseOfTheirOwnBarAtTheLatest() {
        pricedAccount(REPLAY);
        market.upsertMinutes(List.of(
                bar(Timeframe.M1, BAR, "251"),
                bar(Timeframe.M1, BAR.plusSeconds(60), "252"),
                bar(Timeframe.M1, BAR.plusSeconds(120), "253")), CandleSource.FILE);

        AccountSnapshot atFirst = read(signal(REPLAY, smaMinute, 0), SignalTransaction::account).orElseThrow().orElseThrow();
        AccountSnapshot atSecond = read(signal(REPLAY, smaMinute, 60), SignalTransaction::account).orElseThrow().orElseThrow();

        assertThat(atFirst.equity()).isEqualByComparingTo("107530");   // 100000 + 30 * 251, not 252 or 253
        assertThat(atFirst.freeCash()).isEqualByComparingTo("97490");  // 100000 - 10 * 251
        assertThat(atSecond.equity()).isEqualByComparingTo("107560");  // 100000 + 30 * 252
    }

    @Test
    void account_whenReplaySignalBeforeEveryCandle_thenAveragePriceAndNoPriceForMarketOrders() {
        pricedAccount(REPLAY);
        market.upsertMinutes(List.of(bar(Timeframe.M1, BAR.plusSeconds(300), "400")), CandleSource.FILE);

        AccountSnapshot account = read(signal(REPLAY, sma, -300), SignalTransaction::account).orElseThrow().orElseThrow();

        assertThat(account.equity()).isEqualByComparingTo("107500");     // 100000 + 30 units * average price 250
        assertThat(account.freeCash()).isEqualByComparingTo("100000");   // the MARKET buy has no price yet
    }

    @Test
    void positions_countSlotsOfTheRunAndTheStrategy() {
        fixtures.position("paper", sma, "sber", 3, "250");
        fixtures.order("paper", sma, "sber", "BUY", "LIMIT", 5, 2, "249", "PARTIALLY_FILLED"); // same slot, pending +3
        fixtures.order("paper", sma, "sber", "SELL", "LIMIT", 1, 0, "251", "NEW");             // pending -1
        fixtures.order("paper", sma, "sber", "SELL", "STOP_LOSS", 3, 0, "240", "SUBMITTED");  // protective: no entry
        fixtures.order("paper", sma, "sber", "BUY", "LIMIT", 2, 0, "248", "CANCELLED");
        fixtures.order("paper", donchian, "sber", "SELL", "MARKET", 1, 0, null, "NEW");        // other strategy's slot
        fixtures.position("paper", smaGazp, "gazp", 0, null);                                   // flat: no slot
        fixtures.order("paper", smaGazp, "gazp", "SELL", "TAKE_PROFIT", 1, 0, "170", "NEW");   // protective: no slot
        fixtures.position(REPLAY, sma, "sber", 7, "250");                                        // other run
        fixtures.order(REPLAY, smaGazp, "gazp", "BUY", "MARKET", 1, 0, null, "NEW");


        assertThat(read(signal("paper", sma, 0), SignalTransaction::positions)).contains(new OpenPositions(2, 1, 3, 2));
        assertThat(read(signal("paper", smaGazp, 0), SignalTransaction::positions)).contains(new OpenPositions(2, 0, 0, 0));
    }

    @Test
    void processSignal_readsItsRowsAndTheControls_andTheTransactionEndsWithTheWork() {
        long id = signal("paper", sma, 0);
        AtomicReference<SignalTransaction> leaked = new AtomicReference<>();

        store.processSignal(id, tx -> {
            leaked.set(tx);
            assertThat(tx.signal().id()).isEqualTo(id);
            assertThat(tx.signal().strategy()).isEqualTo("sma_crossover");
            assertThat(tx.universeRow().id()).isEqualTo(sma);
            assertThat(tx.instrument()).hasValueSatisfying(i -> assertThat(i.lot()).isEqualTo(10));
            assertThat(tx.control().stopTrading()).isFalse();
            tx.recordDecision(new NewDecision("refused", "too_wide_stop", "v1", List.of("too_wide_stop"), null, 0L));
            assertThatThrownBy(() -> tx.recordDecision(new NewDecision("refused", "again", null, null, null, null)))
                    .isInstanceOf(IllegalStateException.class);
            return "read";
        });

        assertThatThrownBy(() -> leaked.get().universeRow()).isInstanceOf(IllegalStateException.class);
        assertThat(store.decision(id).orElseThrow().refusalCode()).isEqualTo("too_wide_stop");
    }

    @Test
    void ensureAccount_whenCalledTwice_thenFirstAccountKept() {
        store.ensureAccount("paper", "paper-1", "fake", new BigDecimal("100000"));
        store.ensureAccount("paper", "paper-2", "fake", new BigDecimal("5"));

        List<String> accounts = database.jdbi().withHandle(h -> h.createQuery("SELECT id || ' ' || initial_cash || ' ' || cash"
                + " FROM accounts WHERE run_id = 'paper'").mapTo(String.class).list());
        assertThat(accounts).containsExactly("paper-1 100000 100000");
        assertThatThrownBy(() -> store.ensureAccount("replay-missing", "x", "fake", BigDecimal.ONE))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void insertOrder_whenClientOrderIdTaken_thenThrowsAndRollsBack() {
        long first = signal("paper", sma, 0);
        long second = signal("paper", donchian, 0);
        SignalWork<Order> buy = tx -> {
            tx.recordDecision(new NewDecision("order", null, "v1", List.of(), null, 1L));
            return tx.insertOrder(marketBuy("c-dup"));
        };
        store.processSignal(first, buy);

        assertThatThrownBy(() -> store.processSignal(second, buy)).hasMessageContaining("live_orders_client_order_id_key");

        assertNothingStored(second);
        assertThat(store.ordersOfSignal(first)).hasSize(1);
    }

    /** The run's account of 100000, a position of 3 lots (30 units) of sber at 250 and an unfilled MARKET buy of 1 lot. */
    private static void pricedAccount(String run) {
        store.ensureAccount(run, "acc-" + run, "fake", new BigDecimal("100000"));
        fixtures.position(run, sma, "sber", 3, "250");
        fixtures.order(run, sma, "sber", "BUY", "MARKET", 1, 0, null, "NEW");
    }

    private static void assertNothingStored(long id) {
        assertThat(store.decision(id)).isEmpty();
        assertThat(store.ordersOfSignal(id)).isEmpty();
        assertThat(store.unprocessedSignals(100)).contains(id);
    }

    /** Runs {@code f} on the signal's transaction, then records a 'not_sent' decision so it commits. */
    private static <T> Optional<T> read(long signalId, Function<SignalTransaction, T> f) {
        return store.processSignal(signalId, tx -> {
            T result = f.apply(tx);
            tx.recordDecision(new NewDecision("not_sent", "test_read", null, null, null, null));
            return result;
        });
    }

    private static long signal(String run, long row, int barOffsetSeconds) {
        Timeframe tf = row == smaMinute ? Timeframe.M1 : Timeframe.M5;
        String symbol = row == smaGazp ? "gazp" : "sber";
        Instant bar = BAR.plusSeconds(barOffsetSeconds);
        return signals.insert(run, row, symbol, tf, bar.plus(tf.duration()), bar, JSON).orElseThrow();
    }
}
