package dev.strela.itests;

import static org.assertj.core.api.Assertions.assertThat;
import static org.ops4j.pax.exam.karaf.options.KarafDistributionOption.editConfigurationFilePut;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

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
import dev.strela.api.spi.Strategy;
import dev.strela.datafeed.CandleImport;
import dev.strela.persistence.DatabaseStatus;
import dev.strela.persistence.StrategyUniverseRepository;

/**
 * The strategy runner in the real distribution: strategies registered as services (as a strategy bundle
 * does) and bound by universe rows. A healthy strategy signals on every bar while one that throws and one
 * that hangs (ignoring interruption) are reported and, after repeated failures, disabled; a row whose
 * strategy is missing is reported once per disappearance.
 */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerClass.class)
public class StrategyRunnerIT {

    private static final String ID = "itest-runner";
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
                // long enough for the healthy strategy on a loaded machine, short enough to keep the test quick
                editConfigurationFilePut("etc/dev.strela.strategyrunner.cfg", "timeoutMillis", "1500"),
                editConfigurationFilePut("etc/dev.strela.strategyrunner.cfg", "maxConsecutiveFailures", "3"),
                // about the runner only: paper orders go to a broker nobody serves, so no position builds up and
                // the healthy strategy's OPEN stays valid on every bar
                editConfigurationFilePut("etc/dev.strela.execution.cfg", "paperBroker", "none"));
    }

    /** Candles fed before the strategy runner listens would close bars no strategy sees. */
    @Before
    public void routesStarted() throws InterruptedException {
        StrelaKaraf.awaitRoutes(camel, StrelaKaraf.CORE_ROUTES);
    }

    @Test
    public void barClose_withHealthyThrowingHangingAndMissingStrategies_thenHealthyOnEveryBarOthersReportedAndDisabled()
            throws Exception {
        List<ServiceRegistration<Strategy>> registrations = new ArrayList<>();
        registrations.add(register("it_healthy", ctx -> Optional.of(Signal.openLong(
                ctx.instrument().roundToTick(ctx.lastBar().close().multiply(new BigDecimal("0.95")), RoundingMode.DOWN)))));
        registrations.add(register("it_throws", ctx -> {
            throw new IllegalStateException("boom on " + ctx.barTime());
        }));
        registrations.add(register("it_hangs", ctx -> {
            while (true) {
                try {
                    Thread.sleep(60_000);
                } catch (InterruptedException ignored) {
                    // a badly written strategy that ignores interruption
                }
            }
        }));
        try {
            StrelaKaraf.await("instrument added", Duration.ofSeconds(30), () -> {
                try {
                    return StrelaKaraf.execute(sessions, "strela:instrument-add " + ID + " ITRUN 10 0.01").contains("lot 10");
                } catch (Exception e) {
                    return false;
                }
            });
            // the hanging and throwing rows come first: they must not delay the healthy one
            long hanging = addRow("it_hangs");
            long throwing = addRow("it_throws");
            long healthy = addRow("it_healthy");
            long missing = addRow("it_missing");

            candleImport.importPath(minutes(0, 30), null, ID, null);   // six 5m bars

            StrelaKaraf.await("6 signals of the healthy strategy", Duration.ofSeconds(60),
                    () -> count("SELECT count(*) FROM live_signals WHERE strategy_universe_id = " + healthy) == 6);
            assertThat(count("SELECT count(DISTINCT bar_timestamp) FROM live_signals WHERE strategy_universe_id = " + healthy))
                    .as("one signal per bar").isEqualTo(6);
            // the error log may still be writing (it queues while another thread writes); the exact counts follow
            StrelaKaraf.await("the failing rows' errors written", Duration.ofSeconds(30),
                    () -> count(errors("strategy_timeout", hanging)) >= 3 && count(errors("strategy_exception", throwing)) >= 3
                            && count(errors("strategy_disabled", hanging)) >= 1 && count(errors("strategy_disabled", throwing)) >= 1
                            && count(errors("strategy_not_found", missing)) >= 1);
            assertThat(count("SELECT count(*) FROM live_signals s WHERE s.strategy_universe_id = " + healthy
                    + " AND s.created_at < (SELECT min(e.created_at) FROM live_errors e WHERE e.code = 'strategy_timeout'"
                    + " AND e.strategy_universe_id = " + hanging + " AND e.message LIKE"
                    + " '%bar=' || to_char(s.bar_timestamp AT TIME ZONE 'UTC', 'YYYY-MM-DD\"T\"HH24:MI:SS\"Z\"') || '%')"))
                    .as("on the bars where the hanging strategy timed out, the healthy signal was stored before the timeout")
                    .isEqualTo(3);
            assertThat(count(errors("strategy_exception", throwing) + " AND stack_trace LIKE '%IllegalStateException: boom%'"))
                    .isEqualTo(3);
            assertThat(count(errors("strategy_timeout", hanging))).isEqualTo(3);
            assertThat(count(errors("strategy_disabled", throwing) + " AND severity = 'critical'")).isEqualTo(1);
            assertThat(count(errors("strategy_disabled", hanging))).isEqualTo(1);
            assertThat(universe.find(throwing).orElseThrow().enabled()).isFalse();
            assertThat(universe.find(hanging).orElseThrow().enabled()).isFalse();
            assertThat(universe.find(healthy).orElseThrow().enabled()).isTrue();
            assertThat(count(errors("strategy_not_found", missing))).as("reported once, not on every bar").isEqualTo(1);

            // the missing strategy arrives: it signals; it goes away again: reported once more
            ServiceRegistration<Strategy> late = register("it_missing", ctx -> Optional.of(Signal.openLong(
                    ctx.instrument().roundToTick(ctx.lastBar().close().multiply(new BigDecimal("0.9")), RoundingMode.DOWN))));
            candleImport.importPath(minutes(30, 10), null, ID, null);   // two more bars
            StrelaKaraf.await("the late strategy signals", Duration.ofSeconds(30),
                    () -> count("SELECT count(*) FROM live_signals WHERE strategy_universe_id = " + missing) == 2);
            late.unregister();
            candleImport.importPath(minutes(40, 10), null, ID, null);
            StrelaKaraf.await("second strategy_not_found", Duration.ofSeconds(30),
                    () -> count(errors("strategy_not_found", missing)) == 2);
            // the missing row is reported when a bar's calls start, the healthy signal of that bar is stored a moment later
            StrelaKaraf.await("the healthy strategy on all 10 bars", Duration.ofSeconds(30),
                    () -> count("SELECT count(DISTINCT bar_timestamp) FROM live_signals WHERE strategy_universe_id = " + healthy) == 10);
            assertThat(count("SELECT count(*) FROM live_signals WHERE strategy_universe_id = " + healthy)).isEqualTo(10);

            String strategies = StrelaKaraf.execute(sessions, "strela:strategies");
            assertThat(strategies).contains("it_healthy", "disabled", "strategy_disabled", "missing", "last signal: bar");
            assertThat(StrelaKaraf.execute(sessions, "strela:signals --strategy it_healthy --last 3")).contains("\"OPEN\"", "it_healthy");
        } finally {
            registrations.forEach(ServiceRegistration::unregister);
        }
    }

    private long addRow(String strategy) throws Exception {
        String out = StrelaKaraf.executeWhenReady(sessions, "strela:universe-add " + strategy + " " + ID + " 5m");
        return Long.parseLong(out.replaceAll("(?s).*Universe row (\\d+):.*", "$1"));
    }

    private ServiceRegistration<Strategy> register(String name, java.util.function.Function<Context, Optional<Signal>> logic) {
        return bundleContext.registerService(Strategy.class, new Strategy() {
            @Override
            public String name() {
                return name;
            }

            @Override
            public Optional<Signal> onBar(Context ctx) {
                return logic.apply(ctx);
            }
        }, null);
    }

    private long count(String sql) {
        return StrelaKaraf.count(database, sql);
    }

    /** How many times the error was reported (a repeat within a minute is folded into its row: occurrences). */
    private static String errors(String code, long row) {
        return "SELECT coalesce(sum(occurrences), 0) FROM live_errors WHERE code = '" + code + "' AND strategy_universe_id = " + row;
    }

    /** {@code n} one-minute candles from 10:00 + {@code from} minutes, in Tinkoff's column order. */
    private static Path minutes(int from, int n) throws Exception {
        List<String> lines = new ArrayList<>();
        for (int i = from; i < from + n; i++) {
            BigDecimal open = BigDecimal.valueOf(200 + i);
            lines.add("x;" + T0.plusSeconds(60L * i) + ";" + open + ";" + open.add(BigDecimal.ONE) + ";"
                    + open.add(new BigDecimal("1.5")) + ";" + open.subtract(new BigDecimal("0.5")) + ";10;");
        }
        Path file = Files.createTempDirectory("strela-runner").resolve("minutes.csv");
        Files.write(file, lines);
        return file;
    }
}
