package dev.strela.itests;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.InputStream;
import java.math.BigDecimal;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

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
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;

import dev.strela.datafeed.CandleImport;
import dev.strela.persistence.DatabaseStatus;

/**
 * Strategy bundles deployed into the running platform, no restart: the real SMA-crossover bundle signals
 * on the next bar close after it is installed; a strategy bundle updated to a version with other logic
 * behaves the new way from the next bar; an uninstalled one is reported exactly once and nothing breaks.
 */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerClass.class)
public class StrategyHotDeployIT {

    private static final String VERSION = System.getProperty("project.version", "0.1.0-SNAPSHOT");
    /** Monday 2024-03-04 10:00 MSK. */
    private static final Instant T0 = Instant.parse("2024-03-04T07:00:00Z");

    @Inject BundleContext bundleContext;
    @Inject @Filter(timeout = 120_000) CamelContext camel;
    @Inject @Filter(timeout = 120_000) SessionFactory sessions;
    @Inject @Filter(timeout = 120_000) CandleImport candleImport;
    @Inject @Filter(timeout = 120_000) DatabaseStatus database;

    @Configuration
    public Option[] config() {
        return StrelaKaraf.distribution(org.ops4j.pax.exam.CoreOptions.systemProperty("project.version").value(VERSION),
                // about deployment only: paper orders go to a broker nobody serves, so no position changes what
                // the strategies may signal
                org.ops4j.pax.exam.karaf.options.KarafDistributionOption.editConfigurationFilePut(
                        "etc/dev.strela.execution.cfg", "paperBroker", "none"));
    }

    /** Candles fed before the strategy runner listens would close bars no strategy sees. */
    @Before
    public void routesStarted() throws InterruptedException {
        StrelaKaraf.awaitRoutes(camel, StrelaKaraf.CORE_ROUTES);
    }

    @Test
    public void smaCrossoverBundle_installedWhileRunning_thenSignalsOnTheNextBarClose() throws Exception {
        addInstrument("itest-sma", "ITSMA");
        long row = addRow("--params '{\"fast\":2,\"slow\":3,\"atrPeriod\":2}'", "sma_crossover", "itest-sma");
        // falling prices while the strategy is not deployed: no signal, the row is reported once
        candleImport.importPath(minutes(0, 40, i -> 300 - i), null, "itest-sma", null);
        // the runner works through its queue after the import returns: wait for it
        StrelaKaraf.await("strategy_not_found for the row", Duration.ofSeconds(30), () -> count(notFound(row)) == 1);
        assertThat(count("SELECT count(*) FROM live_signals WHERE strategy_universe_id = " + row)).isZero();

        Bundle sma = bundleContext.installBundle("mvn:dev.strela/strela-strategy-sma-crossover/" + VERSION);
        sma.start();
        await("sma_crossover registered", Duration.ofSeconds(30), () -> {
            try {
                return StrelaKaraf.execute(sessions, "strela:strategies").lines()
                        .anyMatch(line -> line.startsWith("Deployed strategies:") && line.contains("sma_crossover"));
            } catch (Exception e) {
                return false;
            }
        });
        // then rising: the 2-bar SMA crosses above the 3-bar SMA on one of the next bars
        candleImport.importPath(minutes(40, 30, i -> 260 + 3 * (i - 40)), null, "itest-sma", null);

        await("a signal of the freshly installed bundle", Duration.ofSeconds(30),
                () -> count("SELECT count(*) FROM live_signals WHERE strategy_universe_id = " + row) >= 1);
        assertThat(count("SELECT count(*) FROM live_signals WHERE strategy_universe_id = " + row
                + " AND signal_json->>'type' = 'OPEN' AND signal_json->>'direction' = 'LONG'")).isGreaterThanOrEqualTo(1);
        sma.uninstall();
    }

    @Test
    public void strategyBundle_updatedThenUninstalled_thenNewLogicNextBarAndOneNotFound() throws Exception {
        addInstrument("itest-hot", "ITHOT");
        long row = addRow("", "itest_probe", "itest-hot");
        Bundle probe = bundleContext.installBundle("mvn:dev.strela/strela-itest-probe-strategy-v1/" + VERSION);
        probe.start();
        awaitStrategy();

        candleImport.importPath(minutes(0, 10, i -> 200 + i), null, "itest-hot", null);   // two 5m bars
        await("v1 signals", Duration.ofSeconds(30), () -> signals(row, "LONG") == 2);

        try (InputStream v2 = new URL("mvn:dev.strela/strela-itest-probe-strategy-v2/" + VERSION).openStream()) {
            probe.update(v2);
        }
        assertThat(probe.getVersion().getMajor()).isEqualTo(2);
        awaitStrategy();
        candleImport.importPath(minutes(10, 10, i -> 200 + i), null, "itest-hot", null);
        await("v2 signals", Duration.ofSeconds(30), () -> signals(row, "SHORT") == 2);
        assertThat(signals(row, "LONG")).as("v1 no longer runs").isEqualTo(2);

        probe.uninstall();
        candleImport.importPath(minutes(20, 15, i -> 200 + i), null, "itest-hot", null);   // three more bars
        StrelaKaraf.await("strategy_not_found", Duration.ofSeconds(30), () -> count(notFound(row)) >= 1);
        Thread.sleep(1000);
        assertThat(count(notFound(row))).as("exactly once, not per bar").isEqualTo(1);
        assertThat(count("SELECT count(*) FROM live_signals WHERE strategy_universe_id = " + row)).isEqualTo(4);
        assertThat(StrelaKaraf.execute(sessions, "strela:status")).contains("dev.strela.strategyrunner", "Active");
    }

    /** {@link StrelaKaraf#await}, failing with what the platform says about strategies, signals and errors. */
    private void await(String what, Duration timeout, java.util.function.BooleanSupplier condition) throws InterruptedException {
        try {
            StrelaKaraf.await(what, timeout, condition);
        } catch (AssertionError e) {
            StringBuilder b = new StringBuilder(e.getMessage());
            for (String command : new String[] {"strela:strategies", "strela:signals --last 5", "strela:errors --last 10",
                    "bundle:list -t 0 strela"}) {
                try {
                    b.append("\n--- ").append(command).append("\n").append(StrelaKaraf.execute(sessions, command));
                } catch (Exception failed) {
                    b.append("\n--- ").append(command).append(": ").append(failed);
                }
            }
            throw new AssertionError(b.toString(), e);
        }
    }

    private void awaitStrategy() throws InterruptedException {
        StrelaKaraf.await("itest_probe registered", Duration.ofSeconds(30), () -> {
            try {
                return !bundleContext.getServiceReferences(dev.strela.api.spi.Strategy.class, null).isEmpty()
                        && StrelaKaraf.execute(sessions, "strela:strategies").contains("itest_probe");
            } catch (Exception e) {
                return false;
            }
        });
    }

    private long signals(long row, String direction) {
        return count("SELECT count(*) FROM live_signals WHERE strategy_universe_id = " + row
                + " AND signal_json->>'direction' = '" + direction + "'");
    }

    private void addInstrument(String id, String ticker) throws InterruptedException {
        StrelaKaraf.await("instrument added", Duration.ofSeconds(30), () -> {
            try {
                return StrelaKaraf.execute(sessions, "strela:instrument-add " + id + " " + ticker + " 10 0.01").contains("lot 10");
            } catch (Exception e) {
                return false;
            }
        });
    }

    private long addRow(String options, String strategy, String instrument) throws Exception {
        // right after boot each repository service appears on its own: the command may briefly see none
        String[] out = new String[1];
        StrelaKaraf.await("universe row added", Duration.ofSeconds(30), () -> {
            try {
                out[0] = StrelaKaraf.execute(sessions, "strela:universe-add " + options + " " + strategy + " " + instrument + " 5m");
                return out[0].contains("Universe row");
            } catch (Exception e) {
                return false;
            }
        });
        return Long.parseLong(out[0].replaceAll("(?s).*Universe row (\\d+):.*", "$1"));
    }

    private long count(String sql) {
        return StrelaKaraf.count(database, sql);
    }

    private static String notFound(long row) {
        return "SELECT count(*) FROM live_errors WHERE code = 'strategy_not_found' AND strategy_universe_id = " + row;
    }

    /** {@code n} minutes from 10:00 + {@code from}, close = price(i). */
    private static Path minutes(int from, int n, java.util.function.IntUnaryOperator price) throws Exception {
        return StrelaKaraf.minutes(T0, from, n, price);
    }
}
