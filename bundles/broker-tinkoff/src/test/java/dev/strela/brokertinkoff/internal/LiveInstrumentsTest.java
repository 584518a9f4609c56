package dev.strela.brokertinkoff.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.util.List;

import org.junit.jupiter.api.Test;

import dev.strela.api.model.Timeframe;
import dev.strela.api.model.TradingMode;
import dev.strela.persistence.UniverseRow;

class LiveInstrumentsTest {

    static UniverseRow row(long id, String symbol, TradingMode mode, boolean enabled) {
        return new UniverseRow(id, "sma_crossover", symbol, Timeframe.M5, enabled, mode, 0, "{}", new BigDecimal("0.02"),
                new BigDecimal("0.2"), 1, 0, null);
    }

    @Test
    void of_thenEnabledLiveRowsOnceEachThenTheExtraOnes() {
        List<UniverseRow> rows = List.of(row(1, "sber", TradingMode.LIVE, true), row(2, "gazp", TradingMode.PAPER, true),
                row(3, "lkoh", TradingMode.LIVE, false), row(4, "sber", TradingMode.LIVE, true),
                row(5, "ydex", TradingMode.OFF, true), row(6, "vtbr", TradingMode.LIVE, true));

        assertThat(LiveInstruments.of(rows, List.of("moex", "sber"))).containsExactly("sber", "vtbr", "moex");
        assertThat(LiveInstruments.of(List.of(), List.of())).isEmpty();
    }
}
