package dev.strela.datafeed.internal.aggregate;

import dev.strela.api.model.Timeframe;

/**
 * Everything the {@link Aggregator} keeps for one instrument: the bar being built per timeframe and the
 * minutes of the last {@code horizonDays} trading days (a ring of {@link DayMinutes}).
 */
final class InstrumentState {

    final String id;
    /** One state per aggregated timeframe, in {@link Aggregator#TIMEFRAMES} order. */
    final BarState[] series;

    private final DayMinutes[] days;
    private final int windowMinutes;
    private DayMinutes lastDay;

    InstrumentState(String id, Timeframe[] timeframes, int horizonDays, int windowMinutes) {
        this.id = id;
        this.series = new BarState[timeframes.length];
        for (int k = 0; k < timeframes.length; k++) {
            series[k] = new BarState(id, timeframes[k]);
        }
        this.days = new DayMinutes[horizonDays];
        this.windowMinutes = windowMinutes;
    }

    /**
     * The minute buffer of trading day {@code epochDay}, taking over the buffer of a day older than
     * {@code horizonStartDay} (or an unused one) when the day has none yet.
     */
    DayMinutes day(long epochDay, long windowOpenSecond, long horizonStartDay) {
        if (lastDay != null && lastDay.epochDay == epochDay) {
            return lastDay;
        }
        DayMinutes free = null;
        for (int i = 0; i < days.length; i++) {
            DayMinutes d = days[i];
            if (d == null) {
                d = new DayMinutes(windowMinutes);
                days[i] = d;
            }
            if (d.epochDay == epochDay) {
                lastDay = d;
                return d;
            }
            if (free == null || d.epochDay < free.epochDay) {
                free = d; // the oldest (or unused: NO_DAY) buffer; older than the horizon by construction
            }
        }
        assert free.epochDay == DayMinutes.NO_DAY || free.epochDay < horizonStartDay;
        free.reset(epochDay, windowOpenSecond);
        lastDay = free;
        return free;
    }
}
