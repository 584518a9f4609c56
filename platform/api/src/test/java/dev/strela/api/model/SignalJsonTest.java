package dev.strela.api.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SignalJsonTest {

    private static Signal fullSignal() {
        Map<String, Object> meta = new LinkedHashMap<>();
        meta.put("tag", "sma_cross");
        meta.put("fast", 10);
        meta.put("ratio", new BigDecimal("0.50"));
        meta.put("levels", List.of(new BigDecimal("270.39"), new BigDecimal("268.1")));
        meta.put("debug", Map.of("note", "first"));
        return new Signal(SignalType.OPEN, Direction.LONG, EntryType.LIMIT, new BigDecimal("270.39"),
                new BigDecimal("265.10"), new BigDecimal("290.5"), SizeMode.RISK_FRACTION, new BigDecimal("0.5"),
                meta);
    }

    @Test
    void roundTrip_whenAllFieldsSet_thenEqualSignal() {
        Signal original = fullSignal();

        Signal back = SignalJson.fromJson(SignalJson.toJson(original));

        assertThat(back).isEqualTo(original);
    }

    @Test
    void roundTrip_whenPricesHaveScale_thenScaleKept() {
        Signal back = SignalJson.fromJson(SignalJson.toJson(fullSignal()));

        assertThat(back.entryPrice()).hasToString("270.39");
        assertThat(back.stopLoss()).hasToString("265.10");
        assertThat(back.meta().get("ratio")).isEqualTo(new BigDecimal("0.50"));
    }

    @Test
    void toJson_whenSerialized_thenSnakeCaseNamesAndPlainNumbers() {
        String json = SignalJson.toJson(fullSignal().withSizeValue(new BigDecimal("1E+1")));

        assertThat(json).contains("\"type\":\"OPEN\"", "\"direction\":\"LONG\"", "\"entry_type\":\"LIMIT\"",
                "\"entry_price\":270.39", "\"stop_loss\":265.10", "\"take_profit\":290.5",
                "\"size_mode\":\"RISK_FRACTION\"", "\"size_value\":10", "\"meta\":{");
        assertThat(json).doesNotContain("entryPrice", "stopLoss", "sizeValue", "E+");
    }

    @Test
    void fromJson_whenMarketWithNullEntryPrice_thenReadWithDefaults() {
        Signal signal = SignalJson.fromJson("""
                {"type":"OPEN","direction":"SHORT","entry_type":"MARKET","entry_price":null,"stop_loss":301.5}
                """);

        assertThat(signal.entryType()).isEqualTo(EntryType.MARKET);
        assertThat(signal.entryPrice()).isNull();
        assertThat(signal.takeProfit()).isNull();
        assertThat(signal.sizeMode()).isEqualTo(SizeMode.RISK_FRACTION);
        assertThat(signal.sizeValue()).isEqualByComparingTo("1.0");
        assertThat(signal.meta()).isEmpty();
    }

    @Test
    void roundTrip_whenMarketSignal_thenNullEntryPriceWrittenAndRead() {
        Signal original = Signal.openLong(new BigDecimal("250.00"));

        String json = SignalJson.toJson(original);

        assertThat(json).contains("\"entry_price\":null", "\"size_value\":1.0");
        assertThat(SignalJson.fromJson(json)).isEqualTo(original);
    }

    @Test
    void fromJson_whenUnknownProperty_thenRejected() {
        assertThatThrownBy(() -> SignalJson.fromJson("{\"type\":\"OPEN\",\"stop_los\":100}"))
                .isInstanceOf(SignalFormatException.class)
                .hasMessageContaining("unknown property 'stop_los'")
                .hasMessageContaining("stop_loss")
                .satisfies(e -> assertThat(((SignalFormatException) e).property()).isEqualTo("stop_los"));
    }

    @Test
    void fromJson_whenBadEnumValue_thenRejectedNamingPropertyAndValues() {
        assertThatThrownBy(() -> SignalJson.fromJson("{\"type\":\"OPEN\",\"direction\":\"UP\"}"))
                .isInstanceOf(SignalFormatException.class)
                .hasMessageContaining("'direction'")
                .hasMessageContaining("'UP'")
                .hasMessageContaining("LONG");
    }

    @Test
    void fromJson_whenLowerCaseEnum_thenAccepted() {
        assertThat(SignalJson.fromJson("{\"type\":\"close\",\"direction\":\"flat\"}").type())
                .isEqualTo(SignalType.CLOSE);
    }

    @Test
    void fromJson_whenNaN_thenRejected() {
        assertThatThrownBy(() -> SignalJson.fromJson("{\"type\":\"OPEN\",\"stop_loss\":NaN}"))
                .isInstanceOf(SignalFormatException.class);
    }

    @Test
    void fromJson_whenNotJson_thenRejectedWithLocation() {
        assertThatThrownBy(() -> SignalJson.fromJson("{\"type\":"))
                .isInstanceOf(SignalFormatException.class)
                .hasMessageContaining("line 1");
        assertThatThrownBy(() -> SignalJson.fromJson("  "))
                .isInstanceOf(SignalFormatException.class)
                .hasMessage("signal JSON is empty");
    }

    @Test
    void fromJson_whenTrailingGarbage_thenRejected() {
        assertThatThrownBy(() -> SignalJson.fromJson("{\"type\":\"OPEN\"} x"))
                .isInstanceOf(SignalFormatException.class);
    }

    @Test
    void constructor_whenInvalidValues_thenNoValidationOnlyDefaults() {
        Signal signal = new Signal(null, Direction.LONG, EntryType.MARKET, null,
                new BigDecimal("-5"), null, null, null, null);

        assertThat(signal.type()).isNull();
        assertThat(signal.stopLoss()).isEqualByComparingTo("-5");
        assertThat(signal.sizeValue()).isEqualTo(Signal.DEFAULT_SIZE_VALUE);
    }

    @Test
    void withMeta_whenEntryAdded_thenOriginalUnchanged() {
        Signal original = Signal.close();

        Signal tagged = original.withMeta("tag", "exit");

        assertThat(original.meta()).isEmpty();
        assertThat(tagged.meta()).containsEntry("tag", "exit");
        assertThat(tagged.type()).isEqualTo(SignalType.CLOSE);
        assertThat(tagged.direction()).isEqualTo(Direction.FLAT);
    }

    @Test
    void mapFromJson_whenParamsJson_thenFloatsAreBigDecimal() {
        Map<String, Object> params = SignalJson.mapFromJson("{\"fast\":10,\"k\":2.50,\"name\":\"x\"}");

        assertThat(params).containsEntry("fast", 10).containsEntry("k", new BigDecimal("2.50"));
        assertThat(SignalJson.mapFromJson(null)).isEmpty();
    }
}
