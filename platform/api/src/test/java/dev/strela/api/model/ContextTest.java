package dev.strela.api.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ContextTest {

    private static final Instrument SBER =
            new Instrument("sber-uid", "SBER", "TQBR", 10, new BigDecimal("0.01"), "RUB");
    private static final Instant T0 = Instant.parse("2024-03-01T07:00:00Z");

    private static Bar bar(Instant t) {
        BigDecimal p = new BigDecimal("270.00");
        return new Bar("sber-uid", Timeframe.M5, t, p, p, p, p, 10);
    }

    private static Context context(List<Bar> bars, Instant barTime, Map<String, Object> params) {
        return new Context(SBER, Timeframe.M5, barTime, bars, null, null, params, new BigDecimal("100000"),
                new BigDecimal("0.02"), new BigDecimal("0.2"), 7L);
    }

    @Test
    void constructor_whenInputsMutatedLater_thenContextUnchanged() {
        List<Bar> bars = new ArrayList<>(List.of(bar(T0), bar(T0.plusSeconds(300))));
        Map<String, Object> params = new HashMap<>(Map.of("fast", 10));
        Context ctx = context(bars, T0.plusSeconds(300), params);

        bars.clear();
        params.put("fast", 20);

        assertThat(ctx.bars()).hasSize(2);
        assertThat(ctx.intParam("fast", 0)).isEqualTo(10);
        assertThat(ctx.lastBar().openTime()).isEqualTo(T0.plusSeconds(300));
        assertThat(ctx.position()).isEmpty();
        assertThat(ctx.activeOrders()).isEmpty();
        assertThatThrownBy(() -> ctx.bars().add(bar(T0))).isInstanceOf(UnsupportedOperationException.class);
    }

    @Test
    void constructor_whenLastBarIsNotTheClosedBar_thenRefused() {
        assertThatThrownBy(() -> context(List.of(bar(T0)), T0.plusSeconds(300), null))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("bars: last bar 5m");
    }

    @Test
    void params_whenTypedReads_thenConvertedOrDefault() {
        Map<String, Object> params = new HashMap<>();
        params.put("k", new BigDecimal("2.5"));
        params.put("n", 3L);
        params.put("name", "fast");
        params.put("empty", null);
        Context ctx = context(List.of(bar(T0)), T0, params);

        assertThat(ctx.decimalParam("k", BigDecimal.ONE)).isEqualByComparingTo("2.5");
        assertThat(ctx.intParam("n", 0)).isEqualTo(3);
        assertThat(ctx.intParam("empty", 9)).isEqualTo(9);
        assertThat(ctx.stringParam("name", "x")).isEqualTo("fast");
        assertThatThrownBy(() -> ctx.intParam("k", 0)).hasMessageStartingWith("params.k: expected a whole number");
        assertThatThrownBy(() -> ctx.decimalParam("name", null)).hasMessageStartingWith("params.name: expected a number");
    }
}
