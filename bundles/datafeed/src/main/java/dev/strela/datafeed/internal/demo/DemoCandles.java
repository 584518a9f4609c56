package dev.strela.datafeed.internal.demo;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;

import dev.strela.api.model.Bar;
import dev.strela.datafeed.internal.aggregate.TradingCalendar;
import dev.strela.datafeed.internal.source.SyntheticGenerator;

/**
 * The candles of each simulated minute, from the seeded {@link SyntheticGenerator}. The generator walks weekdays
 * from a fixed Monday; the demo's trading day number {@code k} takes the generator's {@code k}-th day, so prices
 * depend only on the seed, the instrument's position and (day number, minute of the day), never on dates or
 * holidays. Candles are re-dated to the simulated minute. Asking for minutes in order is cheap; asking for a later
 * minute first (after a restart) walks the generator up to it, so a restart continues the same path.
 */
final class DemoCandles {

    /** The generator's first day: a Monday, so its {@code k}-th day is found by arithmetic. */
    static final LocalDate GENERATOR_FIRST_DAY = LocalDate.of(2024, 1, 1);

    private final SyntheticGenerator generator;
    private Iterator<Bar> candles;
    private Bar pending;
    private Instant lastAsked;

    DemoCandles(long seed, List<String> instrumentIds, BigDecimal tick) {
        this.generator = new SyntheticGenerator(seed, instrumentIds, tick);
    }

    /** The candles of {@code minute}, one per instrument that traded in it (a quiet minute has none), in instrument order. */
    List<Bar> at(DemoClock.Minute minute) {
        Instant wanted = generatorTime(minute);
        if (candles == null || (lastAsked != null && !wanted.isAfter(lastAsked))) {
            candles = generator.minutes(GENERATOR_FIRST_DAY, Integer.MAX_VALUE);
            pending = null;
        }
        lastAsked = wanted;
        List<Bar> out = new ArrayList<>();
        while (true) {
            Bar next = pending != null ? pending : candles.hasNext() ? candles.next() : null;
            pending = null;
            if (next == null) {
                return out;
            }
            int order = next.openTime().compareTo(wanted);
            if (order > 0) {
                pending = next;
                return out;
            }
            if (order == 0) {
                out.add(new Bar(next.instrumentId(), next.timeframe(), minute.time(), next.open(), next.high(),
                        next.low(), next.close(), next.volume()));
            }
        }
    }

    /** When the generator produces the candles of {@code minute}: its day {@code dayIndex}, same Moscow time. */
    static Instant generatorTime(DemoClock.Minute minute) {
        int k = minute.dayIndex();
        LocalDate day = GENERATOR_FIRST_DAY.plusDays(7L * (k / 5) + k % 5);
        LocalTime time = LocalTime.ofInstant(minute.time(), TradingCalendar.MSK);
        return day.atTime(time).toInstant(TradingCalendar.MSK);
    }
}
