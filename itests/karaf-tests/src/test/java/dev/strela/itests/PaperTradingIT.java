package dev.strela.itests;

import static org.assertj.core.api.Assertions.assertThat;
import static org.ops4j.pax.exam.karaf.options.KarafDistributionOption.editConfigurationFilePut;

import java.time.Duration;

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

import dev.strela.persistence.DatabaseStatus;

/**
 * The paper-trading demo of the shipped distribution, end to end with no other configuration: the simulated feed,
 * the example strategies, execution under the shipped rules and FakeBroker. Within a couple of minutes there are
 * bars, signals, filled orders, trades and positions, and the paper account reconciles to the kopeck.
 */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerClass.class)
public class PaperTradingIT {

    private static final String VERSION = System.getProperty("project.version", "0.1.0-SNAPSHOT");

    @Inject BundleContext bundleContext;
    @Inject @Filter(timeout = 120_000) CamelContext camel;
    @Inject @Filter(timeout = 120_000) SessionFactory sessions;
    @Inject @Filter(timeout = 120_000) DatabaseStatus database;

    @Configuration
    public Option[] config() {
        return StrelaKaraf.distribution(
                editConfigurationFilePut("etc/dev.strela.demo.cfg", "enabled", "true"),
                editConfigurationFilePut("etc/dev.strela.demo.cfg", "secondsPerMinute", "1"));
    }

    /** Candles fed before the strategy runner listens would close bars no strategy sees. */
    @Before
    public void routesStarted() throws InterruptedException {
        StrelaKaraf.awaitRoutes(camel, StrelaKaraf.CORE_ROUTES);
    }

    @Test
    public void demo_thenSignalsOrdersTradesAndPositions_andTheAccountReconciles() throws Exception {
        // the distribution drops the example strategies into deploy/; tests boot without the deploy folder
        for (String strategy : new String[] {"sma-crossover", "donchian-breakout"}) {
            bundleContext.installBundle("mvn:dev.strela/strela-strategy-" + strategy + "/" + VERSION).start();
        }
        StrelaKaraf.await("a filled order with its trade", Duration.ofSeconds(240), () -> countOrZero(
                "SELECT count(*) FROM live_trades t JOIN live_orders o ON o.id = t.order_id WHERE o.status = 'FILLED'") > 0);
        StrelaKaraf.await("an open position", Duration.ofSeconds(120),
                () -> count("SELECT count(*) FROM live_positions WHERE run_id = 'paper' AND quantity <> 0") > 0);

        assertThat(count("SELECT count(*) FROM candles_5m WHERE instrument_id LIKE 'sim-%'")).isPositive();
        assertThat(count("SELECT count(*) FROM live_signals WHERE run_id = 'paper'")).isPositive();
        assertThat(count("SELECT count(*) FROM live_signals s WHERE NOT s.processed"
                + " AND s.created_at < now() - interval '10 seconds'")).as("signals left undecided").isZero();
        // every trade is whole lots of its instrument; an order's trades add up to its filled lots
        assertThat(count("SELECT count(*) FROM live_trades t JOIN instruments i ON i.id = t.symbol"
                + " WHERE t.quantity <> t.lots * i.lot")).isZero();
        assertThat(count("SELECT count(*) FROM live_orders o WHERE o.filled_lots <>"
                + " (SELECT coalesce(sum(t.lots), 0) FROM live_trades t WHERE t.order_id = o.id)")).isZero();
        // cash = initial cash - what the open positions cost + realized PnL - commissions, to the kopeck
        assertThat(count("""
                SELECT count(*) FROM accounts a WHERE a.run_id = 'paper' AND round(a.cash, 2) <> round(a.initial_cash
                  + (SELECT coalesce(sum(p.realized_pnl - p.commission - p.quantity * coalesce(p.average_price, 0)), 0)
                     FROM live_positions p WHERE p.run_id = 'paper'), 2)""")).as("paper account reconciles").isZero();
        // cash also equals the initial cash plus what the trades moved
        assertThat(count("""
                SELECT count(*) FROM accounts a WHERE a.run_id = 'paper' AND round(a.cash, 2) <> round(a.initial_cash
                  + (SELECT coalesce(sum(CASE WHEN t.side = 'SELL' THEN 1 ELSE -1 END * t.price * t.quantity - t.commission), 0)
                     FROM live_trades t WHERE t.run_id = 'paper'), 2)""")).as("cash matches the trades").isZero();

        String orders = StrelaKaraf.execute(sessions, "strela:orders");
        assertThat(orders).contains("FILLED", "sim-");
        String positions = StrelaKaraf.execute(sessions, "strela:positions");
        assertThat(positions).contains("cash (paper)", "sim-");
        String status = StrelaKaraf.execute(sessions, "strela:status");
        assertThat(status).contains("execution", "broker", "data_feed");
    }

    /** The count, or 0 while the database is still starting. */
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
}
