package dev.strela.datafeed.internal;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.apache.camel.CamelContext;
import org.apache.camel.ProducerTemplate;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.metatype.annotations.Designate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import dev.strela.api.bus.Endpoints;
import dev.strela.api.error.ErrorCode;
import dev.strela.api.error.ErrorEvent;
import dev.strela.api.error.ErrorLog;
import dev.strela.api.error.ErrorSource;
import dev.strela.api.model.Bar;
import dev.strela.api.model.BarClose;
import dev.strela.api.model.Timeframe;
import dev.strela.datafeed.BarWindow;
import dev.strela.datafeed.internal.aggregate.AggregationListener;
import dev.strela.datafeed.internal.aggregate.Aggregator;
import dev.strela.datafeed.internal.aggregate.TradingCalendar;
import dev.strela.datafeed.internal.replay.ReplayWindows;
import dev.strela.persistence.MarketDataRepository;
import dev.strela.persistence.MarketDataRepository.CandleSource;
import dev.strela.persistence.MarketDataRepository.UpsertCount;

/**
 * The one place 1-minute candles enter: they are stored first (nothing is lost if what follows fails),
 * then aggregated; closed and revised bars are stored, the batch's minutes are published on
 * {@link Endpoints#MINUTES_STORED} (for the simulated broker), and closed bars are announced on
 * {@link Endpoints#BAR_CLOSE} in the aggregator's order. A live bar announced too long after its end is
 * stored but not announced ({@code bar_too_old}), so a burst of old candles after a reconnect fires no
 * strategy on a past bar. A listener of the stored minutes that fails is reported ({@code internal_error},
 * source {@code data_feed}) and does not fail the batch. One feed thread at a time: the methods are
 * synchronized.
 */
@Component(service = {FeedEngine.class, BarWindow.class}, configurationPid = DatafeedConfig.PID)
@Designate(ocd = DatafeedConfig.class)
public final class FeedEngine implements BarWindow {

    /** What one batch did, and where its time went (nanoseconds). */
    public record BatchResult(UpsertCount stored, int barsClosed, int barsRevised, int notAggregated, int tooOld,
                              long storeNanos, long aggregateNanos, long barsNanos, long announceNanos) {
    }

    private static final Logger LOG = LoggerFactory.getLogger(FeedEngine.class);

    private final MarketDataRepository repository;
    private final ErrorLog errors;
    private final ProducerTemplate producer;
    private final Duration maxAge;
    private final Aggregator aggregator = new Aggregator(TradingCalendar.moex());
    /**
     * Imports aggregate each instrument on a clock of its own: files come one instrument after another, and on one shared
     * clock a second instrument's file of the same period would be "too late" for every bar (nothing aggregated).
     */
    private final Map<String, Aggregator> importAggregators = new HashMap<>();
    private final InMemoryBarWindow window;
    private volatile ReplayWindows replayWindows;

    @Activate
    public FeedEngine(@Reference MarketDataRepository repository, @Reference CamelContext camel,
                      @Reference ErrorLog errors, DatafeedConfig config) {
        this(repository, camel.createProducerTemplate(), errors, Duration.ofSeconds(config.barMaxAgeSeconds()),
                config.windowBars());
    }

    FeedEngine(MarketDataRepository repository, ProducerTemplate producer, ErrorLog errors, Duration maxAge, int windowBars) {
        this.window = new InMemoryBarWindow(windowBars);
        this.repository = repository;
        this.producer = producer;
        this.errors = errors;
        this.maxAge = maxAge;
    }

    @Deactivate
    void deactivate() throws Exception {
        producer.stop();
    }

    /**
     * Stores, aggregates and announces a batch of 1-minute candles (in time order per instrument). The
     * minutes are published on {@link Endpoints#MINUTES_STORED}, as given, before the BAR_CLOSE events of
     * the bars they closed.
     *
     * @param liveNow the live feed's wall-clock time, for the {@code bar_too_old} check; null for an import
     */
    public synchronized BatchResult accept(List<Bar> minutes, CandleSource source, Instant liveNow) {
        long t0 = System.nanoTime();
        UpsertCount stored = repository.upsertMinutes(minutes, source);
        long t1 = System.nanoTime();
        Collector collector = new Collector();
        for (Bar minute : minutes) {
            aggregator.onMinute(minute, collector);
        }
        return finish(collector, minutes, stored, liveNow, t1 - t0, System.nanoTime() - t1);
    }

    /**
     * Stores, aggregates and announces a batch of imported 1-minute candles like {@link #accept}, each instrument on
     * its own aggregation clock, so files of different instruments covering the same period each get their bars.
     * Consecutive files of one instrument continue its bars.
     */
    public synchronized BatchResult acceptImport(List<Bar> minutes, CandleSource source) {
        long t0 = System.nanoTime();
        UpsertCount stored = repository.upsertMinutes(minutes, source);
        long t1 = System.nanoTime();
        Collector collector = new Collector();
        for (Bar minute : minutes) {
            importAggregators.computeIfAbsent(minute.instrumentId(), id -> new Aggregator(TradingCalendar.moex()))
                    .onMinute(minute, collector);
        }
        return finish(collector, minutes, stored, null, t1 - t0, System.nanoTime() - t1);
    }

    /**
     * After a restart: hands the aggregator the minutes stored before it (in time order, e.g. the current trading
     * day of a feed that continues), so the bars still open are completed from all their minutes, not only from
     * those that come after the restart. Nothing is stored, published or announced: bars these minutes close were
     * stored and announced before the restart.
     */
    public synchronized void resume(List<Bar> storedMinutes) {
        Collector ignored = new Collector();
        for (Bar minute : storedMinutes) {
            aggregator.onMinute(minute, ignored);
        }
    }

    /** Live feeds: closes the bars whose end is before {@code feedTime} (the wall clock minus a grace period). */
    public synchronized BatchResult advanceClock(Instant feedTime, Instant liveNow) {
        Collector collector = new Collector();
        long t0 = System.nanoTime();
        aggregator.advanceClock(feedTime, collector);
        // imported instruments' last bars close when the live clock passes them, as they did on the shared clock
        importAggregators.values().forEach(a -> a.advanceClock(feedTime, collector));
        return finish(collector, List.of(), new UpsertCount(0, 0, 0), liveNow, 0, System.nanoTime() - t0);
    }

    private BatchResult finish(Collector c, List<Bar> minutes, UpsertCount stored, Instant liveNow, long storeNanos,
                               long aggregateNanos) {
        long t0 = System.nanoTime();
        List<Bar> toStore = new ArrayList<>(c.closed);
        toStore.addAll(c.revised);
        repository.upsertBars(toStore);
        toStore.forEach(window::stored);
        long t1 = System.nanoTime();
        publishMinutes(minutes);
        int tooOld = 0;
        for (Bar bar : c.closed) {
            if (liveNow != null && liveNow.isAfter(bar.closeTime().plus(maxAge))) {
                tooOld++;
                errors.record(ErrorEvent.of(ErrorCode.BAR_TOO_OLD, "bar", bar.openTime(), "closed", bar.closeTime(),
                        "now", liveNow, "maxAgeSeconds", maxAge.toSeconds()).forSymbol(bar.instrumentId(), bar.timeframe()));
            } else {
                producer.sendBody(Endpoints.BAR_CLOSE, new BarClose(bar.instrumentId(), bar.timeframe(), bar.openTime()));
            }
        }
        return new BatchResult(stored, c.closed.size(), c.revised.size(), c.skipped, tooOld, storeNanos, aggregateNanos,
                t1 - t0, System.nanoTime() - t1);
    }

    /**
     * Hands the stored minutes to whoever listens (the simulated broker), on this thread. Nobody listening is
     * fine (the endpoint says so); a listener that throws is reported and the feed goes on.
     */
    private void publishMinutes(List<Bar> minutes) {
        if (minutes.isEmpty()) {
            return;
        }
        try {
            producer.sendBody(Endpoints.MINUTES_STORED, List.copyOf(minutes));
        } catch (RuntimeException e) {
            Throwable cause = e.getCause() != null ? e.getCause() : e;
            Bar first = minutes.get(0);
            LOG.warn("A listener of {} failed on {} stored minutes from {} ({}); the feed goes on: {}",
                    Endpoints.MINUTES_STORED, minutes.size(), first.openTime(), first.instrumentId(), cause.toString());
            errors.record(ErrorEvent.of(ErrorCode.INTERNAL_ERROR, "endpoint", Endpoints.MINUTES_STORED,
                    "minutes", minutes.size(), "first", first.openTime(), "error", cause.toString())
                    .withSource(ErrorSource.DATA_FEED).withThrowable(cause));
        }
    }

    /**
     * Served from memory: the strategies' bars without a database read, from the live window (see
     * {@link InMemoryBarWindow}) or else from a running replay's ({@link ReplayWindows}).
     */
    @Override
    public Optional<List<Bar>> barsUpTo(String instrumentId, Timeframe timeframe, Instant upTo, int count) {
        // only an answer that ends with the bar asked for: the live window may end before it (a replay's last bar
        // after an import that left that bar open), and stale bars must never stand in for the closed one
        Optional<List<Bar>> live = window.barsUpTo(instrumentId, timeframe, upTo, count)
                .filter(bars -> bars.get(bars.size() - 1).openTime().equals(upTo));
        ReplayWindows replays = replayWindows;
        return live.isPresent() || replays == null ? live : replays.barsUpTo(instrumentId, timeframe, upTo, count);
    }

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC)
    void bindReplayWindows(ReplayWindows windows) {
        this.replayWindows = windows;
    }

    void unbindReplayWindows(ReplayWindows windows) {
        if (replayWindows == windows) {
            replayWindows = null;
        }
    }

    /** Collects one batch's aggregation results. */
    private static final class Collector implements AggregationListener {
        final List<Bar> closed = new ArrayList<>();
        final List<Bar> revised = new ArrayList<>();
        int skipped;

        @Override
        public void barClosed(Bar bar) {
            closed.add(bar);
        }

        @Override
        public void barRevised(Bar bar) {
            revised.add(bar);
        }

        @Override
        public void minuteSkipped(Bar minute, String reason) {
            skipped++;
        }
    }
}
