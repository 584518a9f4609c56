package dev.strela.datafeed.internal.demo;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class DemoStrategyTest {

    @Test
    void parse_whenTheDefault_thenBothStrategiesWithCompactParams() {
        DemoStrategy.Parsed parsed = DemoStrategy.parse(DemoStrategy.DEFAULT_SPEC);

        assertThat(parsed.problems()).isEmpty();
        assertThat(parsed.strategies()).containsExactly(
                new DemoStrategy("sma_crossover", "{\"fast\":2,\"slow\":3,\"atrPeriod\":1,\"atrMultiple\":2.0}"),
                new DemoStrategy("donchian_breakout", "{\"entry\":3,\"exit\":2,\"atrPeriod\":1,\"atrMultiple\":2.0}"));
    }

    @Test
    void parse_whenBareNamesSpacesAndEmptyEntries_thenEmptyParams() {
        DemoStrategy.Parsed parsed = DemoStrategy.parse(" sma_crossover ; ; donchian_breakout : { } ;");

        assertThat(parsed.problems()).isEmpty();
        assertThat(parsed.strategies()).containsExactly(new DemoStrategy("sma_crossover", "{}"),
                new DemoStrategy("donchian_breakout", "{}"));
    }

    @Test
    void parse_whenASemicolonIsInsideAJsonString_thenItDoesNotSplit() {
        DemoStrategy.Parsed parsed = DemoStrategy.parse("x:{\"note\":\"a;b\"};y");

        assertThat(parsed.strategies()).extracting(DemoStrategy::name).containsExactly("x", "y");
        assertThat(parsed.strategies().get(0).paramsJson()).isEqualTo("{\"note\":\"a;b\"}");
    }

    @Test
    void parse_whenAnEntryIsBad_thenItIsLeftOutAndNamed_andTheOthersKept() {
        DemoStrategy.Parsed parsed = DemoStrategy.parse("sma_crossover:{\"fast\":2;donchian_breakout:[1];bad name;ok");

        assertThat(parsed.strategies()).extracting(DemoStrategy::name).containsExactly("ok");
        assertThat(parsed.problems()).hasSize(3);
        assertThat(parsed.problems().get(0)).startsWith("'sma_crossover:{\"fast\":2': params are not a JSON object");
        assertThat(parsed.problems().get(2)).contains("strategy name");
    }

    @Test
    void parse_whenBlankOrNull_thenNothing() {
        assertThat(DemoStrategy.parse("").strategies()).isEmpty();
        assertThat(DemoStrategy.parse(null).strategies()).isEmpty();
    }
}
