package dev.strela.datafeed.internal.demo;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.metatype.annotations.Designate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import dev.strela.api.error.ErrorCode;
import dev.strela.api.error.ErrorEvent;
import dev.strela.api.error.ErrorLog;
import dev.strela.api.error.ErrorSource;
import dev.strela.api.model.Bar;
import dev.strela.api.model.Timeframe;
import dev.strela.datafeed.internal.FeedEngine;
import dev.strela.datafeed.internal.aggregate.TradingCalendar;
import dev.strela.datafeed.internal.source.SyntheticGenerator;
import dev.strela.persistence.MarketDataRepository;
import dev.strela.persistence.MarketDataRepository.CandleSource;
import dev.strela.persistence.ServiceStatusRepository;
import dev.strela.persistence.StrategyUniverseRepository;

/**
 * The paper-trading demo: simulated instruments {@code sim-1 .. sim-N} whose 1-minute candles come from the seeded
 * {@link SyntheticGenerator}, one simulated exchange minute every {@code secondsPerMinute} seconds, through the same
 * path as a live feed ({@link FeedEngine#accept}: stored, published to the simulated broker, aggregated, BAR_CLOSE),
 * with paper {@code strategy_universe} rows so strategies trade them at once. Simulated time starts at the start
 * date, 10:00 Moscow time, walks MOEX trading minutes only ({@link DemoClock}) and, after a restart, goes on after
 * the last demo minute stored, so nothing is fed twice.
 *
 * <p>Active only while the database is connected (its repositories are registered only then). The timer never
 * stops on an error: the error goes to the error log, and the next tick tries the same minute again. The feed
 * engine has one feed clock for all instruments, moved by the simulated minutes as by any other, so a live feed or
 * an import of real candles must not run beside the demo (turn it off and restart the data feed first): one
 * would hold back or skip the other's bars.
 */
@Component(immediate = true, configurationPid = DemoConfig.PID)
@Designate(ocd = DemoConfig.class)
public final class DemoFeed {

    /** The demo reports its heartbeat as the data feed, as the live feed does. */
    static final String COMPONENT = ErrorSource.DATA_FEED.code();
    static final String CONFIG_FILE = "etc/" + DemoConfig.PID + ".cfg";
    private static final Logger LOG = LoggerFactory.getLogger(DemoFeed.class);
    private static final Duration HEARTBEAT_EVERY = Duration.ofSeconds(10);
    /** While ticks keep failing, the error is recorded again at most this often. */
    private static final Duration REPEAT_ERROR_EVERY = Duration.ofMinutes(1);
    /** More than one trading day of minutes: enough to rebuild the open bars after a restart. */
    private static final int RESUME_MINUTES = 1_000;

    /** Where the demo's candles go: the data feed's engine. */
    interface Feed {
        /** Stores, publishes, aggregates and announces one simulated minute's candles. */
        void accept(List<Bar> minutes);

        /** Rebuilds the open bars from minutes stored before a restart (nothing is stored or announced). */
        void resume(List<Bar> storedMinutes);
    }

    /**
     * The configuration, checked.
     *
     * @param instrumentIds {@code sim-1 .. sim-N}
     * @param period        real time per simulated minute
     */
    record Settings(boolean enabled, List<String> instrumentIds, Duration period, long seed, LocalDate startDate,
                    List<DemoStrategy> strategies, Timeframe timeframe) {

        /** Reads the configuration; what is wrong is reported in {@code problems} and replaced by its default. */
        static Settings from(DemoConfig config, List<String> problems) {
            int instruments = config.instruments();
            if (instruments < 1 || instruments > 100) {
                problems.add("instruments=" + instruments + " is not between 1 and 100; using 3");
                instruments = 3;
            }
            int seconds = config.secondsPerMinute();
            if (seconds < 1) {
                problems.add("secondsPerMinute=" + seconds + " is below 1; using 2");
                seconds = 2;
            }
            LocalDate start;
            try {
                start = LocalDate.parse(config.startDate().trim());
            } catch (DateTimeParseException | NullPointerException e) {
                problems.add("startDate='" + config.startDate() + "' is not a date (yyyy-MM-dd); using 2024-03-04");
                start = LocalDate.of(2024, 3, 4);
            }
            Timeframe timeframe;
            try {
                timeframe = Timeframe.fromCode(config.timeframe());
            } catch (IllegalArgumentException e) {
                problems.add(e.getMessage() + "; using 5m");
                timeframe = Timeframe.M5;
            }
            if (timeframe == Timeframe.M1) {
                problems.add("timeframe=1m: 1-minute candles close no bar of their own, so no strategy would run; using 5m");
                timeframe = Timeframe.M5;
            }
            DemoStrategy.Parsed parsed = DemoStrategy.parse(config.strategies());
            parsed.problems().forEach(p -> problems.add("strategies: " + p + "; left out"));
            return new Settings(config.enabled(), DemoSetup.instrumentIds(instruments), Duration.ofSeconds(seconds),
                    config.seed(), start, parsed.strategies(), timeframe);
        }

        /** "sim-1..sim-3" (or "sim-1"). */
        String instrumentRange() {
            String first = instrumentIds.get(0);
            return instrumentIds.size() == 1 ? first : first + ".." + instrumentIds.get(instrumentIds.size() - 1);
        }
    }

    private final Feed feed;
    private final MarketDataRepository marketData;
    private final StrategyUniverseRepository universe;
    private final ServiceStatusRepository status;
    private final ErrorLog errors;
    private final Settings settings;
    private final Clock wallClock;
    private final DemoClock clock;
    private final DemoCandles candles;
    private volatile ScheduledExecutorService timer;
    private volatile boolean stopped;

    // touched by the timer thread only (and by tests calling tick() directly)
    private DemoClock.Minute next;
    private Instant lastHeartbeat = Instant.EPOCH;
    private int failures;
    private Instant lastErrorRecorded = Instant.EPOCH;

    @Activate
    public DemoFeed(@Reference FeedEngine engine, @Reference MarketDataRepository marketData,
                    @Reference StrategyUniverseRepository universe, @Reference ServiceStatusRepository status,
                    @Reference ErrorLog errors, DemoConfig config) {
        this(engineFeed(engine), marketData, universe, status, errors, checked(config, errors), Clock.systemUTC());
        if (settings.enabled()) {
            LOG.info("Demo feed: SIMULATED data (seeded generator) for {}, one minute every {} s; set enabled=false in {} to turn it off",
                    settings.instrumentRange(), settings.period().toSeconds(), CONFIG_FILE);
            start();
        } else {
            LOG.info("Demo feed: off (enabled=false in {})", CONFIG_FILE);
        }
    }

    DemoFeed(Feed feed, MarketDataRepository marketData, StrategyUniverseRepository universe,
             ServiceStatusRepository status, ErrorLog errors, Settings settings, Clock wallClock) {
        this.feed = feed;
        this.marketData = marketData;
        this.universe = universe;
        this.status = status;
        this.errors = errors;
        this.settings = settings;
        this.wallClock = wallClock;
        this.clock = new DemoClock(TradingCalendar.moex(), settings.startDate(), SyntheticGenerator.sessionTimes());
        this.candles = new DemoCandles(settings.seed(), settings.instrumentIds(), DemoSetup.TICK);
    }

    private static Feed engineFeed(FeedEngine engine) {
        return new Feed() {
            @Override
            public void accept(List<Bar> minutes) {
                engine.accept(minutes, CandleSource.GENERATOR, null);
            }

            @Override
            public void resume(List<Bar> storedMinutes) {
                engine.resume(storedMinutes);
            }
        };
    }

    private static Settings checked(DemoConfig config, ErrorLog errors) {
        List<String> problems = new ArrayList<>();
        Settings settings = Settings.from(config, problems);
        for (String problem : problems) {
            LOG.warn("Demo feed configuration ({}): {}", CONFIG_FILE, problem);
            errors.record(ErrorEvent.of(ErrorCode.CONFIG_INVALID, "pid", DemoConfig.PID, "problem", problem));
        }
        return settings;
    }

    private void start() {
        timer = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "strela-demo-feed");
            t.setDaemon(true);
            return t;
        });
        long periodMillis = settings.period().toMillis();
        timer.scheduleWithFixedDelay(this::tick, periodMillis, periodMillis, TimeUnit.MILLISECONDS);
    }

    @Deactivate
    void deactivate() throws InterruptedException {
        stopped = true;
        ScheduledExecutorService t = timer;
        if (t != null) {
            t.shutdown();
            if (!t.awaitTermination(10, TimeUnit.SECONDS)) {
                t.shutdownNow();
            }
            LOG.info("Demo feed stopped{}", next == null ? "" : " before " + msk(next.time()) + " MSK");
        }
    }

    /** One simulated minute; never throws (a failure is reported and the same minute is tried on the next tick). */
    void tick() {
        if (stopped) {
            return;
        }
        try {
            if (next == null) {
                next = prepare();
            }
            List<Bar> batch = candles.at(next);
            if (!batch.isEmpty()) {
                feed.accept(batch);
            }
            next = clock.next(next);
            if (failures > 0) {
                LOG.info("Demo feed works again after {} failed tick(s)", failures);
                failures = 0;
            }
            heartbeat();
        } catch (RuntimeException | LinkageError e) {
            failed(e);
        }
    }

    /**
     * Before the first minute: the instruments and paper rows (when absent), then where to go on: after the last
     * demo minute stored, with the open bars of that day rebuilt; else at the start date, 10:00 Moscow time.
     */
    private DemoClock.Minute prepare() {
        List<String> ids = settings.instrumentIds();
        List<String> created = DemoSetup.ensureInstruments(marketData, ids);
        List<Long> rows = DemoSetup.ensureUniverse(universe, settings.strategies(), ids, settings.timeframe());
        Optional<Instant> last = lastStored(ids);
        boolean continuing = last.isPresent() && !last.get().isBefore(clock.first().time());
        DemoClock.Minute first = clock.resumeAfter(last);
        if (continuing) {
            feed.resume(storedDay(ids, last.get()));
        }
        if (!created.isEmpty() || !rows.isEmpty()) {
            LOG.info("Demo feed: created instruments {} and paper strategy_universe rows {} ({} on {})", created, rows,
                    settings.strategies().stream().map(DemoStrategy::name).toList(), settings.timeframe().code());
        }
        LOG.info("Demo feed: {} at {} MSK (simulated time)", continuing ? "continues" : "starts", msk(first.time()));
        return first;
    }

    /** The newest stored minute of any demo instrument (one may have had no trade in the last minute fed). */
    private Optional<Instant> lastStored(List<String> ids) {
        return ids.stream().flatMap(id -> marketData.lastBars(id, Timeframe.M1, 1).stream()).map(Bar::openTime)
                .max(Comparator.naturalOrder());
    }

    /** The stored minutes of the Moscow day of {@code last}, all demo instruments, in time order. */
    private List<Bar> storedDay(List<String> ids, Instant last) {
        LocalDate day = LocalDate.ofInstant(last, TradingCalendar.MSK);
        return ids.stream().flatMap(id -> marketData.barsUpTo(id, Timeframe.M1, last, RESUME_MINUTES).stream())
                .filter(b -> LocalDate.ofInstant(b.openTime(), TradingCalendar.MSK).equals(day))
                .sorted(Comparator.comparing(Bar::openTime)).toList();
    }

    private void heartbeat() {
        Instant now = wallClock.instant();
        if (Duration.between(lastHeartbeat, now).compareTo(HEARTBEAT_EVERY) >= 0) {
            status.heartbeat(COMPONENT, "up", now);
            lastHeartbeat = now;
        }
    }

    private void failed(Throwable e) {
        failures++;
        Instant now = wallClock.instant();
        if (failures > 1 && Duration.between(lastErrorRecorded, now).compareTo(REPEAT_ERROR_EVERY) < 0) {
            LOG.debug("Demo feed tick failed again ({} in a row): {}", failures, e.toString());
            return;
        }
        lastErrorRecorded = now;
        String minute = next == null ? "before the first minute" : msk(next.time()) + " MSK";
        LOG.warn("Demo feed tick failed at {} ({} in a row); the next tick tries again: {}", minute, failures, e.toString(), e);
        try {
            errors.record(ErrorEvent.of(ErrorCode.INTERNAL_ERROR, "component", "demo_feed", "minute", minute,
                    "failuresInARow", failures, "error", e.toString()).withSource(ErrorSource.DATA_FEED).withThrowable(e));
        } catch (RuntimeException ignored) {
            // the error log never throws; this only keeps the timer alive should it ever do
        }
    }

    /** The minute about to be fed next (for tests), or null before the first tick. */
    Instant nextMinute() {
        return next == null ? null : next.time();
    }

    private static LocalDateTime msk(Instant time) {
        return LocalDateTime.ofInstant(time, TradingCalendar.MSK);
    }
}
