package dev.strela.datafeed.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
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
    private final MutableClock clock = new MutableClock(Instant.parse("2024-03-04T07:05:00Z"));
    private final List<String> received = Collections.synchronizedList(new ArrayList<>());
    private DefaultCamelContext camel;

    @BeforeEach
    void start() throws Exception {
        camel = new DefaultCamelContext();
        camel.addRoutes(new RouteBuilder() {
            @Override
            public void configure() {
                from(Endpoints.BAR_CLOSE).routeId("fanout").recipientList(BarCloseSubscribers.expression(errors, clock));
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
    void fanOut_whenManyBarsGoUndelivered_thenOneReportAMinute_countingThoseInBetween() {
        for (int i = 0; i < 50; i++) {
            camel.createProducerTemplate().sendBody(Endpoints.BAR_CLOSE, BAR);
        }
        assertThat(errors.events()).hasSize(1);

        clock.advance(Duration.ofSeconds(61));
        camel.createProducerTemplate().sendBody(Endpoints.BAR_CLOSE, BAR);

        assertThat(errors.events()).hasSize(2);
        assertThat(errors.events().get(1).message()).contains("unreported_before=49");
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

    /** A clock the test moves. */
    private static final class MutableClock extends Clock {
        private Instant now;

        MutableClock(Instant start) {
            now = start;
        }

        void advance(Duration by) {
            now = now.plus(by);
        }

        @Override
        public Instant instant() {
            return now;
        }

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }
    }
}
