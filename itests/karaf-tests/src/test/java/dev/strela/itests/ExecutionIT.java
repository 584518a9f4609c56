package dev.strela.itests;

import static org.assertj.core.api.Assertions.assertThat;
import static org.ops4j.pax.exam.karaf.options.KarafDistributionOption.editConfigurationFilePut;

import java.io.IOException;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

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
import dev.strela.persistence.DatabaseStatus;
import dev.strela.persistence.SignalRepository;
import dev.strela.persistence.StrategyUniverseRepository;

/**
 * Execution in the real distribution: a strategy's signals become orders under the shipped rules; then, while signals
 * keep arriving, a DRL file in etc/strela/rules is made stricter (later decisions follow it, none is lost or doubled);
 * then a broken DRL is written (rules_compile_failed, decisions go on under the rules before it).
 */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerClass.class)
public class ExecutionIT {

    private static final String ID = "itest-exec";
    /** Monday 2024-03-04 10:00 MSK. */
    private static final Instant T0 = Instant.parse("2024-03-04T07:00:00Z");
    private static final int FEED = 120;
    /** Signals the feeder holds back until the stricter rules are in force. */
    private static final int HELD_BACK = 20;
    /** LIMIT entry at 100.00, stop 10% below; size_value 0.01: 0.02 * 0.01 * 1,000,000 / (10.00 * 10) = 2 lots. */
    private static final String SIGNAL = "{\"type\":\"OPEN\",\"direction\":\"LONG\",\"entry_type\":\"LIMIT\","
            + "\"entry_price\":100.00,\"stop_loss\":90.00,\"size_value\":0.01}";

    @Inject BundleContext bundleContext;
    @Inject @Filter(timeout = 120_000) CamelContext camel;
    @Inject @Filter(timeout = 120_000) SessionFactory sessions;
    @Inject @Filter(timeout = 120_000) CandleImport candleImport;
    @Inject @Filter(timeout = 120_000) StrategyUniverseRepository universe;
    @Inject @Filter(timeout = 120_000) SignalRepository signals;
    @Inject @Filter(timeout = 120_000) DatabaseStatus database;

    @Configuration
    public Option[] config() {
        return StrelaKaraf.distribution(
                editConfigurationFilePut("etc/dev.strela.execution.cfg", "rulesCheckMillis", "200"),
                editConfigurationFilePut("etc/dev.strela.execution.cfg", "pollMillis", "300"),
                editConfigurationFilePut("etc/dev.strela.execution.cfg", "maxTotalPositions", "1000"));
    }

    /** Candles fed before the strategy runner listens would close bars no strategy sees. */
    @Before
    public void routesStarted() throws InterruptedException {
        StrelaKaraf.awaitRoutes(camel, StrelaKaraf.CORE_ROUTES);
    }

    @Test
    public void signals_thenOrders_thenStricterRuleWhileSignalsArrive_thenBrokenRuleKeepsTheStricterOne() throws Exception {
        StrelaKaraf.await("instrument added", Duration.ofSeconds(30), () -> {
            try {
                return StrelaKaraf.execute(sessions, "strela:instrument-add " + ID + " ITEXE 10 0.01").contains("lot 10");
            } catch (Exception e) {
                return false;
            }
        });
        StrelaKaraf.await("rules in force", Duration.ofSeconds(60), () -> activeVersion() != null);
        String shipped = activeVersion();

        strategySignalsBecomeOrders();

        Path rules = Path.of(System.getProperty("karaf.etc"), "strela", "rules");
        AtomicInteger fed = new AtomicInteger();
        CountDownLatch strictInForce = new CountDownLatch(1);
        Thread feeder = new Thread(() -> feed(fed, strictInForce), "it-signal-feeder");
        feeder.start();
        try {
            StrelaKaraf.await("40 decisions", Duration.ofSeconds(60), () -> decisions() >= 40);
            Path stopFile = rules.resolve("stop_distance.drl");
            String original = Files.readString(stopFile);
            String stricter = original.replace("stopDistance.compareTo($max.multiply(entryPrice)) > 0",
                    "stopDistance.compareTo(new BigDecimal(\"0.05\").multiply(entryPrice)) > 0");
            assertThat(stricter).isNotEqualTo(original);
            writeWhole(stopFile, stricter);
            AtomicReference<String> inForce = new AtomicReference<>();
            StrelaKaraf.await("the stricter rules in force", Duration.ofSeconds(30), () -> {
                String version = activeVersion();
                inForce.set(version);
                return version != null && !version.equals(shipped);
            });
            String strict = inForce.get();
            // every decision after these was made with the stricter rules in force
            long decidedBeforeStrict = decisions();
            strictInForce.countDown();

            StrelaKaraf.await("80 decisions", Duration.ofSeconds(60), () -> decisions() >= 80);
            writeWhole(rules.resolve("broken.drl"), "package strela.rules;\nrule \"broken\"\nwhen\n"
                    + "    NoSuchFact( )\nthen\nend\n");
            StrelaKaraf.await("rules_compile_failed logged", Duration.ofSeconds(30), () -> count(
                    "SELECT count(*) FROM live_errors WHERE code = 'rules_compile_failed' AND message LIKE '%broken.drl%'") == 1);
            feeder.join(120_000);
            assertThat(fed.get()).isEqualTo(FEED);
            StrelaKaraf.await("every fed signal decided", Duration.ofSeconds(60), () -> decisions() == FEED);

            assertThat(activeVersion()).as("the broken file left the stricter rules in force").isEqualTo(strict);
            String mine = " FROM decisions d JOIN live_signals s ON s.id = d.signal_id JOIN strategy_universe u"
                    + " ON u.id = s.strategy_universe_id WHERE u.strategy LIKE 'it_feed_%'";
            assertThat(count("SELECT count(DISTINCT d.signal_id)" + mine)).as("one decision per signal").isEqualTo(FEED);
            assertThat(count("SELECT count(*) FROM live_signals s JOIN strategy_universe u ON u.id = s.strategy_universe_id"
                    + " WHERE u.strategy LIKE 'it_feed_%' AND NOT s.processed")).isZero();
            long underShipped = count("SELECT count(*)" + mine + " AND d.rule_set_version = '" + shipped + "'");
            long underStrict = count("SELECT count(*)" + mine + " AND d.rule_set_version = '" + strict + "'");
            assertThat(underShipped).isGreaterThanOrEqualTo(40);
            assertThat(underStrict).as("decisions after the stricter rules were seen in force (%d before)",
                    decidedBeforeStrict).isGreaterThanOrEqualTo(FEED - decidedBeforeStrict).isGreaterThanOrEqualTo(HELD_BACK);
            assertThat(underShipped + underStrict).isEqualTo(FEED);
            assertThat(count("SELECT count(*)" + mine + " AND d.rule_set_version = '" + shipped
                    + "' AND d.decision = 'order' AND d.lots = 2")).as("shipped rules: 2-lot orders").isEqualTo(underShipped);
            assertThat(count("SELECT count(*)" + mine + " AND d.rule_set_version = '" + strict
                    + "' AND d.decision = 'refused' AND d.refusal_code = 'too_wide_stop'"
                    + " AND d.rules_fired @> ARRAY['too_wide_stop: stop farther than allowed']"))
                    .as("stricter rules: too_wide_stop").isEqualTo(underStrict);
            assertThat(count("SELECT count(*) FROM decisions a JOIN decisions b ON b.id > a.id"
                    + " WHERE a.rule_set_version = '" + strict + "' AND b.rule_set_version = '" + shipped + "'"))
                    .as("no decision under the old rules after the first under the new").isZero();
            assertThat(count("SELECT count(*) FROM live_orders o JOIN strategy_universe u ON u.id = o.strategy_universe_id"
                    + " WHERE u.strategy LIKE 'it_feed_%'")).as("one order per approved signal").isEqualTo(underShipped);
            assertThat(count("SELECT count(*) - count(DISTINCT client_order_id) FROM live_orders")).isZero();
            assertThat(count("SELECT count(*) FROM live_orders o JOIN strategy_universe u ON u.id = o.strategy_universe_id"
                    + " WHERE u.strategy LIKE 'it_feed_%' AND (o.order_type <> 'LIMIT' OR o.price <> 100.00"
                    + " OR o.stop_loss <> 90.00 OR o.lots <> 2 OR o.side <> 'BUY' OR o.status NOT IN ('NEW', 'SUBMITTED') OR o.broker <> 'fake')"))
                    .isZero();

            String status = StrelaKaraf.execute(sessions, "strela:rules");
            assertThat(status).contains(strict, "broken.drl", "not in force");
            assertThat(StrelaKaraf.execute(sessions, "strela:rules-reload"))
                    .contains("Reload FAILED; rules " + strict + " stay in force", "broken.drl");
            Files.delete(rules.resolve("broken.drl"));
            assertThat(StrelaKaraf.execute(sessions, "strela:rules-reload")).contains("Reloaded: rules " + strict);
            long refusedId = count("SELECT max(d.signal_id)" + mine);
            assertThat(StrelaKaraf.execute(sessions, "strela:explain " + refusedId))
                    .contains("refused: too_wide_stop", "too_wide_stop: stop farther than allowed", strict,
                            "risk_span=0.1");
            assertThat(count("SELECT count(*) FROM live_errors WHERE code = 'too_wide_stop' AND source = 'risk'"))
                    .isEqualTo(underStrict);
        } finally {
            feeder.interrupt();
        }
    }

    /** A strategy's signals through the whole chain: import -> BAR_CLOSE -> runner -> live_signals -> execution. */
    private void strategySignalsBecomeOrders() throws Exception {
        ServiceRegistration<Strategy> registration = bundleContext.registerService(Strategy.class, new Strategy() {
            @Override
            public String name() {
                return "it_exec_flow";
            }

            @Override
            public Optional<Signal> onBar(Context ctx) {
                return Optional.of(Signal.openLong(ctx.lastBar().close().multiply(new BigDecimal("0.951"))
                        .setScale(3, RoundingMode.DOWN)));
            }
        }, null);
        try {
            long row = universe.add("it_exec_flow", ID, Timeframe.M5, TradingMode.PAPER, "{}", true);
            candleImport.importPath(StrelaKaraf.minutes(T0, 0, 10, i -> 200 + i), null, ID, null);   // two 5m bars
            StrelaKaraf.await("both signals decided", Duration.ofSeconds(60), () -> count(
                    "SELECT count(*) FROM decisions d JOIN live_signals s ON s.id = d.signal_id WHERE s.strategy_universe_id = " + row) == 2);
            // bar 1 closes at 204: stop 204 * 0.951 = 194.004 -> 194.01 (toward the entry); 20,000 / (9.99 * 10) = 200 lots
            assertThat(count("SELECT count(*) FROM live_orders WHERE strategy_universe_id = " + row
                    + " AND order_type = 'MARKET' AND price IS NULL AND stop_loss = 194.01 AND lots = 200 AND side = 'BUY'"))
                    .isEqualTo(1);
            // bar 2: the first order is still working (no broker fills it here): position_already_open
            assertThat(count("SELECT count(*) FROM decisions d JOIN live_signals s ON s.id = d.signal_id"
                    + " WHERE s.strategy_universe_id = " + row + " AND d.refusal_code = 'position_already_open'")).isEqualTo(1);
        } finally {
            registration.unregister();
        }
    }

    /**
     * Feeds {@value #FEED} signals, one every 60 ms, so that signals keep arriving while the rules change; the last
     * {@value #HELD_BACK} wait until the stricter rules are in force, so that some are always decided under them
     * however long the rule base takes to compile on a loaded machine.
     */
    private void feed(AtomicInteger fed, CountDownLatch strictInForce) {
        try {
            for (int i = 0; i < FEED; i++) {
                if (i == FEED - HELD_BACK && !strictInForce.await(2, TimeUnit.MINUTES)) {
                    return;
                }
                long row = universe.add("it_feed_" + i, ID, Timeframe.M5, TradingMode.PAPER, "{}", true);
                signals.insert("paper", row, ID, Timeframe.M5, Instant.now(), T0, SIGNAL);
                fed.incrementAndGet();
                Thread.sleep(60);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Writes a rules file in one step (a sibling written first, then moved over it): the watcher never sees half of it. */
    private static void writeWhole(Path file, String text) throws IOException {
        Path part = file.resolveSibling(file.getFileName() + ".part");
        Files.writeString(part, text);
        Files.move(part, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }

    private long decisions() {
        return count("SELECT count(*) FROM decisions d JOIN live_signals s ON s.id = d.signal_id"
                + " JOIN strategy_universe u ON u.id = s.strategy_universe_id WHERE u.strategy LIKE 'it_feed_%'");
    }

    private String activeVersion() {
        try {
            String out = StrelaKaraf.execute(sessions, "strela:rules");
            String line = out.lines().filter(l -> l.contains("active version:")).findFirst().orElse("");
            String value = line.substring(line.indexOf(':') + 1).trim();
            return value.matches("[0-9a-f]{12}") ? value : null;
        } catch (Exception e) {
            return null;
        }
    }

    private long count(String sql) {
        return StrelaKaraf.count(database, sql);
    }
}
