package dev.strela.persistence.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.time.Instant;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import dev.strela.api.model.Instrument;
import dev.strela.api.model.Timeframe;
import dev.strela.api.model.TradingMode;
import dev.strela.persistence.UniverseRow;

class JdbiStrategyRepositoriesTest {

    private static TestDatabase database;
    private static JdbiStrategyUniverseRepository universe;
    private static JdbiSignalRepository signals;

    @BeforeAll
    static void start() throws Exception {
        database = TestDatabase.start();
        new JdbiMarketDataRepository(database.db).saveInstrument(
                new Instrument("sber", "SBER", "TQBR", 10, new BigDecimal("0.01"), "rub"));
        universe = new JdbiStrategyUniverseRepository(database.db);
        signals = new JdbiSignalRepository(database.db);
    }

    @AfterAll
    static void stop() throws Exception {
        database.close();
    }

    @Test
    void active_onlyEnabledPaperOrLiveRowsOfThatInstrumentAndTimeframe() {
        long paper = universe.add("sma_crossover", "sber", Timeframe.M5, TradingMode.PAPER, "{\"fast\":5}", true);
        universe.add("sma_crossover", "sber", Timeframe.M5, TradingMode.OFF, "{}", true);
        universe.add("sma_crossover", "sber", Timeframe.M5, TradingMode.PAPER, "{}", false);
        universe.add("sma_crossover", "sber", Timeframe.H1, TradingMode.PAPER, "{}", true);

        assertThat(universe.active("sber", Timeframe.M5)).extracting(UniverseRow::id).containsExactly(paper);
        UniverseRow row = universe.find(paper).orElseThrow();
        assertThat(row.riskPerTrade()).isEqualByComparingTo("0.02");
        assertThat(row.maxStopLossFraction()).isEqualByComparingTo("0.2");
        assertThat(row.paramsJson()).contains("\"fast\": 5");
    }

    @Test
    void setParam_thenMergedIntoParamsJson_andFailuresCountAndReset() {
        long id = universe.add("donchian_breakout", "sber", Timeframe.D1, TradingMode.PAPER, "{\"entry\":20}", true);

        assertThat(universe.setParam(id, "exit", "7")).isTrue();
        assertThat(universe.setParam(9_999_999, "exit", "7")).isFalse();
        assertThat(universe.find(id).orElseThrow().paramsJson()).contains("\"exit\": 7", "\"entry\": 20");
        assertThat(universe.recordFailure(id)).isEqualTo(1);
        assertThat(universe.recordFailure(id)).isEqualTo(2);
        universe.setEnabled(id, false, "strategy_disabled: 2 failures");
        assertThat(universe.find(id).orElseThrow().disabledReason()).startsWith("strategy_disabled");
        universe.setEnabled(id, true, null);
        UniverseRow again = universe.find(id).orElseThrow();
        assertThat(again.consecutiveFailures()).isZero();
        assertThat(again.disabledReason()).isNull();
    }

    @Test
    void insertSignal_twiceForOneBar_thenSecondIsRefusedQuietly() {
        long id = universe.add("sma_crossover", "sber", Timeframe.M15, TradingMode.PAPER, "{}", true);
        Instant bar = Instant.parse("2024-03-04T07:00:00Z");
        String json = "{\"type\":\"OPEN\",\"direction\":\"LONG\",\"stop_loss\":260.5}";

        assertThat(signals.insert("paper", id, "sber", Timeframe.M15, bar.plusSeconds(900), bar, json)).isPresent();
        assertThat(signals.insert("paper", id, "sber", Timeframe.M15, bar.plusSeconds(900), bar, json)).isEmpty();
        assertThat(signals.recent(10, "sma_crossover")).first()
                .satisfies(s -> {
                    assertThat(s.strategyUniverseId()).isEqualTo(id);
                    assertThat(s.processed()).isFalse();
                    assertThat(s.signalJson()).contains("\"stop_loss\": 260.5");
                });
    }
}
