package dev.strela.health.internal;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
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

import dev.strela.api.model.SessionHours;
import dev.strela.api.error.ErrorCode;
import dev.strela.api.error.ErrorEvent;
import dev.strela.api.error.ErrorLog;
import dev.strela.persistence.ServiceStatusRepository;
import dev.strela.persistence.TradingControl;
import dev.strela.persistence.TradingControlRepository;

/**
 * Runs the {@link Watchdog} every {@code checkMillis} against {@code service_status}: a silent component
 * ({@code component_silent}) or a broker adapter that says it is down ({@code broker_down}) is a critical error and
 * sets the global stop-trading flag, by {@value #WHO}. A component beating again is reported
 * ({@code component_recovered}), and trading stays stopped: a person resumes it ({@code strela:resume}).
 */
@Component(immediate = true, configurationPid = WatchdogConfig.PID)
@Designate(ocd = WatchdogConfig.class)
public final class WatchdogService {

    static final String WHO = "watchdog";
    static final String DEFAULT_LIMITS = "data_feed=120, strategy_runner=60, execution=60, broker=30";
    static final String DEFAULT_HOURS = "09:50-23:50";
    private static final Logger LOG = LoggerFactory.getLogger(WatchdogService.class);

    private final ServiceStatusRepository status;
    private final TradingControlRepository controls;
    private final ErrorLog errors;
    private final Clock clock;
    private final Watchdog watchdog;
    private final ScheduledExecutorService timer;
    private boolean unreadable;

    @Activate
    public WatchdogService(@Reference ServiceStatusRepository status, @Reference TradingControlRepository controls,
                           @Reference ErrorLog errors, WatchdogConfig config) {
        this(status, controls, errors, config, Clock.systemUTC());
        timer.scheduleWithFixedDelay(this::tick, config.checkMillis(), Math.max(100, config.checkMillis()),
                TimeUnit.MILLISECONDS);
    }

    /** Without a timer: the tests call {@link #tick()} with their own clock. */
    WatchdogService(ServiceStatusRepository status, TradingControlRepository controls, ErrorLog errors,
                    WatchdogConfig config, Clock clock) {
        this.status = status;
        this.controls = controls;
        this.errors = errors;
        this.clock = clock;
        Map<String, Duration> limits;
        try {
            limits = limits(config.silenceLimits());
        } catch (IllegalArgumentException e) {
            limits = limits(DEFAULT_LIMITS);
            configInvalid(e, "silenceLimits=" + DEFAULT_LIMITS);
        }
        SessionHours hours;
        try {
            hours = SessionHours.parse("activeHours", config.activeHours());
        } catch (IllegalArgumentException e) {
            hours = SessionHours.parse("activeHours", DEFAULT_HOURS);
            configInvalid(e, "activeHours=" + DEFAULT_HOURS);
        }
        this.watchdog = new Watchdog(limits, hours, clock.instant());
        this.timer = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "strela-watchdog");
            t.setDaemon(true);
            return t;
        });
        LOG.info("Watchdog: silence limits {} ({}), broker adapters reporting 'down' stop trading at any hour",
                limits, hours);
    }

    /** A broken setting does not leave the platform unwatched: it is reported and the default is used. */
    private void configInvalid(IllegalArgumentException e, String used) {
        errors.record(ErrorEvent.of(ErrorCode.CONFIG_INVALID, "pid", WatchdogConfig.PID, "problem", e.getMessage(),
                "used", used));
    }

    @Deactivate
    void deactivate() {
        timer.shutdownNow();
    }

    /**
     * {@code "data_feed=120, broker=30"} in seconds.
     *
     * @throws IllegalArgumentException naming the entry that is not {@code component=seconds} (seconds &gt; 0)
     */
    static Map<String, Duration> limits(String text) {
        Map<String, Duration> limits = new LinkedHashMap<>();
        if (text == null || text.isBlank()) {
            return limits;
        }
        for (String entry : text.split(",")) {
            String[] kv = entry.split("=");
            String component = kv.length == 2 ? kv[0].trim().toLowerCase(Locale.ROOT) : "";
            long seconds;
            try {
                seconds = kv.length == 2 ? Long.parseLong(kv[1].trim()) : -1;
            } catch (NumberFormatException e) {
                seconds = -1;
            }
            if (!component.matches("[a-z][a-z0-9_]*") || seconds <= 0) {
                throw new IllegalArgumentException("silenceLimits: each entry is 'component=seconds' (seconds > 0), was '"
                        + entry.trim() + "'");
            }
            limits.put(component, Duration.ofSeconds(seconds));
        }
        return limits;
    }

    /** One look at the heartbeats; never throws (the timer must go on). */
    void tick() {
        try {
            Instant now = clock.instant();
            List<Watchdog.Alarm> alarms = watchdog.check(status.all(), now);
            if (unreadable) {
                unreadable = false;
                LOG.info("Watchdog: service_status is readable again");
            }
            for (Watchdog.Alarm alarm : alarms) {
                act(alarm, now);
            }
        } catch (RuntimeException e) {
            if (!unreadable) {
                unreadable = true;
                // the database is away: the error log spools this, and the components' own errors say the rest
                errors.record(ErrorEvent.of(ErrorCode.DATABASE_UNAVAILABLE, "reader", WHO, "error", String.valueOf(e))
                        .withCreatedAt(clock.instant()));
            }
        }
    }

    private void act(Watchdog.Alarm alarm, Instant now) {
        if (alarm instanceof Watchdog.Alarm.Silent s) {
            errors.record(ErrorEvent.of(ErrorCode.COMPONENT_SILENT, "component", s.component(),
                    "silent_s", s.silentFor().toSeconds(), "limit_s", s.limit().toSeconds(), "action", "stop_trading")
                    .withCreatedAt(now));
            stopTrading(s.component() + " silent for " + s.silentFor().toSeconds() + " s (limit "
                    + s.limit().toSeconds() + " s)");
        } else if (alarm instanceof Watchdog.Alarm.Down d) {
            errors.record(ErrorEvent.of(ErrorCode.BROKER_DOWN, "component", d.component(), "since", d.since(),
                    "action", "stop_trading").withCreatedAt(now));
            stopTrading(d.component() + " reports its calls failing (down)");
        } else {
            errors.record(ErrorEvent.of(ErrorCode.COMPONENT_RECOVERED, "component", alarm.component(),
                    "note", "trading stays as it is: strela:resume when you have checked").withCreatedAt(now));
        }
    }

    private void stopTrading(String why) {
        TradingControl current = controls.current();
        if (current.stopTrading()) {
            LOG.warn("Watchdog: {}; trading was already stopped ({} by {})", why, current.reason(), current.changedBy());
            return;
        }
        controls.setStopTrading(true, "watchdog: " + why, WHO);
        LOG.error("Watchdog: {}: TRADING STOPPED; strela:resume when it is safe again", why);
    }
}
