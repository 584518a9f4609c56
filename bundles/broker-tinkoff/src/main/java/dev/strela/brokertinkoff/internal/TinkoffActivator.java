package dev.strela.brokertinkoff.internal;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import org.apache.camel.CamelContext;
import org.apache.camel.ProducerTemplate;
import org.apache.camel.RoutesBuilder;
import org.osgi.framework.BundleContext;
import org.osgi.framework.ServiceRegistration;
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
import dev.strela.api.spi.BrokerAdapter;
import dev.strela.persistence.BrokerStore;
import dev.strela.persistence.ExecutionStore;
import dev.strela.persistence.MarketDataRepository;
import dev.strela.persistence.ServiceStatusRepository;
import dev.strela.persistence.StrategyUniverseRepository;
import dev.strela.persistence.TradingControlRepository;

/**
 * Starts the Tinkoff adapter when {@code etc/dev.strela.broker.tinkoff.cfg} enables it: checks the settings (a broken
 * one is a {@code config_invalid} error and nothing connects), loads the token, connects on its own thread (retrying
 * while Tinkoff does not answer), makes sure the live run has its account, and then registers the adapter and its
 * routes and starts the live 1-minute candle stream of the live rows' instruments ({@link CandleStream}, unless
 * {@code candles = false}). A changed configuration restarts it; deactivation ends the stream's thread first.
 */
@Component(immediate = true, service = {}, configurationPid = TinkoffConfig.PID)
@Designate(ocd = TinkoffConfig.class)
public final class TinkoffActivator {

    private static final Logger LOG = LoggerFactory.getLogger(TinkoffActivator.class);

    private final BundleContext context;
    private final BrokerStore store;
    private final ExecutionStore executions;
    private final MarketDataRepository market;
    private final ErrorLog errors;
    private final TradingControlRepository controls;
    private final ServiceStatusRepository status;
    private final StrategyUniverseRepository universe;
    private final CamelContext camel;
    private final List<ServiceRegistration<?>> registrations = new ArrayList<>();
    private volatile Thread starter;
    private volatile Connection connection;
    private volatile TinkoffBroker broker;
    private volatile CandleStream candles;
    private volatile ProducerTemplate candleProducer;
    private volatile boolean closing;

    @Activate
    public TinkoffActivator(BundleContext context, TinkoffConfig config, @Reference BrokerStore store,
                            @Reference ExecutionStore executions, @Reference MarketDataRepository market,
                            @Reference ErrorLog errors, @Reference TradingControlRepository controls,
                            @Reference ServiceStatusRepository status, @Reference StrategyUniverseRepository universe,
                            @Reference CamelContext camel) {
        this.context = context;
        this.store = store;
        this.executions = executions;
        this.market = market;
        this.errors = errors;
        this.controls = controls;
        this.status = status;
        this.universe = universe;
        this.camel = camel;
        if (!config.enabled()) {
            LOG.info("Tinkoff adapter off (enabled = false in etc/{}.cfg); live rows have no broker", TinkoffConfig.PID);
            return;
        }
        Settings settings;
        Token token;
        try {
            String home = System.getProperty("karaf.home");
            settings = Settings.from(config, home == null ? null : Path.of(home));
            token = Token.load(settings.tokenEnv(), System.getenv(), settings.tokenFile());
        } catch (RuntimeException e) {
            errors.record(ErrorEvent.of(ErrorCode.CONFIG_INVALID, "pid", TinkoffConfig.PID, "problem", e.getMessage(),
                    "used", "nothing: the Tinkoff adapter does not connect"));
            LOG.error("Tinkoff adapter not started: {} (etc/{}.cfg)", e.getMessage(), TinkoffConfig.PID);
            return;
        }
        starter = new Thread(() -> connect(settings, token), "strela-tinkoff-connect");
        starter.setDaemon(true);
        starter.start();
    }

    private void connect(Settings settings, Token token) {
        RateBudget budget = new RateBudget(settings.rateLimits(), settings.reserveShare(), Duration.ofSeconds(60),
                RateBudget.Time.SYSTEM);
        Retrier retrier = new Retrier(settings.retryAttempts(), settings.retryInitial(), settings.retryMax(), new Random(),
                d -> Thread.sleep(d.toMillis()));
        long pause = 1000;
        while (!closing) {
            Connection c = null;
            try {
                c = Connection.open(settings.target(), settings.plaintext(), settings.sandbox(),
                        new CallPolicy(token, settings.appName(), settings.requestTimeout(), budget));
                String account = TinkoffClient.resolveAccount(c.api(), retrier, settings.accountId(), settings.sandboxPayIn());
                TinkoffClient client = new TinkoffClient(c.api(), retrier, account);
                executions.ensureAccount(TinkoffBroker.RUN, account, TinkoffBroker.NAME, client.cash().total());
                TinkoffBroker broker = new TinkoffBroker(client, store, market, errors, controls, status, Clock.systemUTC(),
                        settings.stopPoll(), settings.sendWindow());
                synchronized (this) {
                    if (closing) {
                        c.close();
                        return;
                    }
                    connection = c;
                    this.broker = broker;
                    registrations.add(context.registerService(BrokerAdapter.class, broker, null));
                    registrations.add(context.registerService(RoutesBuilder.class,
                            new TinkoffRoutes(broker, errors, settings.poll().toMillis()), null));
                    startCandles(c, settings, retrier, token);
                }
                LOG.info("Tinkoff adapter connected: {}, account {}, token from {}", settings.describe(), account,
                        token.origin());
                return;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                close(c);
                return;
            } catch (Retrier.Failure | RuntimeException | LinkageError e) {
                close(c);
                String why = token.redact(e.getMessage());
                if (permanent(e)) {
                    // a refused token or an account the token does not have: waiting will not change it
                    LOG.error("Tinkoff adapter not started: {} ({}); fix etc/{}.cfg or the token, then restart the bundle",
                            why, settings.describe(), TinkoffConfig.PID);
                    errors.record(ErrorEvent.of(ErrorCode.CONFIG_INVALID, "pid", TinkoffConfig.PID, "problem", why,
                            "used", "nothing: the Tinkoff adapter does not connect"));
                    return;
                }
                LOG.error("Tinkoff adapter cannot connect ({}): {}; trying again in {} s", settings.describe(), why, pause / 1000);
                errors.record(ErrorEvent.of(ErrorCode.BROKER_DOWN, "broker", TinkoffBroker.NAME, "error", why)
                        .withSeverity(dev.strela.api.error.Severity.ERROR));
                try {
                    Thread.sleep(pause);
                } catch (InterruptedException interrupted) {
                    return;
                }
                pause = Math.min(pause * 2, 60_000);
            }
        }
    }

    /** The candle stream over the connection, its read-backs through the same retrier and rate budget as every call. */
    private void startCandles(Connection c, Settings settings, Retrier retrier, Token token) {
        CandleSettings s = settings.candles();
        if (!s.enabled()) {
            LOG.info("Tinkoff candles off (candles = false in etc/{}.cfg): live rows get no candles from Tinkoff",
                    TinkoffConfig.PID);
            return;
        }
        try {
            candleProducer = camel.createProducerTemplate();
            CandleBackfill backfill = new CandleBackfill(c.api(), retrier, market, s.hours(), errors);
            Retrier backoff = new Retrier(1, s.retryInitial(), s.retryMax(), new Random(), d -> Thread.sleep(d.toMillis()));
            candles = new CandleStream(c.api().getChannel(), backfill, LiveInstruments.of(universe, s.extraInstruments()),
                    new InstrumentIds(market), CandleSink.camel(candleProducer), errors, s, backoff, Clock.systemUTC(), token);
            candles.start();
        } catch (RuntimeException e) {
            // the adapter is registered already: it keeps trading, without candles from Tinkoff
            errors.record(ErrorEvent.of(ErrorCode.DATA_FEED_DOWN, "source", CandleSink.SOURCE, "stream",
                    "not started: " + e, "action", "none: restart the Tinkoff adapter").withThrowable(e));
            LOG.error("Tinkoff candle stream not started: {}", e.toString());
        }
    }

    /** Failures no retry can cure: the token refused, or the configured account not the token's. */
    static boolean permanent(Throwable e) {
        if (e instanceof Retrier.Failure f) {
            return f.status() == io.grpc.Status.Code.UNAUTHENTICATED || f.status() == io.grpc.Status.Code.PERMISSION_DENIED;
        }
        return e instanceof IllegalStateException && e.getMessage() != null
                && (e.getMessage().contains("is not among the token's accounts") || e.getMessage().contains("no account to trade"));
    }

    /** Ends the candle stream's thread before the channel closes under it. */
    private void stopCandles() throws InterruptedException {
        CandleStream s = candles;
        if (s != null && !s.stop(Duration.ofSeconds(10))) {
            LOG.warn("Tinkoff candle stream: its thread did not end within 10 s");
        }
        ProducerTemplate p = candleProducer;
        if (p != null) {
            try {
                p.stop();
            } catch (RuntimeException e) {
                LOG.debug("Candle producer not stopped: {}", e.toString());
            }
        }
    }

    private static void close(Connection c) {
        if (c != null) {
            c.close();
        }
    }

    @Deactivate
    void deactivate() throws InterruptedException {
        closing = true;
        Thread t = starter;
        if (t != null) {
            t.interrupt();
            t.join(10_000);
        }
        stopCandles();
        TinkoffBroker b = broker;
        if (b != null) {
            b.stop();
            synchronized (b) {
                // a round in progress ends before the channel closes under it (rounds hold the broker's lock)
                LOG.debug("Tinkoff adapter: no round in progress");
            }
            try {
                // switched off on purpose: the watchdog stops watching it instead of calling it silent
                status.heartbeat(TinkoffBroker.COMPONENT, "off", java.time.Instant.now());
            } catch (RuntimeException e) {
                LOG.debug("Last heartbeat not written: {}", e.toString());
            }
        }
        synchronized (this) {
            for (ServiceRegistration<?> r : registrations) {
                try {
                    r.unregister();
                } catch (IllegalStateException alreadyGone) {
                    LOG.debug("registration already gone");
                }
            }
            registrations.clear();
            close(connection);
            connection = null;
        }
    }
}
