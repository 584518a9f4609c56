package dev.strela.persistence.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import dev.strela.api.model.Bar;
import dev.strela.api.model.Instrument;
import dev.strela.api.model.Timeframe;
import dev.strela.api.model.TradingMode;
import dev.strela.persistence.EquityHistory.EquityPoint;
import dev.strela.persistence.MarketDataRepository.CandleSource;

/**
 * The paper account holds 5 GAZP bought before the window; inside it, 10 SBER are bought at 250 (T+1m) and sold at 260
 * (T+12m), each with a commission of 1. Hand-computed: cash at T = 99298 - 2599 + 2501 = 99200.
 */
class JdbiEquityHistoryTest {

    private static final Instant T = Instant.parse("2024-03-04T07:00:00Z");
    private static TestDatabase database;
    private static JdbiEquityHistory history;

    @BeforeAll
    static void start() throws Exception {
        database = TestDatabase.start();
        JdbiMarketDataRepository market = new JdbiMarketDataRepository(database.db);
        market.saveInstrument(new Instrument("sber", "SBER", "TQBR", 10, new BigDecimal("0.01"), "rub"));
        market.saveInstrument(new Instrument("gazp", "GAZP", "TQBR", 1, new BigDecimal("0.01"), "rub"));
        long row = new JdbiStrategyUniverseRepository(database.db).add("sma_crossover", "sber", Timeframe.M5,
                TradingMode.PAPER, "{}", true);
        TradingFixtures fixtures = new TradingFixtures(database.jdbi());
        fixtures.position("paper", row, "gazp", 5, "160");
        fixtures.position("paper", row, "sber", 0, null);
        database.jdbi().useHandle(h -> h.execute("INSERT INTO accounts (id, run_id, broker, initial_cash, cash)"
                + " VALUES ('paper-account', 'paper', 'fake', 100000, 99298)"));
        long buy = fixtures.order("e-1", "fake", "paper", row, "sber", "BUY", "MARKET", 1, 1, null, "FILLED");
        long sell = fixtures.order("e-2", "fake", "paper", row, "sber", "SELL", "MARKET", 1, 1, null, "FILLED");
        trade(buy, "BUY", "250", T.plusSeconds(60));
        trade(sell, "SELL", "260", T.plusSeconds(720));
        market.upsertMinutes(List.of(bar("gazp", Timeframe.M1, T.minusSeconds(60), "158")), CandleSource.FILE);
        market.upsertBars(List.of(bar("sber", Timeframe.M5, T, "251"), bar("sber", Timeframe.M5, T.plusSeconds(300), "255"),
                bar("sber", Timeframe.M5, T.plusSeconds(600), "259"), bar("gazp", Timeframe.M5, T, "161")));
    }

    @AfterAll
    static void stop() throws Exception {
        database.close();
    }

    @Test
    void equity_whenTradesInsideTheWindow_thenCashUndoneToTheStart_andUnitsMarkedAtEachClose() {
        List<EquityPoint> points = history().equity("paper", Timeframe.M5, T, T.plusSeconds(900), 100);

        assertThat(points).extracting(EquityPoint::at)
                .containsExactly(T, T.plusSeconds(300), T.plusSeconds(600), T.plusSeconds(900));
        assertPoint(points.get(0), "99200", "790");            // 5 GAZP at the minute close before the window, 158
        assertPoint(points.get(1), "96699", "3315");           // + 10 SBER bought: 10 * 251 + 5 * 161
        assertPoint(points.get(2), "96699", "3355");           // 10 * 255 + 5 * 161
        assertPoint(points.get(3), "99298", "805");            // SBER sold at 260: the cash there now
    }

    @Test
    void equity_whenMorePointsThanAllowed_thenEvenlySampledKeepingFirstAndLast() {
        List<EquityPoint> points = history().equity("paper", Timeframe.M5, T, T.plusSeconds(900), 2);

        assertThat(points).extracting(EquityPoint::at).containsExactly(T, T.plusSeconds(900));
    }

    @Test
    void equity_whenNoWindowGiven_thenItEndsAtTheDataNotTheWallClock() {
        List<EquityPoint> points = history().equity("paper", Timeframe.M5, null, null, 4);

        EquityPoint last = points.get(points.size() - 1);
        assertThat(last.at()).as("the close of the last SBER bar, not now").isEqualTo(T.plusSeconds(900));
        assertThat(last.cash()).isEqualByComparingTo("99298");
        assertThat(points.get(0).at()).isEqualTo(last.at().minusSeconds(4 * 300));
    }

    @Test
    void equity_whenRunHasNoAccountOrWindowIsEmpty_thenEmptyOrRefused() {
        assertThat(history().equity("live", Timeframe.M5, T, T.plusSeconds(60), 10)).isEmpty();
        assertThatThrownBy(() -> history().equity("paper", Timeframe.M5, T, T, 10))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("from: must be before to");
        assertThatThrownBy(() -> history().equity("paper", Timeframe.M5, T, T.plusSeconds(60), 1))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("maxPoints");
    }

    private static JdbiEquityHistory history() {
        if (history == null) {
            history = new JdbiEquityHistory(database.db);
        }
        return history;
    }

    private static void assertPoint(EquityPoint point, String cash, String positionsValue) {
        assertThat(point.cash()).as("cash at %s", point.at()).isEqualByComparingTo(cash);
        assertThat(point.positionsValue()).as("positions at %s", point.at()).isEqualByComparingTo(positionsValue);
        assertThat(point.equity()).as("equity at %s", point.at())
                .isEqualByComparingTo(new BigDecimal(cash).add(new BigDecimal(positionsValue)));
    }

    private static Bar bar(String symbol, Timeframe tf, Instant open, String close) {
        BigDecimal c = new BigDecimal(close);
        return new Bar(symbol, tf, open, c, c, c, c, 10);
    }

    private static void trade(long order, String side, String price, Instant at) {
        database.jdbi().useHandle(h -> h.createUpdate("INSERT INTO live_trades (run_id, order_id, broker_trade_id, symbol,"
                        + " side, lots, quantity, price, commission, executed_at)"
                        + " VALUES ('paper', :order, 'x', 'sber', :side, 1, 10, :price, 1, :at)")
                .bind("order", order).bind("side", side).bind("price", new BigDecimal(price)).bind("at", at).execute());
    }
}
