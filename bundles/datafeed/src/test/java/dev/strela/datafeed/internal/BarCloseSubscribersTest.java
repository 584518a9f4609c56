package dev.strela.datafeed.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.impl.DefaultCamelContext;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import dev.strela.api.bus.Endpoints;
import dev.strela.api.error.ErrorCode;
import dev.strela.api.model.BarClose;
import dev.strela.api.model.Timeframe;

/** The BAR_CLOSE fan-out: every running subscriber gets each bar; a bar no subscriber takes is reported. */
class BarCloseSubscribersTest {

    private static final BarClose BAR = new BarClose("sber", Timeframe.M5, Instant.parse("2024-03-04T07:00:00Z"));

    private final RecordingErrorLog errors = new RecordingErrorLog();
    private final List<String> received = Collections.synchronizedList(new ArrayList<>());
    private DefaultCamelContext camel;

    @BeforeEach
    void start() throws Exception {
        camel = new DefaultCamelContext();
        camel.addRoutes(new RouteBuilder() {
            @Override
            public void configure() {
                from(Endpoints.BAR_CLOSE).routeId("fanout").recipientList(BarCloseSubscribers.expression(errors));
                from(Endpoints.barCloseSubscriber("runner")).routeId("runner").autoStartup(false)
                        .process(e -> received.add("runner " + e.getMessage().getBody(BarClose.class).instrumentId()));
                from(Endpoints.barCloseSubscriber("monitor")).routeId("monitor").autoStartup(false)
                        .process(e -> received.add("monitor " + e.getMessage().getBody(BarClose.class).instrumentId()));
            }
        });
        camel.start();
    }

    @AfterEach
    void stop() {
        camel.stop();
    }

    @Test
    void fanOut_whenNoSubscriberRuns_thenTheBarIsReportedAsUndelivered() {
        camel.createProducerTemplate().sendBody(Endpoints.BAR_CLOSE, BAR);

        assertThat(received).isEmpty();
        assertThat(errors.events()).singleElement().satisfies(e -> {
            assertThat(e.errorCode()).isEqualTo(ErrorCode.BAR_CLOSE_UNDELIVERED);
            assertThat(e.symbol()).isEqualTo("sber");
            assertThat(e.timeframe()).isEqualTo("5m");
            assertThat(e.message()).contains("2024-03-04T07:00:00Z").contains("no strategy saw this bar");
        });
    }

    @Test
    void fanOut_whenSubscribersRun_thenEachGetsTheBar_andNothingIsReported() throws Exception {
        camel.getRouteController().startRoute("runner");
        camel.getRouteController().startRoute("monitor");

        camel.createProducerTemplate().sendBody(Endpoints.BAR_CLOSE, BAR);

        long deadline = System.nanoTime() + 5_000_000_000L;
        while (received.size() < 2 && System.nanoTime() < deadline) {
            Thread.sleep(10);
        }
        assertThat(received).containsExactlyInAnyOrder("runner sber", "monitor sber");
        assertThat(errors.events()).isEmpty();

        camel.getRouteController().stopRoute("runner");
        camel.getRouteController().stopRoute("monitor");
        camel.createProducerTemplate().sendBody(Endpoints.BAR_CLOSE, BAR);
        assertThat(errors.events()).extracting(e -> e.errorCode()).containsExactly(ErrorCode.BAR_CLOSE_UNDELIVERED);
    }
}
