package dev.strela.datafeed.internal.demo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import java.math.BigDecimal;
import java.util.List;

import org.junit.jupiter.api.Test;

import dev.strela.api.model.Instrument;
import dev.strela.api.model.Timeframe;
import dev.strela.api.model.TradingMode;
import dev.strela.datafeed.internal.InMemoryMarketData;
import dev.strela.persistence.UniverseRow;

class DemoSetupTest {

    private static final List<String> IDS = DemoSetup.instrumentIds(3);
    private static final List<DemoStrategy> STRATEGIES = DemoStrategy.parse(DemoStrategy.DEFAULT_SPEC).strategies();
    private final InMemoryMarketData marketData = new InMemoryMarketData();
    private final InMemoryUniverse universe = new InMemoryUniverse();

    @Test
    void ensureInstruments_whenAbsent_thenSimulatedInstrumentsOnTheirOwnBoard() {
        List<String> created = DemoSetup.ensureInstruments(marketData, IDS);

        assertThat(created).containsExactly("sim-1", "sim-2", "sim-3");
        assertThat(marketData.instruments()).containsExactly(
                new Instrument("sim-1", "SIM1", "SIM", 10, new BigDecimal("0.01"), "rub"),
                new Instrument("sim-2", "SIM2", "SIM", 10, new BigDecimal("0.01"), "rub"),
                new Instrument("sim-3", "SIM3", "SIM", 10, new BigDecimal("0.01"), "rub"));
    }

    @Test
    void ensureInstruments_whenRunAgain_thenNothingSaved_andAChangedInstrumentIsKept() {
        DemoSetup.ensureInstruments(marketData, IDS);
        Instrument edited = new Instrument("sim-2", "SIM2", "SIM", 1, new BigDecimal("0.05"), "rub");
        marketData.saveInstrument(edited);
        int saves = marketData.instrumentSaves();

        assertThat(DemoSetup.ensureInstruments(marketData, IDS)).isEmpty();
        assertThat(marketData.instrumentSaves()).isEqualTo(saves);
        assertThat(marketData.findInstrument("sim-2")).contains(edited);
    }

    @Test
    void ensureInstruments_whenMoreAreConfigured_thenOnlyTheNewOnesAreSaved() {
        DemoSetup.ensureInstruments(marketData, IDS);

        assertThat(DemoSetup.ensureInstruments(marketData, DemoSetup.instrumentIds(5))).containsExactly("sim-4", "sim-5");
    }

    @Test
    void ensureUniverse_whenEmpty_thenAnEnabledPaperRowPerStrategyAndInstrument() {
        List<Long> added = DemoSetup.ensureUniverse(universe, STRATEGIES, IDS, Timeframe.M5);

        assertThat(added).hasSize(6);
        assertThat(universe.all()).extracting(UniverseRow::strategy, UniverseRow::symbol, UniverseRow::timeframe,
                UniverseRow::mode, UniverseRow::enabled).containsExactly(
                tuple("sma_crossover", "sim-1", Timeframe.M5, TradingMode.PAPER, true),
                tuple("donchian_breakout", "sim-1", Timeframe.M5, TradingMode.PAPER, true),
                tuple("sma_crossover", "sim-2", Timeframe.M5, TradingMode.PAPER, true),
                tuple("donchian_breakout", "sim-2", Timeframe.M5, TradingMode.PAPER, true),
                tuple("sma_crossover", "sim-3", Timeframe.M5, TradingMode.PAPER, true),
                tuple("donchian_breakout", "sim-3", Timeframe.M5, TradingMode.PAPER, true));
        assertThat(universe.all().get(0).paramsJson())
                .isEqualTo("{\"fast\":2,\"slow\":3,\"atrPeriod\":1,\"atrMultiple\":2.0}");
    }

    @Test
    void ensureUniverse_whenRunAgain_thenNoDuplicates() {
        DemoSetup.ensureUniverse(universe, STRATEGIES, IDS, Timeframe.M5);

        assertThat(DemoSetup.ensureUniverse(universe, STRATEGIES, IDS, Timeframe.M5)).isEmpty();
        assertThat(universe.all()).hasSize(6);
    }

    @Test
    void ensureUniverse_whenAUserDisabledOrMovedARow_thenItIsLeftAsItIs() {
        long disabled = universe.add("donchian_breakout", "sim-1", Timeframe.M5, TradingMode.PAPER, "{}", true);
        universe.setEnabled(disabled, false, "not for me");
        universe.add("sma_crossover", "sim-2", Timeframe.M5, TradingMode.OFF, "{}", false);

        List<Long> added = DemoSetup.ensureUniverse(universe, STRATEGIES, IDS, Timeframe.M5);

        assertThat(added).hasSize(4);
        assertThat(universe.find(disabled)).get().extracting(UniverseRow::enabled).isEqualTo(false);
    }

    @Test
    void ensureUniverse_whenARowHasAnotherTimeframe_thenTheDemoTimeframeStillGetsOne() {
        universe.add("sma_crossover", "sim-1", Timeframe.H1, TradingMode.PAPER, "{}", true);

        assertThat(DemoSetup.ensureUniverse(universe, STRATEGIES, List.of("sim-1"), Timeframe.M5)).hasSize(2);
    }
}
