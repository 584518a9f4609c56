package dev.strela.datafeed.internal.source;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.strela.api.model.Bar;
import dev.strela.api.model.Timeframe;
import java.math.BigDecimal;
import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestReporter;

class SyntheticGeneratorTest {

    private static final ZoneId MOSCOW = ZoneId.of("Europe/Moscow");
    private static final List<String> IDS = List.of("SBER", "GAZP", "LKOH");
    private static final BigDecimal TICK = new BigDecimal("0.01");
    private static final LocalDate MONDAY = LocalDate.of(2024, 3, 4);

    @Test
    void minutes_whenSameSeed_thenIdenticalSequence() {
        assertThat(all(new SyntheticGenerator(42, IDS, TICK).minutes(MONDAY, 3)))
                .isEqualTo(all(new SyntheticGenerator(42, IDS, TICK).minutes(MONDAY, 3)));
    }

    @Test
    void minutes_whenDifferentSeed_thenDifferentSequence() {
        assertThat(all(new SyntheticGenerator(42, IDS, TICK).minutes(MONDAY, 1)))
                .isNotEqualTo(all(new SyntheticGenerator(43, IDS, TICK).minutes(MONDAY, 1)));
    }

    @Test
    void minutes_whenInstrumentAdded_thenOtherInstrumentsKeepTheirPaths() {
        List<Bar> sber = all(new SyntheticGenerator(7, List.of("SBER"), TICK).minutes(MONDAY, 2));
        List<Bar> withOthers = all(new SyntheticGenerator(7, List.of("SBER", "GAZP"), TICK).minutes(MONDAY, 2));

        assertThat(withOthers.stream().filter(b -> b.instrumentId().equals("SBER")).toList()).isEqualTo(sber);
    }

    @Test
    void minutes_whenGenerated_thenPricesOnTickWithTickScaleAndOhlcConsistent() {
        BigDecimal tick = new BigDecimal("0.05");
        for (Bar bar : all(new SyntheticGenerator(1, IDS, tick).minutes(MONDAY, 5))) {
            for (BigDecimal price : List.of(bar.open(), bar.high(), bar.low(), bar.close())) {
                assertThat(price.scale()).isEqualTo(2);
                assertThat(price.remainder(tick).signum()).isZero();
                assertThat(price.signum()).isPositive();
            }
            assertThat(bar.high()).isGreaterThanOrEqualTo(bar.open().max(bar.close()));
            assertThat(bar.low()).isLessThanOrEqualTo(bar.open().min(bar.close()));
            assertThat(bar.volume()).isPositive();
            assertThat(bar.timeframe()).isEqualTo(Timeframe.M1);
        }
    }

    @Test
    void minutes_whenGenerated_thenOnlyExchangeMinutesOnWeekdays() {
        Set<LocalTime> seen = new HashSet<>();
        for (Bar bar : all(new SyntheticGenerator(3, IDS, TICK).minutes(LocalDate.of(2024, 3, 2), 6))) {
            ZonedDateTime msk = bar.openTime().atZone(MOSCOW);
            assertThat(msk.getDayOfWeek()).isNotIn(DayOfWeek.SATURDAY, DayOfWeek.SUNDAY);
            LocalTime t = msk.toLocalTime();
            assertThat(t.equals(LocalTime.of(9, 59))
                    || between(t, LocalTime.of(10, 0), LocalTime.of(18, 39))
                    || between(t, LocalTime.of(18, 45), LocalTime.of(18, 49))
                    || between(t, LocalTime.of(19, 5), LocalTime.of(23, 49)))
                    .as("exchange minute %s", msk).isTrue();
            seen.add(t);
        }
        assertThat(seen).contains(LocalTime.of(9, 59), LocalTime.of(18, 39), LocalTime.of(18, 45), LocalTime.of(23, 49));
        assertThat(seen).hasSize(SyntheticGenerator.minutesPerDay());
    }

    @Test
    void minutes_whenSeveralInstruments_thenInterleavedInTimeOrderWithInstrumentsInListOrder() {
        List<Bar> bars = all(new SyntheticGenerator(5, IDS, TICK).minutes(MONDAY, 2));
        Instant firstMinute = ZonedDateTime.of(MONDAY, LocalTime.of(9, 59), MOSCOW).toInstant();

        assertThat(bars.subList(0, 3)).extracting(Bar::instrumentId).containsExactly("SBER", "GAZP", "LKOH");
        assertThat(bars.subList(0, 3)).extracting(Bar::openTime).containsOnly(firstMinute);
        for (int i = 1; i < bars.size(); i++) {
            Bar previous = bars.get(i - 1);
            Bar bar = bars.get(i);
            assertThat(bar.openTime()).isAfterOrEqualTo(previous.openTime());
            if (bar.openTime().equals(previous.openTime())) {
                assertThat(IDS.indexOf(bar.instrumentId())).isGreaterThan(IDS.indexOf(previous.instrumentId()));
            }
        }
    }

    @Test
    void minutes_whenInstrumentsStart_thenAtDifferentPrices() {
        Map<String, BigDecimal> firstOpen = new HashMap<>();
        new SyntheticGenerator(9, List.of("A", "B", "C", "D", "E"), TICK).minutes(MONDAY, 1)
                .forEachRemaining(bar -> firstOpen.putIfAbsent(bar.instrumentId(), bar.open()));

        assertThat(new HashSet<>(firstOpen.values())).hasSize(5);
    }

    @Test
    void minutes_whenKnownConfiguration_thenKnownCountWithSomeMissingMinutes() {
        long count = count(new SyntheticGenerator(2024, IDS, TICK).minutes(MONDAY, 10));
        long slots = 10L * IDS.size() * SyntheticGenerator.minutesPerDay();

        assertThat(SyntheticGenerator.minutesPerDay()).isEqualTo(1 + 520 + 5 + 285);
        assertThat(count).isLessThan(slots).isGreaterThan(slots * 95 / 100);
        assertThat(count).isEqualTo(KNOWN_COUNT);
    }

    @Test
    void minutes_whenZeroDays_thenEmpty() {
        assertThat(new SyntheticGenerator(1, IDS, TICK).minutes(MONDAY, 0).hasNext()).isFalse();
    }

    @Test
    void constructor_whenTickNotPositiveOrNoInstruments_thenRefused() {
        assertThatThrownBy(() -> new SyntheticGenerator(1, IDS, BigDecimal.ZERO))
                .isInstanceOf(IllegalArgumentException.class).hasMessageStartingWith("tick:");
        assertThatThrownBy(() -> new SyntheticGenerator(1, List.of(), TICK))
                .isInstanceOf(IllegalArgumentException.class).hasMessageStartingWith("instrumentIds:");
    }

    @Test
    void minutes_whenManyInstrumentsAndDays_thenFast(TestReporter reporter) {
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < 50; i++) {
            ids.add("I" + i);
        }
        SyntheticGenerator generator = new SyntheticGenerator(11, ids, TICK);
        count(generator.minutes(MONDAY, 20)); // warm-up

        long started = System.nanoTime();
        long count = count(generator.minutes(MONDAY, 100));
        double seconds = (System.nanoTime() - started) / 1e9;

        reporter.publishEntry("synthetic-minutes-per-second", String.format("%.0f", count / seconds));
        assertThat(count).isGreaterThan(3_500_000);
    }

    /** 3 instruments x 10 days x 811 slots = 24,330 slots, seed 2024: 669 minutes without trades. */
    private static final long KNOWN_COUNT = 23_661;

    private static boolean between(LocalTime t, LocalTime from, LocalTime to) {
        return !t.isBefore(from) && !t.isAfter(to);
    }

    private static List<Bar> all(Iterator<Bar> bars) {
        List<Bar> list = new ArrayList<>();
        bars.forEachRemaining(list::add);
        return list;
    }

    private static long count(Iterator<Bar> bars) {
        long n = 0;
        while (bars.hasNext()) {
            bars.next();
            n++;
        }
        return n;
    }
}
