package dev.strela.itests;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

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

import dev.strela.datafeed.Replays;
import dev.strela.persistence.DatabaseStatus;
import dev.strela.persistence.RunRepository;
import dev.strela.persistence.RunRepository.TradeRow;

/**
 * Historical replays through the real bundles, on five days of generated minutes of two instruments with different
 * lots and ticks: each replay is a run of its own (nothing of the paper run moves), every signal is decided once, the
 * trades are whole lots, the account reconciles to the kopeck, the same replay gives the same trades, the report is
 * written, a replay can be cancelled, and a pointless request is refused with a clear message.
 */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerClass.class)
public class ReplayIT {

    private static final String VERSION = System.getProperty("project.version", "0.1.0-SNAPSHOT");
    /** Monday 2024-03-11 10:00 MSK. */
    private static final Instant MONDAY = Instant.parse("2024-03-11T07:00:00Z");
    private static final Pattern RUN = Pattern.compile("Replay (replay-[0-9a-f-]{36}) finished");

    @Inject BundleContext bundleContext;
    @Inject @Filter(timeout = 120_000) CamelContext camel;
    @Inject @Filter(timeout = 120_000) SessionFactory sessions;
    @Inject @Filter(timeout = 120_000) DatabaseStatus database;
    @Inject @Filter(timeout = 120_000) RunRepository runs;
    @Inject @Filter(timeout = 120_000) Replays replays;

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
    public void replay_thenOwnRunReconciledRepeatableReportedAndCancellable() throws Exception {
        for (String strategy : new String[] {"sma-crossover", "donchian-breakout"}) {
            bundleContext.installBundle("mvn:dev.strela/strela-strategy-" + strategy + "/" + VERSION).start();
        }
        StrelaKaraf.executeWhenReady(sessions, "strela:instrument-add rp-a RPA 10 0.01");
        StrelaKaraf.executeWhenReady(sessions, "strela:instrument-add rp-b RPB 1 0.5");
        // one file, both instruments interleaved in time order (the first column names each row's instrument)
        String imported = StrelaKaraf.executeWhenReady(sessions, "strela:import " + minutes());
        assertThat(imported).contains("refused:                   0", "not aggregated:            0");
        // rows added after the import and disabled: the paper run never trades them, only replays do
        String params = " --params '{\"fast\":3,\"slow\":8,\"atrPeriod\":3,\"atrMultiple\":1.5,\"allowShort\":true}' ";
        StrelaKaraf.executeWhenReady(sessions, "strela:universe-add --disabled" + params + "sma_crossover rp-a 5m");
        StrelaKaraf.executeWhenReady(sessions, "strela:universe-add --disabled" + params + "sma_crossover rp-b 5m");
        StrelaKaraf.executeWhenReady(sessions, "strela:universe-add --disabled --params '{\"entry\":6,\"exit\":3,\"atrPeriod\":3,\"atrMultiple\":2.0}'"
                + " donchian_breakout rp-b 15m");
        String command = "strela:replay --from 2024-03-11 --to 2024-03-16 --instruments RPA,rp-b"
                + " --strategies sma_crossover,donchian_breakout --initial-cash 1000000";

        String out = StrelaKaraf.execute(sessions, command);
        System.out.println(out);
        assertThat(out).contains("finished: 100.0%", "5,200 of 5,200 one-minute bars");
        String runId = runId(out);

        long signals = count("SELECT count(*) FROM live_signals WHERE run_id = '" + runId + "'");
        assertThat(signals).as("signals of the replay").isGreaterThan(10);
        assertThat(count("SELECT count(*) FROM decisions WHERE run_id = '" + runId + "'")).as("one decision per signal")
                .isEqualTo(signals);
        assertThat(count("SELECT count(*) FROM decisions WHERE run_id = '" + runId + "' AND decision = 'order'"))
                .as("orders decided").isGreaterThan(signals / 2);
        assertThat(count("SELECT count(*) FROM decisions WHERE run_id = '" + runId + "'"
                + " AND refusal_code IN ('no_market_price_for_symbol', 'decision_failed')")).as("prices found").isZero();
        assertThat(count("SELECT count(*) FROM live_trades WHERE run_id = '" + runId + "'")).as("trades").isGreaterThan(4);
        assertThat(count("SELECT count(*) FROM live_trades t JOIN instruments i ON i.id = t.symbol"
                + " WHERE t.run_id = '" + runId + "' AND t.quantity <> t.lots * i.lot")).as("whole lots").isZero();
        assertThat(count("SELECT count(*) FROM live_orders WHERE run_id = '" + runId + "'"
                + " AND status IN ('NEW', 'SUBMITTED', 'PARTIALLY_FILLED')")).as("working orders after the end").isZero();
        // nothing of the replay leaks into the standing runs
        assertThat(count("SELECT count(*) FROM live_signals WHERE run_id IN ('paper', 'live')")).isZero();
        assertThat(count("SELECT count(*) FROM live_orders WHERE run_id IN ('paper', 'live')")).isZero();
        assertThat(count("SELECT count(*) FROM live_positions WHERE run_id IN ('paper', 'live')")).isZero();
        // trades stamped with simulated time, inside the replayed week
        assertThat(count("SELECT count(*) FROM live_trades WHERE run_id = '" + runId + "'"
                + " AND (executed_at < '2024-03-11T07:00:00Z' OR executed_at >= '2024-03-16T00:00:00Z')")).isZero();
        assertThat(runs.find(runId)).hasValueSatisfying(r -> assertThat(r.status()).isEqualTo("finished"));

        // the account: final cash + open positions at the last close = initial + realized + unrealized - commissions
        String report = StrelaKaraf.execute(sessions, "strela:report " + runId);
        System.out.println(report);
        assertThat(report).contains("reconciliation:", "OK: cash + positions = initial + realized + unrealized - commissions",
                "report.json", "equity.html").doesNotContain("MISMATCH");
        Path dir = Path.of(System.getProperty("karaf.data"), "strela", "reports", runId);
        assertThat(Files.readString(dir.resolve("equity.html"))).contains("<svg", "<polyline");
        assertThat(Files.readAllLines(dir.resolve("trades.csv"))).hasSize(1 + (int) count(
                "SELECT count(*) FROM live_trades WHERE run_id = '" + runId + "'"));
        BigDecimal cashFromTrades = runs.account(runId).orElseThrow().initialCash();
        for (TradeRow t : runs.trades(runId)) {
            BigDecimal amount = t.price().multiply(BigDecimal.valueOf(t.quantity()));
            cashFromTrades = ("BUY".equals(t.side()) ? cashFromTrades.subtract(amount) : cashFromTrades.add(amount))
                    .subtract(t.commission());
        }
        assertThat(runs.account(runId).orElseThrow().cash().setScale(2, RoundingMode.HALF_EVEN))
                .isEqualByComparingTo(cashFromTrades.setScale(2, RoundingMode.HALF_EVEN));

        // the same replay again: a new run with exactly the same trades
        String again = StrelaKaraf.execute(sessions, command);
        String secondId = runId(again);
        assertThat(secondId).isNotEqualTo(runId);
        assertThat(fills(secondId)).isEqualTo(fills(runId));

        // cancelled: stops early, keeps what it wrote, says so
        String third = replays.start(new Replays.Request(MONDAY, Instant.parse("2024-03-16T00:00:00Z"), List.of("rp-a", "rp-b"),
                List.of("sma_crossover", "donchian_breakout"), new BigDecimal("1000000")));
        assertThat(replays.cancel(third)).isTrue();
        Replays.Progress cancelled = replays.await(third, Duration.ofSeconds(60)).orElseThrow();
        assertThat(cancelled.status()).isEqualTo("cancelled");
        assertThat(cancelled.minutesDone()).isLessThan(5200);
        StrelaKaraf.await("cancelled run stored", Duration.ofSeconds(10),
                () -> runs.find(third).map(r -> r.status().equals("cancelled")).orElse(false));
        assertThat(StrelaKaraf.execute(sessions, "strela:replays")).contains(runId, secondId, third, "cancelled", "finished");

        // pointless requests are refused before a run exists
        long before = count("SELECT count(*) FROM runs");
        assertThat(StrelaKaraf.execute(sessions, "strela:replay --from 2024-03-11 --to 2024-03-16 --instruments NOPE"))
                .contains("ERROR instrument_not_found", "NOPE");
        assertThat(StrelaKaraf.execute(sessions, "strela:replay --from 2023-03-04 --to 2023-03-09 --instruments rp-a"
                + " --strategies sma_crossover")).contains("ERROR no_candles");
        assertThat(StrelaKaraf.execute(sessions, "strela:replay --from 2024-03-11 --to 2024-03-16 --instruments rp-a"))
                .contains("ERROR no_universe_rows");
        assertThat(StrelaKaraf.execute(sessions, "strela:replay --from 2024-03-16 --to 2024-03-11 --instruments rp-a"))
                .contains("ERROR period");
        assertThat(count("SELECT count(*) FROM runs")).isEqualTo(before);
    }

    /** A run's fills as comparable lines: time, symbol, side, type, quantity, price, commission. */
    private List<String> fills(String runId) {
        List<String> out = new ArrayList<>();
        for (TradeRow t : runs.trades(runId)) {
            out.add(t.executedAt() + " " + t.symbol() + " " + t.side() + " " + t.orderType() + " " + t.quantity() + " "
                    + t.price().stripTrailingZeros().toPlainString() + " " + t.commission().stripTrailingZeros().toPlainString());
        }
        return out;
    }

    private static String runId(String out) {
        Matcher m = RUN.matcher(out);
        assertThat(m.find()).as("a finished replay in:%n%s", out).isTrue();
        return m.group(1);
    }

    private long count(String sql) {
        return StrelaKaraf.count(database, sql);
    }

    /**
     * Five trading days (Mon 2024-03-11 .. Fri, no holiday) of 1-minute candles 10:00-18:39 MSK of rp-a (tick 0.01, from 250.00) and
     * rp-b (tick 0.5, from 2500.0) in Tinkoff's archive layout (uid;time;open;close;high;low;volume;), interleaved in
     * time order: seeded random walks on the tick grid with trending stretches.
     */
    private static Path minutes() throws Exception {
        Walk a = new Walk("rp-a", 25_000, new BigDecimal("0.01"), 11);
        Walk b = new Walk("rp-b", 5_000, new BigDecimal("0.5"), 12);
        List<String> lines = new ArrayList<>();
        for (int day = 0; day < 5; day++) {
            Instant open = MONDAY.plus(Duration.ofDays(day));
            for (int m = 0; m < 520; m++) {
                lines.add(a.next(open.plusSeconds(60L * m), m));
                lines.add(b.next(open.plusSeconds(60L * m), m));
            }
        }
        Path file = Files.createTempDirectory("strela-replay").resolve("candles.csv");
        Files.write(file, lines);
        return file;
    }

    /** One instrument's seeded walk, in ticks; the drift changes every hour. */
    private static final class Walk {
        private final String id;
        private final BigDecimal tick;
        private final Random random;
        private long price;
        private int drift;

        Walk(String id, long startTicks, BigDecimal tick, long seed) {
            this.id = id;
            this.tick = tick;
            this.random = new Random(seed);
            this.price = startTicks;
        }

        String next(Instant at, int minuteOfDay) {
            if (minuteOfDay % 60 == 0) {
                drift = random.nextInt(21) - 10;
            }
            long o = price;
            long c = Math.max(100, o + drift + random.nextInt(41) - 20);
            long h = Math.max(o, c) + random.nextInt(10);
            long l = Math.min(o, c) - random.nextInt(10);
            price = c;
            return id + ";" + at + ";" + tick.multiply(BigDecimal.valueOf(o)) + ";" + tick.multiply(BigDecimal.valueOf(c)) + ";"
                    + tick.multiply(BigDecimal.valueOf(h)) + ";" + tick.multiply(BigDecimal.valueOf(l)) + ";"
                    + (100 + random.nextInt(900)) + ";";
        }
    }
}
