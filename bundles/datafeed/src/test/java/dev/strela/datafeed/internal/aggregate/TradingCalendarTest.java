package dev.strela.datafeed.internal.aggregate;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

import static dev.strela.datafeed.internal.aggregate.TestMinutes.msk;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

class TradingCalendarTest {

    private final TradingCalendar calendar = TradingCalendar.moex();

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource({
            "2024-03-04, true",   // Monday
            "2024-03-02, false",  // Saturday
            "2024-03-03, false",  // Sunday
            "2024-04-27, true",   // working Saturday
            "2024-11-02, true",   // working Saturday
            "2024-12-28, true",   // working Saturday (ISS)
            "2024-03-08, false",  // holiday
            "2024-01-02, false",  // holiday
            "2024-11-04, false",  // holiday
            "2024-01-03, true",   // non-working day in Russia, MOEX traded
            "2024-04-29, true",   // non-working day in Russia, MOEX traded
            "2024-05-10, true",   // non-working day in Russia, MOEX traded
            "2024-12-30, true",   // non-working day in Russia, MOEX traded
            "2024-12-31, false",
            "2025-01-07, false",
            "2025-11-01, true",
            "2023-03-08, true"    // outside the shipped years: plain Monday-Friday rule
    })
    void isTradingDay_whenDate_thenMoexAnswer(LocalDate date, boolean trading) {
        assertThat(calendar.isTradingDay(date)).isEqualTo(trading);
    }

    @ParameterizedTest(name = "{0} MSK -> {1}")
    @CsvSource({
            "2024-03-04T09:50, true",   // opening auction
            "2024-03-04T09:49, false",  // dealer pre-market
            "2024-03-04T07:00, false",  // dealer pre-market start
            "2024-03-04T18:45, true",   // closing auction
            "2024-03-04T23:49, true",   // last evening minute
            "2024-03-04T23:50, false",  // window end is exclusive
            "2024-03-02T12:00, false",  // Saturday dealer trading
            "2024-04-27T12:00, true",   // working Saturday
            "2024-03-08T12:00, false"   // holiday dealer trading
    })
    void isExchangeMinute_whenMinute_thenInsideWindowOnTradingDayOnly(String mskTime, boolean exchange) {
        assertThat(calendar.isExchangeMinute(msk(mskTime))).isEqualTo(exchange);
    }

    @Test
    void tradingDate_whenExchangeMinute_thenItsMskDate() {
        assertThat(calendar.tradingDate(Instant.parse("2024-03-04T20:49:00Z"))).contains(LocalDate.of(2024, 3, 4));
        assertThat(calendar.tradingDate(Instant.parse("2024-03-04T20:50:00Z"))).isEmpty();
    }

    @Test
    void session_whenJanuaryAndJuly_thenSameUtcOffsetBecauseMskHasNoDst() {
        TradingCalendar.Session january = calendar.session(LocalDate.of(2024, 1, 15)).orElseThrow();
        TradingCalendar.Session july = calendar.session(LocalDate.of(2024, 7, 15)).orElseThrow();

        assertThat(january.open()).isEqualTo(Instant.parse("2024-01-15T06:50:00Z"));
        assertThat(july.open()).isEqualTo(Instant.parse("2024-07-15T06:50:00Z"));
        assertThat(january.close()).isEqualTo(Instant.parse("2024-01-15T20:50:00Z"));
        assertThat(july.close()).isEqualTo(Instant.parse("2024-07-15T20:50:00Z"));
        assertThat(july.dayStart()).isEqualTo(Instant.parse("2024-07-14T21:00:00Z"));
    }

    @Test
    void session_whenHoliday_thenEmpty() {
        assertThat(calendar.session(LocalDate.of(2024, 3, 8))).isEmpty();
    }

    @Test
    void tradingDaysBefore_whenHolidayAndWeekendBetween_thenSkipsThem() {
        // 2024-03-08 (Fri) holiday, 03-09/10 weekend
        assertThat(calendar.tradingDaysBefore(LocalDate.of(2024, 3, 11), 1)).isEqualTo(LocalDate.of(2024, 3, 7));
        assertThat(calendar.tradingDaysBefore(LocalDate.of(2024, 3, 10), 0)).isEqualTo(LocalDate.of(2024, 3, 7));
        assertThat(calendar.tradingDaysBefore(LocalDate.of(2024, 3, 7), 0)).isEqualTo(LocalDate.of(2024, 3, 7));
    }

    @Test
    void windowMinutes_whenDefaultWindow_then840() {
        assertThat(calendar.windowMinutes()).isEqualTo(840);
    }

    @Test
    void constructor_whenCustomWindow_thenUsesIt() {
        TradingCalendar main = new TradingCalendar(LocalTime.of(10, 0), LocalTime.of(18, 40), Set.of(), Set.of());

        assertThat(main.isExchangeMinute(msk("2024-03-04T09:59"))).isFalse();
        assertThat(main.isExchangeMinute(msk("2024-03-04T18:39"))).isTrue();
        assertThat(main.isExchangeMinute(msk("2024-03-04T18:40"))).isFalse();
        assertThat(main.isTradingDay(LocalDate.of(2024, 3, 8))).isTrue();
    }

    @Test
    void constructor_whenWindowEmptyOrNotWholeMinute_thenRefused() {
        assertThatThrownBy(() -> new TradingCalendar(LocalTime.of(10, 0), LocalTime.of(10, 0), Set.of(), Set.of()))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("not before end");
        assertThatThrownBy(() -> new TradingCalendar(LocalTime.of(9, 50, 30), LocalTime.of(23, 50), Set.of(),
                Set.of())).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("whole minute");
    }

    /** Every date 2024-01-01 … end of the ISS file: trading day exactly when ISS TQBR has a daily bar. */
    @Test
    void isTradingDay_whenComparedWithIssDailyHistory_thenSameDates() throws IOException {
        Path file = RealData.dir().resolve(RealData.ISS_DIR).resolve("SBER.csv");
        assumeTrue(Files.isRegularFile(file), "real data absent: " + file.toAbsolutePath()
                + " (set -Dstrela.data.dir=<shared/data>)");
        Set<LocalDate> iss = new TreeSet<>(RealData.readIssDaily(file).keySet());
        LocalDate last = ((TreeSet<LocalDate>) iss).last();
        List<String> differences = new ArrayList<>();
        int days = 0;
        for (LocalDate d = LocalDate.of(2024, 1, 1); !d.isAfter(last); d = d.plusDays(1), days++) {
            if (calendar.isTradingDay(d) != iss.contains(d)) {
                differences.add(d + (iss.contains(d) ? " trades in ISS" : " no ISS bar"));
            }
        }
        System.out.printf("calendar vs ISS SBER TQBR: %d dates 2024-01-01..%s, %d differences%n",
                days, last, differences.size());
        assertThat(differences).isEmpty();
    }
}
