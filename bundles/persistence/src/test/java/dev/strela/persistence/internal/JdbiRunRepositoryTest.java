package dev.strela.persistence.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.entry;
import static org.assertj.core.api.Assertions.tuple;
import static org.assertj.core.api.Assertions.within;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import dev.strela.api.error.ErrorCode;
import dev.strela.api.error.ErrorEvent;
import dev.strela.api.model.Instrument;
import dev.strela.api.model.OrderSide;
import dev.strela.api.model.Timeframe;
import dev.strela.api.model.TradingMode;
import dev.strela.persistence.ErrorRepository;
import dev.strela.persistence.NewDecision;
import dev.strela.persistence.NewOrder;
import dev.strela.persistence.RunRepository.AccountRow;
import dev.strela.persistence.RunRepository.RunRow;
import dev.strela.persistence.RunRepository.TradeRow;

class JdbiRunRepositoryTest {

    private static final String REPLAY = "replay-2f0c9c1e-run-test";
    private static final String OTHER_REPLAY = "replay-7d41a0b2-run-test";
    private static final String PARAMS = "{\"from\": \"2024-03-04T07:00:00Z\", \"to\": \"2024-03-05T07:00:00Z\", \"speed\": 0}";
    private static final Instant BAR = Instant.parse("2024-03-04T07:00:00Z");
    private static final String JSON = "{\"type\":\"OPEN\",\"direction\":\"LONG\",\"stop_loss\":240}";
    private static TestDatabase database;
    private static JdbiRunRepository runs;
    private static JdbiExecutionStore execution;
    private static JdbiSignalRepository signals;
    private static TradingFixtures fixtures;
    private static long sma;
    private static long donchian;

    @BeforeAll
    static void start() throws Exception {
        database = TestDatabase.start();
        JdbiMarketDataRepository market = new JdbiMarketDataRepository(database.db);
        market.saveInstrument(new Instrument("sber", "SBER", "TQBR", 10, new BigDecimal("0.01"), "rub"));
        JdbiStrategyUniverseRepository universe = new JdbiStrategyUniverseRepository(database.db);
        sma = universe.add("sma_crossover", "sber", Timeframe.M5, TradingMode.PAPER, "{}", true);
        donchian = universe.add("donchian_breakout", "sber", Timeframe.M5, TradingMode.PAPER, "{}", true);
        runs = new JdbiRunRepository(database.db);
        execution = new JdbiExecutionStore(database.db);
        signals = new JdbiSignalRepository(database.db);
        fixtures = new TradingFixtures(database.jdbi());
    }

    @AfterAll
    static void stop() throws Exception {
        database.close();
    }

    @BeforeEach
    void clean() {
        database.jdbi().useHandle(h -> {
            h.execute("TRUNCATE live_errors, live_trades, live_positions, live_orders, decisions, live_signals, accounts");
            h.execute("DELETE FROM runs WHERE kind = 'replay'");
        });
    }

    @Test
    void createReplay_whenNewReplayId_thenRunningReplayRunAndItsAccount() {
        runs.createReplay(REPLAY, PARAMS, "fake", new BigDecimal("250000.50"));

        RunRow run = runs.find(REPLAY).orElseThrow();
        assertThat(run).extracting(RunRow::id, RunRow::kind, RunRow::status, RunRow::finishedAt)
                .containsExactly(REPLAY, "replay", "running", null);
        assertThat(run.startedAt()).isCloseTo(Instant.now(), within(1, ChronoUnit.MINUTES));
        assertThat(sameJson(run.paramsJson(), PARAMS)).isTrue();
        AccountRow account = runs.account(REPLAY).orElseThrow();
        assertThat(account).extracting(AccountRow::id, AccountRow::broker).containsExactly(REPLAY, "fake");
        assertThat(account.initialCash()).isEqualByComparingTo("250000.50");
        assertThat(account.cash()).isEqualByComparingTo("250000.50");
    }

    @Test
    void createReplay_whenIdIsNotAReplayId_thenIllegalArgumentAndNothingStored() {
        long runsBefore = count("SELECT count(*) FROM runs");

        for (String id : new String[] {"paper", "live", "backtest-1", "replay", null}) {
            assertThatThrownBy(() -> runs.createReplay(id, PARAMS, "fake", BigDecimal.TEN))
                    .as("run id %s", id).isInstanceOf(IllegalArgumentException.class);
        }

        assertThat(count("SELECT count(*) FROM runs")).isEqualTo(runsBefore);
        assertThat(count("SELECT count(*) FROM accounts")).isZero();
        assertThat(runs.find("paper").orElseThrow().kind()).isEqualTo("paper");
    }

    @Test
    void createReplay_whenIdExists_thenIllegalArgumentAndFirstRunAndAccountKept() {
        runs.createReplay(REPLAY, PARAMS, "fake", new BigDecimal("100000"));

        assertThatThrownBy(() -> runs.createReplay(REPLAY, "{\"speed\": 9}", "other", new BigDecimal("5")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("run_exists").hasMessageContaining(REPLAY);

        assertThat(sameJson(runs.find(REPLAY).orElseThrow().paramsJson(), PARAMS)).isTrue();
        assertThat(count("SELECT count(*) FROM accounts")).isEqualTo(1);
        AccountRow account = runs.account(REPLAY).orElseThrow();
        assertThat(account.broker()).isEqualTo("fake");
        assertThat(account.initialCash()).isEqualByComparingTo("100000");
    }

    @ParameterizedTest
    @ValueSource(strings = {"finished", "failed", "cancelled"})
    void finish_whenRunningReplay_thenStatusFinishedAtAndResultMergedIntoParams(String status) {
        runs.createReplay(REPLAY, PARAMS, "fake", new BigDecimal("100000"));

        boolean finished = runs.finish(REPLAY, status, "{\"minutesDone\": 1440, \"speed\": 5}");

        assertThat(finished).isTrue();
        RunRow run = runs.find(REPLAY).orElseThrow();
        assertThat(run.status()).isEqualTo(status);
        assertThat(run.finishedAt()).isNotNull().isAfterOrEqualTo(run.startedAt())
                .isCloseTo(Instant.now(), within(1, ChronoUnit.MINUTES));
        assertThat(sameJson(run.paramsJson(), "{\"from\": \"2024-03-04T07:00:00Z\", \"to\": \"2024-03-05T07:00:00Z\","
                + " \"speed\": 5, \"minutesDone\": 1440}")).as(run.paramsJson()).isTrue();
    }

    @Test
    void finish_whenEmptyOrNullResult_thenParamsKept() {
        runs.createReplay(REPLAY, PARAMS, "fake", new BigDecimal("100000"));
        runs.createReplay(OTHER_REPLAY, PARAMS, "fake", new BigDecimal("100000"));

        assertThat(runs.finish(REPLAY, "finished", "{}")).isTrue();
        assertThat(runs.finish(OTHER_REPLAY, "cancelled", null)).isTrue();

        assertThat(sameJson(runs.find(REPLAY).orElseThrow().paramsJson(), PARAMS)).isTrue();
        assertThat(sameJson(runs.find(OTHER_REPLAY).orElseThrow().paramsJson(), PARAMS)).isTrue();
    }

    @Test
    void finish_whenNotARunningReplay_thenFalseAndRunUnchanged() {
        runs.createReplay(REPLAY, PARAMS, "fake", new BigDecimal("100000"));
        assertThat(runs.finish(REPLAY, "cancelled", "{\"minutesDone\": 10}")).isTrue();
        RunRow cancelled = runs.find(REPLAY).orElseThrow();

        assertThat(runs.finish(REPLAY, "finished", "{\"minutesDone\": 99}")).isFalse();
        assertThat(runs.finish("paper", "finished", "{}")).isFalse();
        assertThat(runs.finish("live", "failed", "{}")).isFalse();
        assertThat(runs.finish("replay-never-created", "finished", "{}")).isFalse();

        assertThat(runs.find(REPLAY)).contains(cancelled);
        assertThat(runs.find("paper").orElseThrow()).extracting(RunRow::status, RunRow::finishedAt, RunRow::paramsJson)
                .containsExactly("running", null, "{}");
        assertThat(runs.find("live").orElseThrow()).extracting(RunRow::status, RunRow::finishedAt)
                .containsExactly("running", null);
    }

    @Test
    void finish_whenStatusIsNotAnEndStatus_thenRefusedAndRunStillRunning() {
        runs.createReplay(REPLAY, PARAMS, "fake", new BigDecimal("100000"));

        assertThatThrownBy(() -> runs.finish(REPLAY, "running", "{}")).isInstanceOf(RuntimeException.class);
        assertThatThrownBy(() -> runs.finish(REPLAY, "done", "{}")).isInstanceOf(RuntimeException.class);

        assertThat(runs.find(REPLAY).orElseThrow()).extracting(RunRow::status, RunRow::finishedAt)
                .containsExactly("running", null);
    }

    @Test
    void failInterrupted_whenReplaysLeftRunning_thenFailedWithReasonAndOthersUntouched() {
        runs.createReplay(REPLAY, PARAMS, "fake", new BigDecimal("100000"));
        runs.createReplay(OTHER_REPLAY, PARAMS, "fake", new BigDecimal("100000"));
        String done = "replay-0aa1f2e3-done";
        runs.createReplay(done, PARAMS, "fake", new BigDecimal("100000"));
        runs.finish(done, "finished", "{\"minutesDone\": 5}");
        RunRow finished = runs.find(done).orElseThrow();
        // what the killed replay left: a decided signal, two undecided ones, a working and a filled order
        decide(REPLAY, sma, 0, "refused", "too_wide_stop");
        long undecided1 = signal(REPLAY, sma, 300);
        long undecided2 = signal(REPLAY, donchian, 300);
        long working = entryOrder(REPLAY, donchian, BAR.plusSeconds(600), "c-working", OrderSide.BUY, "LIMIT", "250");
        long filled = entryOrder(REPLAY, sma, BAR.plusSeconds(900), "c-filled", OrderSide.BUY, "MARKET", null);
        database.jdbi().useHandle(h -> h.execute("UPDATE live_orders SET status = 'SUBMITTED' WHERE id = " + working));
        database.jdbi().useHandle(h -> h.execute("UPDATE live_orders SET status = 'FILLED', filled_lots = lots WHERE id = " + filled));
        long paperSignal = signal("paper", sma, 1200);

        int failed = runs.failInterrupted("platform_restarted: the replay was running when the platform stopped");

        assertThat(failed).isEqualTo(2);
        assertThat(count("SELECT count(*) FROM decisions WHERE run_id = '" + REPLAY + "' AND decision = 'not_sent'"
                + " AND refusal_code = 'replay_interrupted' AND signal_id IN (" + undecided1 + ", " + undecided2 + ")")).isEqualTo(2);
        assertThat(count("SELECT count(*) FROM live_signals s WHERE s.run_id = '" + REPLAY + "' AND (NOT s.processed OR"
                + " (SELECT count(*) FROM decisions d WHERE d.signal_id = s.id) <> 1)")).as("one decision per signal").isZero();
        assertThat(count("SELECT count(*) FROM decisions WHERE run_id = '" + REPLAY + "' AND refusal_code = 'too_wide_stop'"))
                .as("a decision made stays").isEqualTo(1);
        assertThat(count("SELECT count(*) FROM live_orders WHERE id = " + working + " AND status = 'CANCELLED'")).isEqualTo(1);
        assertThat(count("SELECT count(*) FROM live_orders WHERE id = " + filled + " AND status = 'FILLED'")).isEqualTo(1);
        assertThat(count("SELECT count(*) FROM decisions WHERE signal_id = " + paperSignal)).as("the paper run untouched").isZero();
        for (String id : List.of(REPLAY, OTHER_REPLAY)) {
            RunRow run = runs.find(id).orElseThrow();
            assertThat(run.status()).isEqualTo("failed");
            assertThat(run.finishedAt()).isNotNull();
            assertThat(sameJson(run.paramsJson(), "{\"from\": \"2024-03-04T07:00:00Z\", \"to\": \"2024-03-05T07:00:00Z\","
                    + " \"speed\": 0, \"error\": \"platform_restarted: the replay was running when the platform stopped\"}"))
                    .as(run.paramsJson()).isTrue();
        }
        assertThat(runs.find(done)).contains(finished);
        assertThat(runs.find("paper").orElseThrow().status()).isEqualTo("running");
        assertThat(runs.find("live").orElseThrow().status()).isEqualTo("running");
        assertThat(runs.failInterrupted("again")).isZero();
    }

    @Test
    void find_whenStandingRunOrUnknownId_thenItsRowOrEmpty() {
        assertThat(runs.find("paper").orElseThrow()).extracting(RunRow::id, RunRow::kind, RunRow::status, RunRow::paramsJson,
                RunRow::finishedAt).containsExactly("paper", "paper", "running", "{}", null);
        assertThat(runs.find("replay-unknown")).isEmpty();
    }

    @Test
    void recent_whenSeveralRuns_thenNewestFirstAndAtMostLimit() {
        runs.createReplay(REPLAY, PARAMS, "fake", new BigDecimal("100000"));
        runs.createReplay(OTHER_REPLAY, PARAMS, "fake", new BigDecimal("100000"));
        startedAt(REPLAY, "1 day");
        startedAt(OTHER_REPLAY, "2 days");

        assertThat(runs.recent(10)).extracting(RunRow::id).containsExactly(OTHER_REPLAY, REPLAY, "live", "paper");
        assertThat(runs.recent(1)).extracting(RunRow::id).containsExactly(OTHER_REPLAY);
        assertThat(runs.recent(0)).isEmpty();
        assertThat(runs.recent(-5)).isEmpty();
    }

    @Test
    void account_whenRunHasAccounts_thenTheOneWithLowestId() {
        account("paper-b", "paper", "fake", "200", "150");
        account("paper-a", "paper", "fake", "100000", "99000.25");
        account("tinkoff-2000123", "live", "tinkoff", null, "5000");

        AccountRow paper = runs.account("paper").orElseThrow();
        assertThat(paper).extracting(AccountRow::id, AccountRow::broker).containsExactly("paper-a", "fake");
        assertThat(paper.initialCash()).isEqualByComparingTo("100000");
        assertThat(paper.cash()).isEqualByComparingTo("99000.25");
        AccountRow live = runs.account("live").orElseThrow();
        assertThat(live.initialCash()).isNull();
        assertThat(live.cash()).isEqualByComparingTo("5000");
        assertThat(runs.account(REPLAY)).isEmpty();
    }

    @Test
    void trades_whenEntriesProtectiveAndManualOrders_thenExecutionOrderWithStrategyTypeAndSignalBar() {
        runs.createReplay(REPLAY, PARAMS, "fake", new BigDecimal("100000"));
        Instant laterBar = BAR.plusSeconds(600);
        long smaEntry = entryOrder(REPLAY, sma, BAR, "e-sma", OrderSide.BUY, "MARKET", null);
        long donchianEntry = entryOrder(REPLAY, donchian, laterBar, "e-donchian", OrderSide.BUY, "LIMIT", "250");
        long donchianStop = protective(REPLAY, donchianEntry, "s-donchian", "SELL", "STOP_LOSS", "240");
        long smaTake = protective(REPLAY, smaEntry, "t-sma", "SELL", "TAKE_PROFIT", "270");
        long manual = fixtures.order("m-1", "fake", REPLAY, sma, "sber", "SELL", "MARKET", 1, 1, null, "FILLED");
        Instant t = BAR.plusSeconds(300);
        trade(REPLAY, donchianStop, "SELL", 1, "240", "0.12", t.plusSeconds(3600));
        trade(REPLAY, smaEntry, "BUY", 2, "251.50", "0.25", t);
        trade(REPLAY, donchianEntry, "BUY", 1, "250", "0.125", t.plusSeconds(600));
        trade(REPLAY, smaTake, "SELL", 2, "270", "0.27", t.plusSeconds(3600));   // same time: by id, after the stop
        trade(REPLAY, manual, "SELL", 1, "260", "0", t.plusSeconds(1800));
        long paperEntry = fixtures.order("p-1", "fake", "paper", sma, "sber", "BUY", "MARKET", 1, 1, null, "FILLED");
        trade("paper", paperEntry, "BUY", 1, "250", "0", t);

        List<TradeRow> trades = runs.trades(REPLAY);

        assertThat(trades).extracting(TradeRow::clientOrderId, TradeRow::strategy, TradeRow::strategyUniverseId,
                TradeRow::orderType, TradeRow::side, TradeRow::lots, TradeRow::quantity, TradeRow::executedAt,
                TradeRow::signalBar).containsExactly(
                tuple("e-sma", "sma_crossover", sma, "MARKET", "BUY", 2L, 20L, t, BAR),
                tuple("e-donchian", "donchian_breakout", donchian, "LIMIT", "BUY", 1L, 10L, t.plusSeconds(600), laterBar),
                tuple("m-1", "sma_crossover", sma, "MARKET", "SELL", 1L, 10L, t.plusSeconds(1800), null),
                tuple("s-donchian", "donchian_breakout", donchian, "STOP_LOSS", "SELL", 1L, 10L, t.plusSeconds(3600), laterBar),
                tuple("t-sma", "sma_crossover", sma, "TAKE_PROFIT", "SELL", 2L, 20L, t.plusSeconds(3600), BAR));
        TradeRow first = trades.get(0);
        assertThat(first.orderId()).isEqualTo(smaEntry);
        assertThat(first.symbol()).isEqualTo("sber");
        assertThat(first.price()).isEqualByComparingTo("251.50");
        assertThat(first.commission()).isEqualByComparingTo("0.25");
        assertThat(trades.get(3).id()).isLessThan(trades.get(4).id());   // same time: the earlier row first
        assertThat(runs.trades("paper")).extracting(TradeRow::clientOrderId).containsExactly("p-1");
        assertThat(runs.trades(OTHER_REPLAY)).isEmpty();
    }

    @Test
    void refusals_whenDecisionsWithCodes_thenCountsByCodeOfThatRunMostFirst() {
        runs.createReplay(REPLAY, PARAMS, "fake", new BigDecimal("100000"));
        decide(REPLAY, sma, 0, "refused", "too_wide_stop");
        decide(REPLAY, sma, 300, "refused", "too_wide_stop");
        decide(REPLAY, sma, 600, "refused", "insufficient_cash");
        decide(REPLAY, donchian, 0, "not_sent", "trading_disabled_by_control");
        decide(REPLAY, donchian, 300, "refused", "size_too_small");
        decide(REPLAY, donchian, 600, "order", null);
        decide(REPLAY, donchian, 900, "order", null);
        decide("paper", sma, 0, "refused", "insufficient_cash");
        decide("paper", sma, 300, "refused", "insufficient_cash");

        Map<String, Long> refusals = runs.refusals(REPLAY);

        assertThat(refusals).containsExactly(entry("too_wide_stop", 2L), entry("insufficient_cash", 1L),
                entry("size_too_small", 1L), entry("trading_disabled_by_control", 1L));
        assertThat(runs.refusals("paper")).containsExactly(entry("insufficient_cash", 2L));
        assertThat(runs.refusals(OTHER_REPLAY)).isEmpty();
    }

    @Test
    void errorRepository_recent_whenFiltered_thenNewestFirstBySourceLowestSeverityCodeAndSince() {
        runs.createReplay(REPLAY, PARAMS, "fake", new BigDecimal("100000"));
        DatabaseErrorLog log = new DatabaseErrorLog();
        log.bindDatabase(database.db);
        Instant t = Instant.parse("2024-03-04T07:00:00Z");
        log.record(ErrorEvent.of(ErrorCode.BAR_TOO_OLD, "n", 1).withCreatedAt(t));                      // data_feed warning
        log.record(ErrorEvent.of(ErrorCode.STRATEGY_EXCEPTION, "n", 2).forRow(sma).withCreatedAt(t.plusSeconds(60)));
        log.record(ErrorEvent.of(ErrorCode.ORDER_EXECUTION_FAILED, "n", 3).forRun(REPLAY).withCreatedAt(t.plusSeconds(120)));
        log.record(ErrorEvent.of(ErrorCode.STRATEGY_DISABLED, "n", 4).withCreatedAt(t.plusSeconds(180)));  // critical
        JdbiErrorRepository errors = new JdbiErrorRepository(database.db);

        assertThat(errors.recent(null, null, null, null, 10)).extracting(ErrorRepository.ErrorRow::code).containsExactly(
                "strategy_disabled", "order_execution_failed", "strategy_exception", "bar_too_old");
        assertThat(errors.recent(null, null, null, null, 2)).hasSize(2);
        assertThat(errors.recent("strategy_runner", null, null, null, 10)).extracting(ErrorRepository.ErrorRow::code)
                .containsExactly("strategy_disabled", "strategy_exception");
        assertThat(errors.recent(null, "critical", null, null, 10)).extracting(ErrorRepository.ErrorRow::code)
                .containsExactly("strategy_disabled");
        assertThat(errors.recent(null, "error", null, null, 10)).extracting(ErrorRepository.ErrorRow::code)
                .doesNotContain("bar_too_old");
        assertThat(errors.recent(null, null, "order_execution_failed", null, 10)).singleElement()
                .satisfies(e -> assertThat(e.runId()).isEqualTo(REPLAY));
        assertThat(errors.recent(null, null, null, t.plusSeconds(120), 10)).extracting(ErrorRepository.ErrorRow::code)
                .containsExactly("strategy_disabled", "order_execution_failed");
        assertThat(errors.recent(null, null, "strategy_exception", null, 10)).singleElement()
                .satisfies(e -> assertThat(e.strategyUniverseId()).isEqualTo(sma));
        assertThat(errors.countsSince(t.plusSeconds(60))).containsOnly(
                entry("strategy_runner", Map.of("error", 1L, "critical", 1L)), entry("broker", Map.of("error", 1L)));
        assertThatThrownBy(() -> errors.recent("nowhere", null, null, null, 10)).hasMessageStartingWith("source:");
        assertThatThrownBy(() -> errors.recent(null, "loud", null, null, 10)).hasMessageStartingWith("severity:");
    }

    @Test
    void errors_whenErrorLogRecordsEventsOfRuns_thenRunIdStoredAndCountsByCodeOfThatRun() {
        runs.createReplay(REPLAY, PARAMS, "fake", new BigDecimal("100000"));
        DatabaseErrorLog log = new DatabaseErrorLog();
        log.bindDatabase(database.db);
        log.record(ErrorEvent.of(ErrorCode.ORDER_EXECUTION_FAILED, "order", "c-1").forRun(REPLAY));
        log.record(ErrorEvent.of(ErrorCode.STRATEGY_EXCEPTION, "row", 1).forRow(sma).forRun(REPLAY));
        log.record(ErrorEvent.of(ErrorCode.ORDER_EXECUTION_FAILED, "order", "c-2").forRun(REPLAY));
        log.record(ErrorEvent.of(ErrorCode.ORDER_EXECUTION_FAILED, "order", "c-3").forRun("paper"));
        log.record(ErrorEvent.of(ErrorCode.DATA_FEED_DOWN, "reason", "test"));

        assertThat(runs.errors(REPLAY)).containsExactly(entry("order_execution_failed", 2L), entry("strategy_exception", 1L));
        assertThat(runs.errors("paper")).containsExactly(entry("order_execution_failed", 1L));
        List<String> rows = database.jdbi().withHandle(h -> h.createQuery("SELECT code || ' ' || coalesce(run_id, '-')"
                + " FROM live_errors ORDER BY id").mapTo(String.class).list());
        assertThat(rows).containsExactly("order_execution_failed " + REPLAY, "strategy_exception " + REPLAY,
                "order_execution_failed " + REPLAY, "order_execution_failed paper", "data_feed_down -");
    }

    @Test
    void signalsAndDecisions_thenCountsOfThatRunOnly() {
        runs.createReplay(REPLAY, PARAMS, "fake", new BigDecimal("100000"));
        decide(REPLAY, sma, 0, "refused", "too_wide_stop");
        decide(REPLAY, sma, 300, "order", null);
        signal(REPLAY, donchian, 0);
        decide("paper", sma, 0, "refused", "too_wide_stop");
        signal("paper", sma, 300);

        assertThat(runs.signalsAndDecisions(REPLAY)).containsExactly(3, 2);
        assertThat(runs.signalsAndDecisions("paper")).containsExactly(2, 1);
        assertThat(runs.signalsAndDecisions(OTHER_REPLAY)).containsExactly(0, 0);
    }

    /** An entry order made the way Execution makes it: from a signal of the bar, in the signal's transaction. */
    private static long entryOrder(String run, long row, Instant bar, String client, OrderSide side, String type, String price) {
        long id = signals.insert(run, row, "sber", Timeframe.M5, bar.plusSeconds(300), bar, JSON).orElseThrow();
        return execution.processSignal(id, tx -> {
            tx.recordDecision(new NewDecision("order", null, "v1", List.of(), null, 2L));
            return tx.insertOrder(new NewOrder(client, null, side, type, 2, price == null ? null : new BigDecimal(price),
                    null, null, "fake"));
        }).orElseThrow().id();
    }

    /** A protective order of the parent, as the broker store writes it: no signal of its own. */
    private static long protective(String run, long parent, String client, String side, String type, String price) {
        return database.jdbi().withHandle(h -> h.createQuery("INSERT INTO live_orders (run_id, client_order_id, signal_id,"
                        + " parent_order_id, strategy_universe_id, symbol, side, order_type, lots, filled_lots, price, status,"
                        + " broker) SELECT run_id, :client, NULL, id, strategy_universe_id, symbol, :side, :type, lots, lots,"
                        + " :price, 'FILLED', broker FROM live_orders WHERE id = :parent AND run_id = :run RETURNING id")
                .bind("client", client).bind("side", side).bind("type", type).bind("price", new BigDecimal(price))
                .bind("parent", parent).bind("run", run).mapTo(Long.class).one());
    }

    private static void trade(String run, long order, String side, long lots, String price, String commission,
                              Instant executedAt) {
        database.jdbi().useHandle(h -> h.createUpdate("INSERT INTO live_trades (run_id, order_id, broker_trade_id, symbol,"
                        + " side, lots, quantity, price, commission, executed_at) VALUES (:run, :order, :trade, 'sber', :side,"
                        + " :lots, :lots * 10, :price, :commission, :time)")
                .bind("run", run).bind("order", order).bind("trade", "t-" + order + "-" + executedAt.getEpochSecond())
                .bind("side", side).bind("lots", lots).bind("price", new BigDecimal(price))
                .bind("commission", new BigDecimal(commission)).bind("time", executedAt).execute());
    }

    private static long signal(String run, long row, int barOffsetSeconds) {
        Instant bar = BAR.plusSeconds(barOffsetSeconds);
        return signals.insert(run, row, "sber", Timeframe.M5, bar.plusSeconds(300), bar, JSON).orElseThrow();
    }

    private static void decide(String run, long row, int barOffsetSeconds, String decision, String code) {
        long id = signal(run, row, barOffsetSeconds);
        execution.processSignal(id, tx -> tx.recordDecision(new NewDecision(decision, code, "v1", List.of(), null,
                "order".equals(decision) ? 1L : 0L))).orElseThrow();
    }

    private static void account(String id, String run, String broker, String initialCash, String cash) {
        database.jdbi().useHandle(h -> h.createUpdate("INSERT INTO accounts (id, run_id, broker, initial_cash, cash)"
                        + " VALUES (:id, :run, :broker, :initial, :cash)")
                .bind("id", id).bind("run", run).bind("broker", broker)
                .bind("initial", initialCash == null ? null : new BigDecimal(initialCash)).bind("cash", new BigDecimal(cash))
                .execute());
    }

    private static void startedAt(String run, String fromNow) {
        database.jdbi().useHandle(h -> h.createUpdate("UPDATE runs SET started_at = now() + CAST(:d AS interval) WHERE id = :id")
                .bind("d", fromNow).bind("id", run).execute());
    }

    /** Whether two JSON texts are the same object for PostgreSQL (key order and spacing aside). */
    private static boolean sameJson(String actual, String expected) {
        return database.jdbi().withHandle(h -> h.createQuery("SELECT CAST(:a AS jsonb) = CAST(:b AS jsonb)")
                .bind("a", actual).bind("b", expected).mapTo(Boolean.class).one());
    }

    private static long count(String sql) {
        return database.jdbi().withHandle(h -> h.createQuery(sql).mapTo(Long.class).one());
    }
}
