package dev.strela.itests;

import static org.assertj.core.api.Assertions.assertThat;
import static org.ops4j.pax.exam.karaf.options.KarafDistributionOption.editConfigurationFilePut;

import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;

import javax.inject.Inject;

import org.apache.camel.CamelContext;
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

import dev.strela.api.model.Context;
import dev.strela.api.model.Signal;
import dev.strela.api.model.Timeframe;
import dev.strela.api.model.TradingMode;
import dev.strela.api.spi.Strategy;
import dev.strela.datafeed.CandleImport;
import dev.strela.datafeed.ImportReport;
import dev.strela.persistence.DatabaseStatus;
import dev.strela.persistence.StrategyUniverseRepository;

/**
 * Malformed input of each kind meets the real distribution: candle files (bad rows, a file that is not candles at
 * all), signals (no stop, NaN in their JSON), and broken settings of the watchdog and the simulated broker. Each gets a
 * clear error in live_errors and nothing already stored is lost. (A DRL file that does not compile is ExecutionIT's.)
 */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerClass.class)
public class MalformedInputIT {

    private static final String ID = "itest-malformed";
    /** Monday 2024-03-04 10:00 MSK. */
    private static final Instant T0 = Instant.parse("2024-03-04T07:00:00Z");

    @Inject BundleContext bundleContext;
    @Inject @Filter(timeout = 120_000) CamelContext camel;
    @Inject @Filter(timeout = 120_000) SessionFactory sessions;
    @Inject @Filter(timeout = 120_000) CandleImport candleImport;
    @Inject @Filter(timeout = 120_000) StrategyUniverseRepository universe;
    @Inject @Filter(timeout = 120_000) DatabaseStatus database;

    @Configuration
    public Option[] config() {
        return StrelaKaraf.distribution(
                editConfigurationFilePut("etc/dev.strela.health.cfg", "silenceLimits", "execution=soon"),
                editConfigurationFilePut("etc/dev.strela.health.cfg", "activeHours", "whenever"),
                editConfigurationFilePut("etc/dev.strela.brokerfake.cfg", "marketFill", "SOMETIMES"));
    }

    /** Candles fed before the strategy runner listens would close bars no strategy sees. */
    @Before
    public void routesStarted() throws InterruptedException {
        StrelaKaraf.awaitRoutes(camel, StrelaKaraf.CORE_ROUTES);
    }

    @Test
    public void malformedCandlesSignalsAndSettings_clearErrors_nothingStoredLost() throws Exception {
        StrelaKaraf.await("instrument added", Duration.ofSeconds(60), () -> {
            try {
                return StrelaKaraf.execute(sessions, "strela:instrument-add " + ID + " ITBAD 10 0.01").contains("lot 10");
            } catch (Exception e) {
                return false;
            }
        });
        settings();
        candles();
        signals();
    }

    /** The broken settings were reported at start, with the value used instead, and the components run. */
    private void settings() throws Exception {
        StrelaKaraf.await("config_invalid of the watchdog and FakeBroker", Duration.ofSeconds(60), () -> count(
                "SELECT count(*) FROM live_errors WHERE code = 'config_invalid'") >= 3);
        System.out.printf("[MalformedInputIT] %s%n", StrelaKaraf.executeWhenReady(sessions, "strela:errors --code config_invalid"));
        assertThat(count("SELECT count(*) FROM live_errors WHERE code = 'config_invalid' AND message LIKE"
                + " '%pid=dev.strela.health%' AND message LIKE '%was ''execution=soon''%' AND message LIKE '%used=\"silenceLimits=data_feed=120%'"))
                .isEqualTo(1);
        assertThat(count("SELECT count(*) FROM live_errors WHERE code = 'config_invalid' AND message LIKE"
                + " '%pid=dev.strela.health%' AND message LIKE '%was ''whenever''%' AND message LIKE '%used=\"activeHours=09:50-23:50%'")).isEqualTo(1);
        assertThat(count("SELECT count(*) FROM live_errors WHERE code = 'config_invalid' AND message LIKE"
                + " '%pid=dev.strela.brokerfake%' AND message LIKE '%marketFill: NEXT_OPEN or CURRENT_CLOSE, was ''SOMETIMES''%'")).isEqualTo(1);
        StrelaKaraf.await("FakeBroker up on its default fill model", Duration.ofSeconds(30),
                () -> count("SELECT count(*) FROM service_status WHERE component = 'broker' AND state = 'up'") == 1);
        assertThat(StrelaKaraf.executeWhenReady(sessions, "strela:errors --code config_invalid")).contains("config_invalid");
    }

    private void candles() throws Exception {
        ImportReport good = candleImport.importPath(StrelaKaraf.minutes(T0, 0, 30, i -> 200 + i % 7), null, ID, null);
        assertThat(good.inserted()).isEqualTo(30);
        String stored = fingerprint();

        // Tinkoff format: uid;time;open;close;high;low;volume;
        Path bad = Files.createTempDirectory("strela-it").resolve("bad.csv");
        Files.write(bad, List.of(
                "x;" + T0.plusSeconds(60 * 30) + ";200;201;202;199;10;",       // good
                "x;" + T0.plusSeconds(60 * 31) + ";200;201;199;202;10;",       // high below low
                "x;" + T0.plusSeconds(60 * 32) + ";200;abc;202;199;10;",       // not a number
                "x;" + T0.plusSeconds(60 * 33) + ";200;201;202",               // too few fields
                "x;" + T0.plusSeconds(60 * 34) + ";200;NaN;202;199;10;",       // NaN close
                "x;" + T0.plusSeconds(60 * 35) + ";200;201;202;199;-5;"));     // negative volume
        ImportReport report = candleImport.importPath(bad, "tinkoff", ID, null);
        System.out.printf("[MalformedInputIT] bad rows file: read %d, inserted %d, replaced %d, rejected %d: %s%n",
                report.rowsRead(), report.inserted(), report.replaced(), report.rejected(), report.rejections());
        assertThat(report.inserted()).as("the one good new row").isEqualTo(1);
        assertThat(report.rejected()).as("four malformed rows and the negative volume").isEqualTo(5);
        assertThat(report.rejections()).hasSize(5);
        StrelaKaraf.await("candle_rejected", Duration.ofSeconds(30),
                () -> count("SELECT count(*) FROM live_errors WHERE code = 'candle_rejected'") >= 1);

        Path garbage = Files.createTempDirectory("strela-it").resolve("garbage.bin");
        Files.write(garbage, new byte[] {0, 1, 2, 3, (byte) 0xff, (byte) 0xfe, 10, 0, 0, 7});
        ImportReport unreadable = candleImport.importPath(garbage, null, ID, null);
        assertThat(unreadable.fileErrors()).singleElement().asString().contains("garbage.bin");
        assertThat(unreadable.inserted() + unreadable.replaced()).isZero();
        StrelaKaraf.await("candle_file_unreadable", Duration.ofSeconds(10),
                () -> count("SELECT count(*) FROM live_errors WHERE code = 'candle_file_unreadable' AND message LIKE '%garbage.bin%'") == 1);

        assertThat(fingerprint()).as("the 30 minutes stored first are unchanged").isEqualTo(stored);
        assertThat(count("SELECT count(*) FROM candles_1m WHERE instrument_id = '" + ID + "'")).isEqualTo(31);
    }

    private void signals() throws Exception {
        AtomicInteger calls = new AtomicInteger();
        List<ServiceRegistration<Strategy>> registrations = List.of(
                register("it_bad_no_stop", ctx -> Optional.of(Signal.openLong(null))),
                register("it_bad_nan_meta", ctx -> Optional.of(Signal.openLong(ctx.lastBar().close().multiply(new BigDecimal("0.95")))
                        .withMeta(Map.of("score", Double.NaN)))),
                register("it_good", ctx -> {
                    calls.incrementAndGet();
                    return Optional.of(Signal.openLong(ctx.lastBar().close().multiply(new BigDecimal("0.95"))));
                }));
        try {
            long noStop = universe.add("it_bad_no_stop", ID, Timeframe.M5, TradingMode.PAPER, "{}", true);
            long nan = universe.add("it_bad_nan_meta", ID, Timeframe.M5, TradingMode.PAPER, "{}", true);
            long good = universe.add("it_good", ID, Timeframe.M5, TradingMode.PAPER, "{}", true);
            long signalsBefore = count("SELECT count(*) FROM live_signals");
            candleImport.importPath(StrelaKaraf.minutes(T0, 40, 10, i -> 210), null, ID, null);   // closes two 5m bars
            StrelaKaraf.await("the good strategy's signal", Duration.ofSeconds(60),
                    () -> count("SELECT count(*) FROM live_signals WHERE strategy_universe_id = " + good) >= 1);
            StrelaKaraf.await("invalid_signal_format for both bad strategies", Duration.ofSeconds(30), () ->
                    count("SELECT count(DISTINCT strategy_universe_id) FROM live_errors WHERE code = 'invalid_signal_format'"
                            + " AND strategy_universe_id IN (" + noStop + ", " + nan + ")") == 2);
            assertThat(count("SELECT count(*) FROM live_signals WHERE strategy_universe_id IN (" + noStop + ", " + nan + ")"))
                    .as("no malformed signal stored").isZero();
            assertThat(count("SELECT count(*) FROM live_errors WHERE code = 'invalid_signal_format' AND strategy_universe_id = "
                    + noStop + " AND message LIKE '%stop_loss%'")).isGreaterThanOrEqualTo(1);
            System.out.printf("[MalformedInputIT] signals: %d stored before, %d after; errors: %s%n", signalsBefore,
                    count("SELECT count(*) FROM live_signals"), StrelaKaraf.execute(sessions,
                            "strela:errors --code invalid_signal_format"));
            assertThat(count("SELECT count(*) FROM live_signals")).isGreaterThan(signalsBefore);
        } finally {
            registrations.forEach(ServiceRegistration::unregister);
        }
    }

    private ServiceRegistration<Strategy> register(String name, java.util.function.Function<Context, Optional<Signal>> onBar) {
        return bundleContext.registerService(Strategy.class, new Strategy() {
            @Override
            public String name() {
                return name;
            }

            @Override
            public Optional<Signal> onBar(Context ctx) {
                return onBar.apply(ctx);
            }
        }, null);
    }

    /** The first 30 stored minutes of the instrument as one text (count, sums of prices and volumes, newest minute). */
    private String fingerprint() {
        String first = " FROM candles_1m WHERE instrument_id = '" + ID + "' AND open_time < '" + T0.plusSeconds(60 * 30) + "'";
        return count("SELECT count(*)" + first) + "/" + count("SELECT (sum(open + high + low + close) * 100)::bigint" + first)
                + "/" + count("SELECT sum(volume)" + first) + "/" + count("SELECT extract(epoch FROM max(open_time))::bigint" + first);
    }

    private long count(String sql) {
        return StrelaKaraf.count(database, sql);
    }
}
