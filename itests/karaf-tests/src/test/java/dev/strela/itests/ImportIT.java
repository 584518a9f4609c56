package dev.strela.itests;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import javax.inject.Inject;

import org.apache.camel.CamelContext;
import org.apache.camel.RoutesBuilder;
import org.apache.camel.builder.RouteBuilder;
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
import dev.strela.api.model.BarClose;
import dev.strela.api.model.Timeframe;
import dev.strela.datafeed.CandleImport;
import dev.strela.persistence.MarketDataRepository;

/**
 * A candle file imported through the console: minutes stored, bad line refused with its line number, bars
 * built and stored, and a BAR_CLOSE consumer contributed like any bundle's route sees the events in order.
 */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerClass.class)
public class ImportIT {

    private static final String ID = "itest-sber";
    /** Monday 2024-03-04 10:00 MSK. */
    private static final Instant T0 = Instant.parse("2024-03-04T07:00:00Z");

    @Inject BundleContext bundleContext;
    @Inject @Filter(timeout = 120_000) CamelContext camel;
    @Inject @Filter(timeout = 120_000) SessionFactory sessions;
    @Inject @Filter(timeout = 120_000) CandleImport candleImport;
    @Inject @Filter(timeout = 120_000) MarketDataRepository marketData;

    @Configuration
    public Option[] config() {
        return StrelaKaraf.distribution();
    }

    /** Candles fed before the strategy runner listens would close bars no strategy sees. */
    @Before
    public void routesStarted() throws InterruptedException {
        StrelaKaraf.awaitRoutes(camel, StrelaKaraf.CORE_ROUTES);
    }

    @Test
    public void importCommand_tinkoffFileWithOneBadLine_thenStoredRefusedAggregatedAndAnnouncedInOrder() throws Exception {
        List<BarClose> events = new CopyOnWriteArrayList<>();
        ServiceRegistration<RoutesBuilder> consumer = bundleContext.registerService(RoutesBuilder.class, new RouteBuilder() {
            @Override
            public void configure() {
                from(Endpoints.barCloseSubscriber("itest")).routeId("itest.bar-close").process(e -> events.add(e.getMessage().getBody(BarClose.class)));
            }
        }, null);
        try {
            StrelaKaraf.await("itest consumer route", Duration.ofSeconds(30), () -> camel.getRoute("itest.bar-close") != null);
            // the console resolves the repository when a command runs; right after boot it may still be arriving
            StrelaKaraf.await("instrument added", Duration.ofSeconds(30), () -> {
                try {
                    return StrelaKaraf.execute(sessions, "strela:instrument-add " + ID + " ITSBER 10 0.01").contains("lot 10, tick 0.01");
                } catch (Exception e) {
                    return false;
                }
            });

            Path file = writeTinkoffFile();
            String out = StrelaKaraf.executeWhenReady(sessions, "strela:import --instrument " + ID + " " + file);

            assertThat(out).contains("rows read:", "18", "stored:", "17 (17 new", "refused:",
                    "refused candles.csv:6: ", "bars closed:");
            StrelaKaraf.await("4 BAR_CLOSE events", Duration.ofSeconds(30), () -> events.size() >= 4);
            Thread.sleep(500);
            assertThat(events).containsExactly(
                    new BarClose(ID, Timeframe.M5, T0),
                    new BarClose(ID, Timeframe.M5, T0.plusSeconds(300)),
                    new BarClose(ID, Timeframe.M5, T0.plusSeconds(600)),
                    new BarClose(ID, Timeframe.M15, T0));

            List<Bar> fiveMinute = marketData.lastBars(ID, Timeframe.M5, 10);
            assertThat(fiveMinute).hasSize(3);
            Bar first = fiveMinute.get(0);
            assertThat(first.open()).isEqualByComparingTo("100");
            assertThat(first.high()).isEqualByComparingTo("104.75");
            assertThat(first.low()).isEqualByComparingTo("99.75");
            assertThat(first.close()).isEqualByComparingTo("104.5");
            assertThat(first.volume()).isEqualTo(10 + 11 + 12 + 13 + 14);
            assertThat(marketData.countBars(ID, Timeframe.M1)).isEqualTo(17);
            assertThat(marketData.countBars(ID, Timeframe.M15)).isEqualTo(1);

            String again = StrelaKaraf.execute(sessions, "strela:import --instrument " + ID + " " + file);
            assertThat(again).contains("already stored:", "17");
            Thread.sleep(500);
            assertThat(events).as("re-importing the same minutes announces nothing again").hasSize(4);
            assertThat(marketData.countBars(ID, Timeframe.M1)).isEqualTo(17);

            assertThat(StrelaKaraf.execute(sessions, "strela:candles --last 2 ITSBER 5m")).contains("5m: 2 bar(s)", "109.5", "114.5").doesNotContain("104.5");
        } finally {
            consumer.unregister();
        }
    }

    @Test
    public void importCommand_whenFileMissingOrFormatUnknown_thenOneClearErrorAndNoStackTrace() throws Exception {
        String missing = StrelaKaraf.execute(sessions, "strela:import /nonexistent/candles.csv");
        assertThat(missing).contains("ERROR", "no such file").doesNotContain("Exception");

        Path junk = Files.createTempFile("junk", ".txt");
        Files.writeString(junk, "this is not a candle file\n");
        String unknown = StrelaKaraf.execute(sessions, "strela:import " + junk);
        assertThat(unknown).contains("ERROR", "format not recognised").doesNotContain("Exception");
    }

    /** 17 minutes 10:00-10:16 MSK in Tinkoff's order (open;close;high;low), and one malformed line (line 6). */
    private static Path writeTinkoffFile() throws Exception {
        List<String> lines = new ArrayList<>();
        for (int i = 0; i < 17; i++) {
            BigDecimal open = BigDecimal.valueOf(100 + i);
            BigDecimal close = open.add(new BigDecimal("0.5"));
            BigDecimal high = close.add(new BigDecimal("0.25"));
            BigDecimal low = open.subtract(new BigDecimal("0.25"));
            lines.add("e6123145-9665-43e0-8413-cd61b8aa9b13;" + T0.plusSeconds(60L * i) + ";" + open + ";" + close + ";"
                    + high + ";" + low + ";" + (10 + i) + ";");
            if (i == 4) {
                lines.add("e6123145-9665-43e0-8413-cd61b8aa9b13;2024-03-04T07:05:00Z;abc;1;1;1;1;");
            }
        }
        Path dir = Files.createTempDirectory("strela-import");
        Path file = dir.resolve("candles.csv");
        Files.write(file, lines);
        return file;
    }
}
