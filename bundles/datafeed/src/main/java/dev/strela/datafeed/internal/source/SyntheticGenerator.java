package dev.strela.datafeed.internal.source;

import dev.strela.api.model.Bar;
import dev.strela.api.model.Timeframe;
import java.math.BigDecimal;
import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.Objects;
import java.util.SplittableRandom;

/**
 * Deterministic synthetic 1-minute candles for demos and benchmarks. Covers MOEX exchange hours
 * only, in Moscow time (returned as UTC instants): weekdays, the 09:59 opening-auction minute,
 * 10:00–18:39, the closing auction 18:45–18:49 (one price) and the evening session 19:05–23:49.
 * Holidays and working Saturdays are ignored. Candles are interleaved across instruments in time
 * order (every instrument's 09:59, then 10:00, ...). Each instrument walks geometrically from its
 * own starting price, on the tick grid; volume is in lots; now and then a minute has no candle.
 * The same seed gives the same sequence, and an instrument's path does not depend on the others.
 */
public final class SyntheticGenerator {

    private final long seed;
    private final List<String> instrumentIds;
    private final int scale;
    private final long tickUnits;

    /**
     * @param tick the price step, e.g. {@code 0.01}; prices carry its scale
     */
    public SyntheticGenerator(long seed, List<String> instrumentIds, BigDecimal tick) {
        Objects.requireNonNull(instrumentIds, "instrumentIds");
        Objects.requireNonNull(tick, "tick");
        if (instrumentIds.isEmpty() || instrumentIds.stream().anyMatch(id -> id == null || id.isBlank())) {
            throw new IllegalArgumentException("instrumentIds: must be non-empty and without blank ids");
        }
        if (tick.signum() <= 0) {
            throw new IllegalArgumentException("tick: must be > 0, was " + tick.toPlainString());
        }
        this.seed = seed;
        this.instrumentIds = List.copyOf(instrumentIds);
        this.scale = Math.max(0, tick.scale());
        this.tickUnits = tick.setScale(scale).unscaledValue().longValueExact();
    }

    /** Candle slots per instrument and trading day (811). */
    public static int minutesPerDay() {
        return SessionMinutes.count();
    }

    /**
     * The minutes of a day the generator fills, as Moscow times in ascending order: the 09:59
     * opening-auction minute, 10:00–18:39, 18:45–18:49 and 19:05–23:49 ({@link #minutesPerDay()} of them).
     */
    public static List<LocalTime> sessionTimes() {
        List<LocalTime> times = new ArrayList<>(SessionMinutes.count());
        for (int minute : SessionMinutes.MINUTE_OF_DAY) {
            times.add(LocalTime.of(minute / 60, minute % 60));
        }
        return List.copyOf(times);
    }

    /**
     * The candles of {@code tradingDays} weekdays starting at {@code firstDay} (a weekend first day
     * moves to the next Monday). Each call starts afresh from the seed.
     */
    public Iterator<Bar> minutes(LocalDate firstDay, int tradingDays) {
        Objects.requireNonNull(firstDay, "firstDay");
        if (tradingDays < 0) {
            throw new IllegalArgumentException("tradingDays: must be >= 0, was " + tradingDays);
        }
        SplittableRandom root = new SplittableRandom(seed);
        List<SyntheticInstrument> instruments = new ArrayList<>(instrumentIds.size());
        for (int i = 0; i < instrumentIds.size(); i++) {
            instruments.add(new SyntheticInstrument(instrumentIds.get(i), i, root.split()));
        }
        return new MinuteIterator(instruments, weekdayOnOrAfter(firstDay), tradingDays);
    }

    private static LocalDate weekdayOnOrAfter(LocalDate day) {
        LocalDate d = day;
        while (isWeekend(d)) {
            d = d.plusDays(1);
        }
        return d;
    }

    private static boolean isWeekend(LocalDate day) {
        return day.getDayOfWeek() == DayOfWeek.SATURDAY || day.getDayOfWeek() == DayOfWeek.SUNDAY;
    }

    private BigDecimal price(long ticks) {
        return BigDecimal.valueOf(ticks * tickUnits, scale);
    }

    /** Walks day by day, slot by slot, instrument by instrument, skipping missing minutes. */
    private final class MinuteIterator implements Iterator<Bar> {
        private final SyntheticInstrument[] instruments;
        private LocalDate day;
        private int daysLeft;
        private long dayStartEpochSecond;
        private int slot = -1;
        private int instrument;
        private Instant slotTime;
        private Bar next;

        MinuteIterator(List<SyntheticInstrument> instruments, LocalDate firstDay, int tradingDays) {
            this.instruments = instruments.toArray(new SyntheticInstrument[0]);
            this.day = firstDay;
            this.daysLeft = tradingDays;
            this.instrument = this.instruments.length;
            startDay();
            advance();
        }

        @Override
        public boolean hasNext() {
            return next != null;
        }

        @Override
        public Bar next() {
            if (next == null) {
                throw new NoSuchElementException();
            }
            Bar bar = next;
            advance();
            return bar;
        }

        private void startDay() {
            int offset = CandleChecks.MOSCOW.getRules().getOffset(day.atTime(12, 0)).getTotalSeconds();
            dayStartEpochSecond = day.toEpochDay() * 86_400L - offset;
        }

        private void advance() {
            next = null;
            while (daysLeft > 0) {
                if (instrument == instruments.length) {
                    instrument = 0;
                    if (++slot == SessionMinutes.count()) {
                        slot = 0;
                        if (--daysLeft == 0) {
                            return;
                        }
                        day = weekdayOnOrAfter(day.plusDays(1));
                        startDay();
                    }
                    slotTime = Instant.ofEpochSecond(dayStartEpochSecond + SessionMinutes.MINUTE_OF_DAY[slot] * 60L);
                }
                SyntheticInstrument s = instruments[instrument++];
                if (s.step(slot)) {
                    next = bar(s);
                    return;
                }
            }
        }

        private Bar bar(SyntheticInstrument s) {
            BigDecimal open = price(s.open);
            if (s.high == s.low) {
                return new Bar(s.id, Timeframe.M1, slotTime, open, open, open, open, s.volume);
            }
            return new Bar(s.id, Timeframe.M1, slotTime, open, price(s.high), price(s.low), price(s.close), s.volume);
        }
    }
}
