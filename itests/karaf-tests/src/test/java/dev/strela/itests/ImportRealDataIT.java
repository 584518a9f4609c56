package dev.strela.itests;

import static org.assertj.core.api.Assertions.assertThat;
import static org.ops4j.pax.exam.CoreOptions.systemProperty;

import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import javax.inject.Inject;

import org.apache.camel.CamelContext;
import org.apache.karaf.shell.api.console.SessionFactory;
import org.junit.Before;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.ops4j.pax.exam.Configuration;
import org.ops4j.pax.exam.Option;
import org.ops4j.pax.exam.spi.reactors.ExamReactorStrategy;
import org.ops4j.pax.exam.spi.reactors.PerClass;
import org.ops4j.pax.exam.util.Filter;

import dev.strela.api.model.Bar;
import dev.strela.api.model.Timeframe;
import dev.strela.persistence.MarketDataRepository;

/**
 * The real SBER 2024 Tinkoff archive imported through the console into PostgreSQL: every row stored, and
 * the stored 1d bars equal the exchange's (MOEX ISS) daily open, high, low and close. Skipped, saying why,
 * where the market data folder is absent.
 */
@RunWith(PaxExamWithMarketData.class)
@ExamReactorStrategy(PerClass.class)
public class ImportRealDataIT {

    private static final String DATA = PaxExamWithMarketData.PROPERTY;
    private static final String SBER_UID = "e6123145-9665-43e0-8413-cd61b8aa9b13";
    private static final String ARCHIVE = PaxExamWithMarketData.PROBE;
    private static final String ISS_DAILY = "raw/XCemaXX_moex-momentum/data/prices_iss/SBER.csv";

    @Inject @Filter(timeout = 120_000) SessionFactory sessions;
    @Inject @Filter(timeout = 120_000) CamelContext camel;
    @Inject @Filter(timeout = 120_000) MarketDataRepository marketData;

    @Configuration
    public Option[] config() {
        return StrelaKaraf.distribution(systemProperty(DATA).value(PaxExamWithMarketData.dataDirectory().toString()));
    }

    /** Candles fed before the strategy runner listens would close bars no strategy sees. */
    @Before
    public void routesStarted() throws InterruptedException {
        StrelaKaraf.awaitRoutes(camel, StrelaKaraf.CORE_ROUTES);
    }

    @Test
    public void importSber2024_thenAllRowsStoredAndDailyBarsEqualTheExchangesDailyBars() throws Exception {
        Path data = Path.of(System.getProperty(DATA));

        // the console resolves the repository when a command runs; right after boot it may still be arriving
        StrelaKaraf.await("instrument added", java.time.Duration.ofSeconds(30), () -> {
            try {
                return StrelaKaraf.execute(sessions, "strela:instrument-add " + SBER_UID + " SBER 10 0.01").contains("lot 10");
            } catch (Exception e) {
                return false;
            }
        });
        String out = StrelaKaraf.executeWhenReady(sessions, "strela:import " + data.resolve(ARCHIVE));
        System.out.println(out);

        assertThat(out).contains("rows read:                 257,500", "stored:                    257,500 (257,500 new",
                "refused:                   0");
        Map<LocalDate, String[]> iss = issDaily(data.resolve(ISS_DAILY));
        List<Bar> days = marketData.lastBars(SBER_UID, Timeframe.D1, 400);
        int compared = 0;
        for (Bar day : days) {
            LocalDate date = day.openTime().atOffset(ZoneOffset.ofHours(3)).toLocalDate();
            String[] exchange = iss.get(date);
            assertThat(exchange).as("an exchange daily bar for %s", date).isNotNull();
            assertThat(day.open()).as("open %s", date).isEqualByComparingTo(new BigDecimal(exchange[1]));
            assertThat(day.high()).as("high %s", date).isEqualByComparingTo(new BigDecimal(exchange[2]));
            assertThat(day.low()).as("low %s", date).isEqualByComparingTo(new BigDecimal(exchange[3]));
            assertThat(day.close()).as("close %s", date).isEqualByComparingTo(new BigDecimal(exchange[4]));
            compared++;
        }
        System.out.println("SBER 2024 daily bars from PostgreSQL equal to MOEX ISS daily bars (O/H/L/C): " + compared);
        assertThat(compared).isEqualTo(219);
    }

    /** ISS daily bars of board TQBR by date: date,open,high,low,close,volume,value,board. */
    private static Map<LocalDate, String[]> issDaily(Path csv) throws Exception {
        Map<LocalDate, String[]> byDate = new HashMap<>();
        for (String line : Files.readAllLines(csv)) {
            String[] f = line.split(",");
            if (f.length >= 8 && "TQBR".equals(f[7].trim()) && f[0].startsWith("2024")) {
                byDate.put(LocalDate.parse(f[0]), f);
            }
        }
        return byDate;
    }
}
