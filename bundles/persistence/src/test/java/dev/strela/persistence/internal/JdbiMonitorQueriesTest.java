package dev.strela.persistence.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import dev.strela.api.model.Bar;
import dev.strela.api.model.Instrument;
import dev.strela.api.model.OrderStatus;
import dev.strela.api.model.OrderType;
import dev.strela.api.model.Timeframe;
import dev.strela.api.model.TradingMode;
import dev.strela.persistence.MarketDataRepository.CandleSource;
import dev.strela.persistence.MonitorQueries.OrderRow;
import dev.strela.persistence.MonitorQueries.PositionKey;
import dev.strela.persistence.PositionRow;
import dev.strela.persistence.RunRepository.TradeRow;
import dev.strela.persistence.StoredSignal;
import dev.strela.persistence.WorkingOrderRow;

class JdbiMonitorQueriesTest {

    private static final Instant T = Instant.parse("2024-03-04T07:00:00Z");
    private static TestDatabase database;
    private static JdbiMonitorQueries queries;
    private static JdbiMarketDataRepository market;
    private static JdbiSignalRepository signals;
    private static TradingFixtures fixtures;
    private static long sma;
    private static long donchian;

    @BeforeAll
    static void start() throws Exception {
        database = TestDatabase.start();
        market = new JdbiMarketDataRepository(database.db);
        market.saveInstrument(new Instrument("sber", "SBER", "TQBR", 10, new BigDecimal("0.01"), "rub"));
        market.saveInstrument(new Instrument("gazp", "GAZP", "TQBR", 1, new BigDecimal("0.01"), "rub"));
        market.saveInstrument(new Instrument("lkoh", "LKOH", "TQBR", 1, new BigDecimal("0.5"), "rub"));
        JdbiStrategyUniverseRepository universe = new JdbiStrategyUniverseRepository(database.db);
        sma = universe.add("sma_crossover", "sber", Timeframe.M5, TradingMode.PAPER, "{}", true);
        donchian = universe.add("donchian_breakout", "sber", Timeframe.M5, TradingMode.PAPER, "{}", true);
        queries = new JdbiMonitorQueries(database.db);
        signals = new JdbiSignalRepository(database.db);
        fixtures = new TradingFixtures(database.jdbi());
        database.jdbi().useHandle(h -> h.execute("INSERT INTO runs (id, kind) VALUES ('replay-monitor', 'replay')"));
    }

    @AfterAll
    static void stop() throws Exception {
        database.close();
    }

    @BeforeEach
    void clean() {
        database.jdbi().useHandle(h -> h.execute("TRUNCATE live_trades, live_positions, live_orders, decisions, live_signals"));
    }

    @Test
    void orders_whenActiveOnly_thenOrdersThatMayStillFill_highestIdFirst_withFilledLotsRoleAndReason() {
        long entry = fixtures.order("c-1", "fake", "paper", sma, "sber", "BUY", "MARKET", 5, 5, null, "FILLED");
        long stop = database.jdbi().withHandle(h -> h.createQuery("INSERT INTO live_orders (run_id, client_order_id,"
                        + " parent_order_id, strategy_universe_id, symbol, side, order_type, lots, price, status, broker)"
                        + " VALUES ('paper', 'c-2', :parent, :row, 'sber', 'SELL', 'STOP_LOSS', 5, 240, 'SUBMITTED', 'fake')"
                        + " RETURNING id").bind("parent", entry).bind("row", sma).mapTo(Long.class).one());
        long partial = fixtures.order("c-3", "fake", "paper", donchian, "sber", "BUY", "LIMIT", 4, 1, "250", "PARTIALLY_FILLED");
        long rejected = fixtures.order("c-4", "fake", "paper", donchian, "sber", "BUY", "MARKET", 1, 0, null, "REJECTED");
        database.jdbi().useHandle(h -> h.execute("UPDATE live_orders SET reject_reason = 'no cash' WHERE id = ?", rejected));
        fixtures.order("c-5", "fake", "replay-monitor", sma, "sber", "BUY", "MARKET", 1, 0, null, "NEW");

        List<OrderRow> active = queries.orders("paper", true, null, 10);
        List<OrderRow> all = queries.orders("paper", false, null, 10);

        assertThat(active).extracting(r -> r.order().id(), OrderRow::filledLots, OrderRow::role)
                .containsExactly(tuple(partial, 1L, WorkingOrderRow.REGULAR), tuple(stop, 0L, WorkingOrderRow.STOP_LOSS));
        assertThat(active.get(1).order().type()).isEqualTo(OrderType.STOP);
        assertThat(all).extracting(r -> r.order().id()).containsExactly(rejected, partial, stop, entry);
        assertThat(all.get(0).order().status()).isEqualTo(OrderStatus.REJECTED);
        assertThat(all.get(0).rejectReason()).isEqualTo("no cash");
        assertThat(queries.orders("paper", false, partial, 10)).extracting(r -> r.order().id()).containsExactly(stop, entry);
        assertThat(queries.orders("paper", false, null, 1)).extracting(r -> r.order().id()).containsExactly(rejected);
    }

    @Test
    void positions_whenPaged_thenByUniverseRowThenSymbol_afterTheKey_andCountsMatch() {
        fixtures.position("paper", sma, "sber", 2, "250");
        fixtures.position("paper", sma, "gazp", -3, "160");
        fixtures.position("paper", sma, "lkoh", 0, null);
        fixtures.position("paper", donchian, "sber", 1, "251");
        fixtures.position("replay-monitor", sma, "sber", 9, "250");

        List<PositionRow> first = queries.positions("paper", true, null, 2);
        List<PositionRow> rest = queries.positions("paper", true, new PositionKey(sma, "sber"), 2);

        assertThat(first).extracting(PositionRow::strategyUniverseId, PositionRow::symbol, PositionRow::lots)
                .containsExactly(tuple(sma, "gazp", -3L), tuple(sma, "sber", 2L));
        assertThat(rest).extracting(PositionRow::strategyUniverseId, PositionRow::symbol)
                .containsExactly(tuple(donchian, "sber"));
        assertThat(queries.positions("paper", false, null, 10)).extracting(PositionRow::symbol)
                .containsExactly("gazp", "lkoh", "sber", "sber");
        assertThat(queries.countPositions("paper", true)).isEqualTo(3);
        assertThat(queries.countPositions("paper", false)).isEqualTo(4);
    }

    @Test
    void trades_andSignals_whenPaged_thenThatRunOnly_highestIdFirst() {
        long order = fixtures.order("c-9", "fake", "paper", sma, "sber", "BUY", "MARKET", 3, 3, null, "FILLED");
        long[] trades = new long[3];
        for (int i = 0; i < 3; i++) {
            trades[i] = trade(order, "t-" + i, 1, "250." + i, T.plusSeconds(i));
        }
        long[] ids = new long[3];
        for (int i = 0; i < 3; i++) {
            ids[i] = signals.insert("paper", sma, "sber", Timeframe.M5, T.plusSeconds(300L * i + 300), T.plusSeconds(300L * i),
                    "{\"type\":\"OPEN\"}").orElseThrow();
        }
        signals.insert("replay-monitor", sma, "sber", Timeframe.M5, T, T, "{\"type\":\"OPEN\"}");

        List<TradeRow> page = queries.trades("paper", trades[2], 5);

        assertThat(page).extracting(TradeRow::id).containsExactly(trades[1], trades[0]);
        assertThat(page.get(0).strategy()).isEqualTo("sma_crossover");
        assertThat(page.get(0).price()).isEqualByComparingTo("250.1");
        assertThat(queries.trades("paper", null, 1)).extracting(TradeRow::id).containsExactly(trades[2]);
        assertThat(queries.signals("paper", null, 2)).extracting(StoredSignal::id).containsExactly(ids[2], ids[1]);
        assertThat(queries.signals("paper", ids[1], 5)).extracting(StoredSignal::id).containsExactly(ids[0]);
        assertThat(queries.signals("replay-monitor", null, 5)).singleElement()
                .satisfies(s -> assertThat(s.runId()).isEqualTo("replay-monitor"));
    }

    @Test
    void lastCloses_thenLatestOneMinuteCloseOfEachInstrumentThatHasOne() {
        market.upsertMinutes(List.of(minute("sber", T, "250"), minute("sber", T.plusSeconds(60), "251.5"),
                minute("gazp", T, "160")), CandleSource.FILE);

        assertThat(queries.lastCloses(List.of("sber", "gazp", "lkoh")))
                .containsOnlyKeys("sber", "gazp")
                .hasEntrySatisfying("sber", c -> assertThat(c).isEqualByComparingTo("251.5"));
        assertThat(queries.lastCloses(List.of())).isEmpty();
    }

    private static Bar minute(String symbol, Instant open, String close) {
        BigDecimal c = new BigDecimal(close);
        return new Bar(symbol, Timeframe.M1, open, c, c, c, c, 10);
    }

    private static long trade(long order, String tradeId, long lots, String price, Instant at) {
        return database.jdbi().withHandle(h -> h.createQuery("INSERT INTO live_trades (run_id, order_id, broker_trade_id,"
                        + " symbol, side, lots, quantity, price, commission, executed_at) VALUES ('paper', :order, :trade, 'sber',"
                        + " 'BUY', :lots, :lots * 10, :price, 0, :at) RETURNING id")
                .bind("order", order).bind("trade", tradeId).bind("lots", lots).bind("price", new BigDecimal(price))
                .bind("at", at).mapTo(Long.class).one());
    }
}
