package dev.strela.brokertinkoff.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import org.apache.camel.CamelContext;
import org.apache.camel.ProducerTemplate;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.impl.DefaultCamelContext;
import org.junit.jupiter.api.Test;

import dev.strela.api.bus.Endpoints;
import dev.strela.api.model.Bar;
import dev.strela.api.model.Timeframe;

/** The sink on a real (plain, non-OSGi) Camel context, read the way the data feed's candles-in route reads it. */
class CandleSinkTest {

    @Test
    void camel_thenTheBarGoesToTheCandlesEndpointNamedAsFromTinkoff() throws Exception {
        List<String> seen = new CopyOnWriteArrayList<>();
        CamelContext camel = new DefaultCamelContext();
        camel.addRoutes(new RouteBuilder() {
            @Override
            public void configure() {
                from(Endpoints.CANDLES_1M).process(exchange -> {
                    Bar minute = exchange.getMessage().getMandatoryBody(Bar.class);
                    seen.add(minute.instrumentId() + " " + minute.openTime() + " " + minute.close().toPlainString() + " "
                            + exchange.getMessage().getHeader(Endpoints.CANDLE_SOURCE_HEADER, String.class));
                });
            }
        });
        camel.start();
        ProducerTemplate producer = camel.createProducerTemplate();
        try {
            BigDecimal p = new BigDecimal("250.1");
            CandleSink.camel(producer).send(new Bar("sber", Timeframe.M1, Instant.parse("2024-06-03T07:00:00Z"), p, p, p, p, 5));

            long deadline = System.nanoTime() + 5_000_000_000L;
            while (seen.isEmpty() && System.nanoTime() < deadline) {
                Thread.sleep(10);
            }
            assertThat(seen).containsExactly("sber 2024-06-03T07:00:00Z 250.1 tinkoff");
        } finally {
            producer.stop();
            camel.stop();
        }
    }
}
