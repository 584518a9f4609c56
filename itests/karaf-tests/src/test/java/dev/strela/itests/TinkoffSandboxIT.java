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

/**
 * The live run end to end through the Tinkoff adapter, in sandbox mode, against the loopback server built from
 * Tinkoff's contract (started in the test driver): a strategy on a {@code live} universe row opens a long on one bar
 * and closes it on the next; each order goes to the server under its client order id and fills there; the adapter
 * books the fills as trades, a position and the live account's cash, which reconcile with the broker; the token is in
 * no log.
 */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerClass.class)
public class TinkoffSandboxIT {

    private static final String CFG = "etc/dev.strela.broker.tinkoff.cfg";
    /** Monday 2024-03-04 10:00 MSK. */
    private static final Instant T0 = Instant.parse("2024-03-04T07:00:00Z");
    /** The token the driver's server expects; the same text as TinkoffLoopback.TOKEN (not loaded in the container). */
    private static final String TOKEN = "t.itest-token-not-real-93b5d1";
    private static final String UID = "e6123145-9665-43e0-8413-cd61b8aa9b13";
    /** A second share the driver's server knows with lot 10; the platform is told lot 1. */
    private static final String GAZP_UID = "962e2a95-02a9-4171-abd7-aa198dbe643a";

    @Inject BundleContext bundleContext;
    @Inject @Filter(timeout = 120_000) CamelContext camel;
    @Inject @Filter(timeout = 120_000) SessionFactory sessions;
    @Inject @Filter(timeout = 120_000) CandleImport candleImport;
    @Inject @Filter(timeout = 120_000) DatabaseStatus database;

    @Configuration
    public Option[] config() {
        String target = TinkoffLoopback.server().target();
        return StrelaKaraf.distribution(
                editConfigurationFilePut(CFG, "enabled", "true"),
                editConfigurationFilePut(CFG, "target", target),
                editConfigurationFilePut(CFG, "plaintext", "true"),
                editConfigurationFilePut(CFG, "tokenFile", TinkoffLoopback.tokenFile().toString()),
                editConfigurationFilePut(CFG, "tokenEnv", "STRELA_IT_NO_SUCH_VARIABLE"),
                editConfigurationFilePut(CFG, "pollMillis", "300"),
                editConfigurationFilePut(CFG, "requestTimeoutMillis", "3000"));
    }

    /** Candles fed before the strategy runner listens would close bars no strategy sees. */
    @Before
    public void routesStarted() throws InterruptedException {
        StrelaKaraf.awaitRoutes(camel, StrelaKaraf.CORE_ROUTES);
    }

    @Test
    public void liveRowInSandbox_openThenClose_filledAtTheServerBookedAndReconciled() throws Exception {
        StrelaKaraf.await("the Tinkoff adapter connected (live account opened)", Duration.ofSeconds(90),
                () -> countOrZero("SELECT count(*) FROM accounts WHERE run_id = 'live' AND broker = 'tinkoff'") == 1);
        assertThat(count("SELECT count(*) FROM accounts WHERE run_id = 'live' AND initial_cash = 1000000")).isEqualTo(1);

        ServiceRegistration<Strategy> strategy = bundleContext.registerService(Strategy.class, new Strategy() {
            @Override
            public String name() {
                return "it_tinkoff";
            }

            @Override
            public Optional<Signal> onBar(Context ctx) {
                if (ctx.position().map(p -> p.quantity() > 0).orElse(false)) {
                    return Optional.of(Signal.close());
                }
                return Optional.of(Signal.openLong(ctx.instrument().roundToTick(
                        ctx.lastBar().close().multiply(new BigDecimal("0.95")), RoundingMode.DOWN)));
            }
        }, null);
        try {
            assertThat(StrelaKaraf.executeWhenReady(sessions, "strela:instrument-add " + UID + " SBER 10 0.01")).contains("lot 10");
            String row = StrelaKaraf.executeWhenReady(sessions, "strela:universe-add --mode live it_tinkoff " + UID + " 5m");
            long rowId = Long.parseLong(row.replaceAll("(?s).*Universe row (\\d+):.*", "$1"));

            candleImport.importPath(minutes(0, 5), null, UID, null);   // one 5m bar: OPEN
            StrelaKaraf.await("the entry filled at Tinkoff and booked", Duration.ofSeconds(60), () -> count(
                    "SELECT count(*) FROM live_positions WHERE run_id = 'live' AND quantity > 0 AND strategy_universe_id = " + rowId) == 1);
            candleImport.importPath(minutes(5, 5), null, UID, null);   // the next bar: CLOSE
            StrelaKaraf.await("the exit filled and booked", Duration.ofSeconds(60), () -> count(
                    "SELECT count(*) FROM live_orders WHERE run_id = 'live' AND side = 'SELL' AND status = 'FILLED'") == 1);

            assertThat(count("SELECT count(*) FROM live_orders WHERE run_id = 'live' AND broker = 'tinkoff' AND status = 'FILLED'"
                    + " AND broker_order_id IS NOT NULL")).isEqualTo(2);
            assertThat(count("SELECT count(*) FROM live_trades WHERE run_id = 'live' AND price = 200 AND quantity = lots * 10")).isEqualTo(2);
            assertThat(count("SELECT count(*) FROM live_positions WHERE run_id = 'live' AND quantity <> 0")).isZero();
            // cash = initial + what the trades moved - commissions (0.05% of each trade's value), to the kopeck
            assertThat(count("""
                    SELECT count(*) FROM accounts a WHERE a.run_id = 'live' AND round(a.cash, 2) = round(a.initial_cash
                      + (SELECT sum(CASE WHEN t.side = 'SELL' THEN 1 ELSE -1 END * t.price * t.quantity - t.commission)
                         FROM live_trades t WHERE t.run_id = 'live'), 2)
                      AND (SELECT sum(commission) FROM live_trades WHERE run_id = 'live')
                        = (SELECT round(sum(price * quantity) * 0.0005, 2) FROM live_trades WHERE run_id = 'live')""")).isEqualTo(1);
            assertThat(count("SELECT count(*) FROM decisions d JOIN live_signals s ON s.id = d.signal_id"
                    + " WHERE s.run_id = 'live' AND d.decision = 'order'")).isEqualTo(2);

            String reconcile = StrelaKaraf.execute(sessions, "strela:reconcile");
            assertThat(reconcile).contains("tinkoff").contains("match");
            assertThat(StrelaKaraf.execute(sessions, "strela:orders --run live")).contains("FILLED");

            // an instrument the platform has with the wrong lot: the order sized on it is not sent, the lot is corrected
            assertThat(StrelaKaraf.execute(sessions, "strela:instrument-add " + GAZP_UID + " GAZP 1 0.01")).contains("lot 1");
            String gazpRow = StrelaKaraf.execute(sessions, "strela:universe-add --mode live it_tinkoff " + GAZP_UID + " 5m");
            long gazpRowId = Long.parseLong(gazpRow.replaceAll("(?s).*Universe row (\\d+):.*", "$1"));
            candleImport.importPath(minutes(0, 5), null, GAZP_UID, null);
            StrelaKaraf.await("the order on the wrong lot rejected unsent", Duration.ofSeconds(60), () -> count(
                    "SELECT count(*) FROM live_orders WHERE status = 'REJECTED' AND reject_reason LIKE 'not_sent: %Tinkoff says lot 10%'"
                    + " AND strategy_universe_id = " + gazpRowId) == 1);
            // the lot correction and the error row follow the rejection, each on its own write
            StrelaKaraf.await("the lot corrected to Tinkoff's 10", Duration.ofSeconds(30), () -> count(
                    "SELECT count(*) FROM instruments WHERE id = '" + GAZP_UID + "' AND lot = 10") == 1);
            StrelaKaraf.await("one config_invalid error for the row", Duration.ofSeconds(30), () -> count(
                    "SELECT count(*) FROM live_errors WHERE code = 'config_invalid' AND strategy_universe_id = " + gazpRowId) == 1);
            assertThat(count("SELECT count(*) FROM live_trades WHERE symbol = '" + GAZP_UID + "'")).isZero();

            Path log = Path.of(System.getProperty("karaf.data"), "log", "karaf.log");
            assertThat(Files.readString(log)).as("karaf.log").doesNotContain(TOKEN).contains("Tinkoff adapter connected");
        } finally {
            strategy.unregister();
        }
    }

    private long countOrZero(String sql) {
        try {
            return count(sql);
        } catch (AssertionError e) {
            return 0;
        }
    }

    private long count(String sql) {
        return StrelaKaraf.count(database, sql);
    }

    /** {@code n} one-minute candles from 10:00 + {@code from} minutes, in Tinkoff's column order. */
    private static Path minutes(int from, int n) throws Exception {
        List<String> lines = new ArrayList<>();
        for (int i = from; i < from + n; i++) {
            BigDecimal open = BigDecimal.valueOf(200 + i);
            lines.add("x;" + T0.plusSeconds(60L * i) + ";" + open + ";" + open.add(BigDecimal.ONE) + ";"
                    + open.add(new BigDecimal("1.5")) + ";" + open.subtract(new BigDecimal("0.5")) + ";10;");
        }
        Path file = Files.createTempDirectory("strela-tinkoff").resolve("minutes.csv");
        Files.write(file, lines);
        return file;
    }
}
