package dev.strela.datafeed.internal.aggregate;

import dev.strela.api.model.Bar;
import dev.strela.api.model.Timeframe;
import dev.strela.datafeed.internal.aggregate.RealData.IssBar;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.math.BigDecimal;
import java.math.MathContext;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * SBER and GAZP 2024 Tinkoff 1-minute archives, merged in time order, through the aggregator; the D1 bars
 * are compared with the exchange's own daily bars (ISS, board TQBR). Skipped when the data is absent.
 */
class AggregatorRealDataTest {

    private static final LocalDate DEALER_PRE_MARKET_FROM = LocalDate.of(2024, 8, 5);
    private static final long LOT = 10; // SBER and GAZP, 2024
    /** README cross-check: the Tinkoff volume differs from ISS by at most 1.2% on a day. */
    private static final BigDecimal VOLUME_TOLERANCE = new BigDecimal("0.012");

    private static final Map<String, Map<LocalDate, Bar>> DAILY = new TreeMap<>();
    private static final Map<String, Long> SKIPS = new TreeMap<>();
    private static boolean present;
    private static String absent;
    private static int revisions;
    private static int minutes;

    @BeforeAll
    static void aggregateBothArchives() throws IOException {
        Path tinkoff = RealData.dir().resolve(RealData.TINKOFF_DIR);
        Path sber = tinkoff.resolve("BBG004730N88_2024.zip");
        Path gazp = tinkoff.resolve("BBG004730RP0_2024.zip");
        present = Files.isRegularFile(sber) && Files.isRegularFile(gazp);
        absent = "real data absent: " + tinkoff.toAbsolutePath() + " (set -Dstrela.data.dir=<shared/data>)";
        if (!present) {
            return; // each test skips with this reason (an assumption here would hide the tests in the report)
        }
        List<Bar> all = new ArrayList<>(RealData.readTinkoffZip(sber, "SBER"));
        all.addAll(RealData.readTinkoffZip(gazp, "GAZP"));
        all.sort(Comparator.comparing(Bar::openTime)); // stable: SBER before GAZP within a minute
        minutes = all.size();

        Aggregator aggregator = new Aggregator(TradingCalendar.moex());
        AggregationListener listener = new AggregationListener() {
            @Override
            public void barClosed(Bar bar) {
                if (bar.timeframe() == Timeframe.D1) {
                    LocalDate date = LocalDate.ofInstant(bar.openTime(), TradingCalendar.MSK);
                    Bar earlier = DAILY.computeIfAbsent(bar.instrumentId(), k -> new TreeMap<>()).put(date, bar);
                    assertThat(earlier).as("D1 closed twice: %s", bar).isNull();
                }
            }

            @Override
            public void barRevised(Bar bar) {
                revisions++;
            }

            @Override
            public void minuteSkipped(Bar minute, String reason) {
                SKIPS.merge(reason, 1L, Long::sum);
            }
        };
        all.forEach(m -> aggregator.onMinute(m, listener));
        aggregator.advanceClock(Instant.parse("2025-01-01T00:00:00Z"), listener);
        System.out.printf("real data: %d minutes, skipped %s, revisions %d%n", minutes, SKIPS, revisions);
    }

    @Test
    void sber_whenDailyBarsComparedWithIss_thenOhlcExactAndVolumeWithinTolerance() throws IOException {
        compare("SBER");
    }

    @Test
    void gazp_whenDailyBarsComparedWithIss_thenOhlcExactAndVolumeWithinTolerance() throws IOException {
        compare("GAZP");
    }

    @Test
    void replay_whenTimeOrderedWithoutDuplicates_thenNoRevisions() {
        assumeTrue(present, absent);
        assertThat(revisions).isZero();
    }

    private static void compare(String ticker) throws IOException {
        assumeTrue(present, absent);
        Map<LocalDate, IssBar> iss = RealData.readIssDaily(RealData.dir().resolve(RealData.ISS_DIR)
                .resolve(ticker + ".csv"));
        Map<LocalDate, Bar> ours = DAILY.get(ticker);
        LocalDate first = ((TreeMap<LocalDate, Bar>) ours).firstKey();
        LocalDate last = ((TreeMap<LocalDate, Bar>) ours).lastKey();
        List<LocalDate> issDays = iss.keySet().stream().filter(d -> !d.isBefore(first) && !d.isAfter(last)).toList();
        assertThat(ours.keySet()).as("%s: D1 bars on exactly the ISS trading days", ticker)
                .containsExactlyElementsOf(issDays);

        Tally before = new Tally();
        Tally after = new Tally();
        for (LocalDate d : issDays) {
            (d.isBefore(DEALER_PRE_MARKET_FROM) ? before : after).add(ours.get(d), iss.get(d));
        }
        System.out.printf("%s D1 vs ISS TQBR, %s..%s: before %s: %s; from %s: %s%n", ticker, first, last,
                DEALER_PRE_MARKET_FROM, before, DEALER_PRE_MARKET_FROM, after);
        for (Tally t : List.of(before, after)) {
            assertThat(t.open).as("open").isEqualTo(t.days);
            assertThat(t.high).as("high").isEqualTo(t.days);
            assertThat(t.low).as("low").isEqualTo(t.days);
            assertThat(t.close).as("close").isEqualTo(t.days);
            assertThat(t.maxVolumeDeviation).as("volume deviation").isLessThanOrEqualTo(VOLUME_TOLERANCE);
        }
    }

    /** Per-field agreement counts over a set of days. */
    private static final class Tally {
        int days;
        int open;
        int high;
        int low;
        int close;
        int volumeExact;
        BigDecimal maxVolumeDeviation = BigDecimal.ZERO;

        void add(Bar bar, IssBar iss) {
            days++;
            open += bar.open().compareTo(iss.open()) == 0 ? 1 : 0;
            high += bar.high().compareTo(iss.high()) == 0 ? 1 : 0;
            low += bar.low().compareTo(iss.low()) == 0 ? 1 : 0;
            close += bar.close().compareTo(iss.close()) == 0 ? 1 : 0;
            long shares = bar.volume() * LOT;
            volumeExact += shares == iss.volume() ? 1 : 0;
            BigDecimal deviation = BigDecimal.valueOf(Math.abs(shares - iss.volume()))
                    .divide(BigDecimal.valueOf(iss.volume()), MathContext.DECIMAL64);
            maxVolumeDeviation = maxVolumeDeviation.max(deviation);
        }

        @Override
        public String toString() {
            return String.format("days=%d open=%d high=%d low=%d close=%d volumeExact=%d maxVolumeDeviation=%.4f%%",
                    days, open, high, low, close, volumeExact, maxVolumeDeviation.movePointRight(2));
        }
    }
}
