package dev.strela.datafeed.internal;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.annotations.ReferencePolicyOption;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import dev.strela.api.error.ErrorCode;
import dev.strela.api.error.ErrorEvent;
import dev.strela.api.error.ErrorLog;
import dev.strela.api.model.Bar;
import dev.strela.datafeed.internal.FeedWatch.Event;
import dev.strela.datafeed.internal.aggregate.TradingCalendar;
import dev.strela.persistence.MarketDataRepository.CandleSource;
import dev.strela.persistence.ServiceStatusRepository;
import dev.strela.persistence.TradingControlRepository;

/**
 * Candles pushed by live sources (on {@code Endpoints.CANDLES_1M}) and the wall-clock side of a live feed:
 * closes bars after their end plus a grace period even when no data moves the feed clock, reports
 * {@code data_feed_down} when the feed is silent during exchange hours (and then closes no bar by the wall
 * clock, so no strategy runs on missing data), and switches on safe mode after a gap. Idle (no checks, no
 * heartbeat) until the first live candle arrives.
 */
@Component(service = LiveFeed.class, configurationPid = DatafeedConfig.PID)
public final class LiveFeed {

    static final String COMPONENT = "data_feed";
    private static final Logger LOG = LoggerFactory.getLogger(LiveFeed.class);
    private static final Duration HEARTBEAT_EVERY = Duration.ofSeconds(10);

    private final FeedEngine feed;
    private final ErrorLog errors;
    private final FeedWatch watch;
    private final Duration grace;
    private final int gapMinutes;
    private volatile Clock clock = Clock.systemUTC();
    private volatile TradingControlRepository tradingControl;
    private volatile ServiceStatusRepository serviceStatus;
    private boolean active;
    private Instant lastHeartbeat = Instant.EPOCH;

    @Activate
    public LiveFeed(@Reference FeedEngine feed, @Reference ErrorLog errors, DatafeedConfig config) {
        this.feed = feed;
        this.errors = errors;
        this.watch = new FeedWatch(TradingCalendar.moex(), Duration.ofSeconds(config.liveSilenceSeconds()),
                Duration.ofMinutes(config.liveGapMinutes()));
        this.grace = Duration.ofSeconds(config.liveGraceSeconds());
        this.gapMinutes = config.liveGapMinutes();
    }

    /**
     * The wall clock of the live feed: the system clock, unless a {@link Clock} service with
     * {@code strela.clock=feed} is registered (tests drive time with one).
     */
    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY, target = "(strela.clock=feed)")
    void bindClock(Clock feedClock) {
        this.clock = feedClock;
    }

    void unbindClock(Clock feedClock) {
        if (clock == feedClock) {
            clock = Clock.systemUTC();
        }
    }

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC)
    void bindTradingControl(TradingControlRepository repository) {
        this.tradingControl = repository;
    }

    void unbindTradingControl(TradingControlRepository repository) {
        if (tradingControl == repository) {
            tradingControl = null;
        }
    }

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC)
    void bindServiceStatus(ServiceStatusRepository repository) {
        this.serviceStatus = repository;
    }

    void unbindServiceStatus(ServiceStatusRepository repository) {
        if (serviceStatus == repository) {
            serviceStatus = null;
        }
    }

    /** One live 1-minute candle: checked for a gap, then stored, aggregated and announced. */
    public synchronized void onCandle(Bar minute, CandleSource source) {
        Instant now = clock.instant();
        active = true;
        watch.started(now);
        Optional<Event> event = watch.onCandle(minute.openTime(), now);
        if (event.filter(e -> e == Event.RECOVERED).isPresent()) {
            LOG.info("Live data feed is back ({})", minute.instrumentId());
            heartbeat("up", now);
        } else if (event.filter(e -> e == Event.GAP).isPresent()) {
            gap(minute);
        }
        feed.accept(List.of(minute), source, now);
    }

    /** Called about once a second by the feed's timer route. */
    public synchronized void tick() {
        if (!active) {
            return;
        }
        Instant now = clock.instant();
        if (watch.check(now).isPresent()) {
            errors.record(ErrorEvent.of(ErrorCode.DATA_FEED_DOWN, "silentSeconds", watch.silentSeconds(now),
                    "lastMinute", watch.lastMinute()));
            heartbeat("down", now);
            return;
        }
        if (!watch.isDown()) {
            feed.advanceClock(now.minus(grace), now);
        }
        // While the source is silent the feed still beats, as 'down': it is alive and waiting (strategies are not
        // called), which the watchdog tells apart from a feed that stopped working altogether.
        if (Duration.between(lastHeartbeat, now).compareTo(HEARTBEAT_EVERY) >= 0) {
            heartbeat(watch.isDown() ? "down" : "up", now);
        }
    }

    private void gap(Bar minute) {
        errors.record(ErrorEvent.of(ErrorCode.DATA_FEED_GAP, "instrument", minute.instrumentId(),
                "minute", minute.openTime(), "previous", watch.previousMinute(), "maxGapMinutes", gapMinutes));
        TradingControlRepository control = tradingControl;
        if (control != null) {
            control.setSafeMode(true, "data_feed_gap before " + minute.openTime(), COMPONENT);
        } else {
            LOG.error("Safe mode could not be switched on after a feed gap: the database is not connected");
        }
    }

    private void heartbeat(String state, Instant now) {
        ServiceStatusRepository status = serviceStatus;
        if (status == null) {
            return;
        }
        try {
            status.heartbeat(COMPONENT, state, now);
            lastHeartbeat = now;
        } catch (RuntimeException e) {
            LOG.warn("Heartbeat of {} not written: {}", COMPONENT, e.getMessage());
        }
    }
}
