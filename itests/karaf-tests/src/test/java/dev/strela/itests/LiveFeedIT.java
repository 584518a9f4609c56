package dev.strela.itests;

import static org.assertj.core.api.Assertions.assertThat;
import static org.ops4j.pax.exam.karaf.options.KarafDistributionOption.editConfigurationFilePut;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Hashtable;

import javax.inject.Inject;

import org.apache.camel.CamelContext;
import org.apache.camel.ProducerTemplate;
import org.apache.karaf.shell.api.console.SessionFactory;
import org.junit.Before;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.ops4j.pax.exam.Configuration;
import org.ops4j.pax.exam.Option;
import org.ops4j.pax.exam.junit.PaxExam;
import org.ops4j.pax.exam.spi.reactors.ExamReactorStrategy;
import org.ops4j.pax.exam.spi.reactors.PerClass;
import org.ops4j.pax.exam.util.Filter;
import org.osgi.framework.BundleContext;
import org.osgi.framework.ServiceRegistration;

import dev.strela.api.bus.Endpoints;
import dev.strela.api.model.Bar;
import dev.strela.api.model.Timeframe;
import dev.strela.api.model.Context;
import dev.strela.api.model.Signal;
import dev.strela.api.model.TradingMode;
import dev.strela.api.spi.Strategy;
import dev.strela.persistence.DatabaseStatus;
import dev.strela.persistence.StrategyUniverseRepository;
import dev.strela.persistence.TradingControlRepository;

/**
 * A live feed pushing candles on the bus, with the feed's wall clock driven by the test (a Clock service):
 * silence during trading hours is data_feed_down and closes no bar by the clock; the first candle after
 * the outage brings it back, and its old bar is stored but not announced (bar_too_old); a gap of more than
 * the allowed minutes switches on safe mode with who and why.
 */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerClass.class)
public class LiveFeedIT {

    private static final String ID = "itest-live";
    /** Monday 2024-03-04 11:00 MSK. */
    private static final Instant T0 = Instant.parse("2024-03-04T08:00:00Z");

    @Inject BundleContext bundleContext;
    @Inject @Filter(timeout = 120_000) CamelContext camel;
    @Inject @Filter(timeout = 120_000) SessionFactory sessions;
    @Inject @Filter(timeout = 120_000) DatabaseStatus database;
    @Inject @Filter(timeout = 120_000) TradingControlRepository tradingControl;
    @Inject @Filter(timeout = 120_000) StrategyUniverseRepository universe;

    @Configuration
    public Option[] config() {
        // 590 s of silence is "down" (the outage below is 600 s): the 9 minutes of the gap below stay under it, so that the feed's own timer
        // cannot call the feed down between the test moving the clock and sending the candle after the gap
        return StrelaKaraf.distribution(editConfigurationFilePut("etc/dev.strela.datafeed.cfg", "liveSilenceSeconds", "590"));
    }

    /** Candles fed before the strategy runner listens would close bars no strategy sees. */
    @Before
    public void routesStarted() throws InterruptedException {
        StrelaKaraf.awaitRoutes(camel, StrelaKaraf.CORE_ROUTES);
    }

    @Test
    public void liveFeed_silenceRecoveryAndGap_thenDownNoClockClosesTooOldAndSafeMode() throws Exception {
        TestClock clock = new TestClock(T0.plusSeconds(5));
        Hashtable<String, Object> props = new Hashtable<>();
        props.put("strela.clock", "feed");
        ServiceRegistration<Clock> registration = bundleContext.registerService(Clock.class, clock, props);
        ProducerTemplate producer = camel.createProducerTemplate();
        java.util.List<Instant> calls = new java.util.concurrent.CopyOnWriteArrayList<>();
        ServiceRegistration<Strategy> strategy = bundleContext.registerService(Strategy.class, new Strategy() {
            @Override
            public String name() {
                return "it_live_watcher";
            }

            @Override
            public java.util.Optional<Signal> onBar(Context ctx) {
                calls.add(ctx.lastBar().openTime());
                return java.util.Optional.empty();
            }
        }, null);
        try {
            StrelaKaraf.await("instrument added", Duration.ofSeconds(30), () -> {
                try {
                    return StrelaKaraf.execute(sessions, "strela:instrument-add " + ID + " ITLIVE 10 0.01").contains("lot 10");
                } catch (Exception e) {
                    return false;
                }
            });
            universe.add("it_live_watcher", ID, Timeframe.M5, TradingMode.PAPER, "{}", true);
            send(producer, 0);
            StrelaKaraf.await("live candle stored", Duration.ofSeconds(20), () -> count("SELECT count(*) FROM candles_1m WHERE instrument_id = '" + ID + "'") == 1);
            StrelaKaraf.await("heartbeat up", Duration.ofSeconds(20),
                    () -> count("SELECT count(*) FROM service_status WHERE component = 'data_feed' AND state = 'up'") == 1);

            // silent for 10 minutes during the main session: down, once; the 11:00 bar is not closed by the clock
            clock.set(T0.plusSeconds(600 + 5));
            StrelaKaraf.await("data_feed_down", Duration.ofSeconds(20), () -> count(errors("data_feed_down")) == 1);
            Thread.sleep(2500);
            assertThat(count(errors("data_feed_down"))).as("once per outage").isEqualTo(1);
            assertThat(count("SELECT count(*) FROM service_status WHERE component = 'data_feed' AND state = 'down'")).isEqualTo(1);
            assertThat(count("SELECT count(*) FROM candles_5m WHERE instrument_id = '" + ID + "'")).isZero();

            // data returns with the 11:10 minute: the 11:00 bar closes by the data, too late to be announced
            send(producer, 10);
            StrelaKaraf.await("bar_too_old", Duration.ofSeconds(20), () -> count(errors("bar_too_old")) == 1);
            assertThat(count("SELECT count(*) FROM candles_5m WHERE instrument_id = '" + ID + "'")).as("stored anyway").isEqualTo(1);
            assertThat(calls).as("no strategy called while the feed was down, nor for the old bar after it").isEmpty();
            StrelaKaraf.await("heartbeat up again", Duration.ofSeconds(20),
                    () -> count("SELECT count(*) FROM service_status WHERE component = 'data_feed' AND state = 'up'") == 1);
            assertThat(tradingControl.current().safeMode()).isFalse();

            // 11:11, then 11:20: eight minutes missing inside the session, more than the allowed five
            clock.set(T0.plusSeconds(660 + 5));
            send(producer, 11);
            clock.set(T0.plusSeconds(1200 + 5));
            send(producer, 20);
            StrelaKaraf.await("data_feed_gap", Duration.ofSeconds(20), () -> count(errors("data_feed_gap")) == 1);
            StrelaKaraf.await("safe mode on", Duration.ofSeconds(20), () -> tradingControl.current().safeMode());
            assertThat(tradingControl.current().changedBy()).isEqualTo("data_feed");
            assertThat(count("SELECT count(*) FROM trading_control_log WHERE flag = 'safe_mode' AND value AND changed_by = 'data_feed'"))
                    .isEqualTo(1);

            // live again and on time: the 11:20 bar closes with the 11:25 minute and the strategy is called for it
            clock.set(T0.plusSeconds(1500 + 5));
            send(producer, 25);
            StrelaKaraf.await("the strategy called for the 11:20 bar", Duration.ofSeconds(20),
                    () -> calls.contains(T0.plusSeconds(1200)));
            System.out.printf("[LiveFeedIT] strategy calls over the test: %s%n", calls);
        } finally {
            strategy.unregister();
            if (tradingControl.current().safeMode()) {
                tradingControl.setSafeMode(false, "itest: done", "itest");
            }
            producer.stop();
            registration.unregister();
        }
    }

    private void send(ProducerTemplate producer, int minute) {
        BigDecimal p = BigDecimal.valueOf(300 + minute);
        producer.sendBodyAndHeader(Endpoints.CANDLES_1M,
                new Bar(ID, Timeframe.M1, T0.plusSeconds(60L * minute), p, p.add(BigDecimal.ONE), p.subtract(BigDecimal.ONE), p, 5),
                "strelaCandleSource", "generator");
    }

    private long count(String sql) {
        return StrelaKaraf.count(database, sql);
    }

    private static String errors(String code) {
        return "SELECT count(*) FROM live_errors WHERE code = '" + code + "'";
    }

    /** A wall clock the test moves. */
    static final class TestClock extends Clock {
        private volatile Instant now;

        TestClock(Instant start) {
            this.now = start;
        }

        void set(Instant instant) {
            this.now = instant;
        }

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }
}
