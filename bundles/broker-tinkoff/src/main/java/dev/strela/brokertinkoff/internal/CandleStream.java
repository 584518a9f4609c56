package dev.strela.brokertinkoff.internal;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

import io.grpc.Channel;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import ru.tinkoff.piapi.contract.v1.MarketDataResponse;
import ru.tinkoff.piapi.contract.v1.SubscriptionStatus;

import dev.strela.api.error.ErrorCode;
import dev.strela.api.error.ErrorEvent;
import dev.strela.api.error.ErrorLog;
import dev.strela.api.error.Severity;
import dev.strela.api.model.Bar;
import dev.strela.api.model.Timeframe;

/**
 * The live 1-minute candles from Tinkoff, on one thread of its own ({@code strela-tinkoff-candles}): subscribes the
 * instruments of the enabled live rows to finished 1-minute candles (MarketDataStream, {@code waiting_close}), reads
 * back with GetCandles what is missing, and passes every finished minute on to the {@link CandleSink} once, in time
 * order.
 *
 * <p><b>Merging the read-back and the stream.</b> The stream is subscribed first, then the missing minutes are read
 * back. Everything the new stream sends meanwhile waits in the event queue; the read-back is passed on first, then the
 * queue. Per instrument only minutes after the last one passed on go out, so a minute both read back and streamed
 * goes out once, nothing goes out twice after any number of resubscriptions, and nothing is skipped: the stream
 * carries every minute that closes after the subscription, the read-back every one before it.
 *
 * <p><b>Watching.</b> A stream that ends (error or completion), or says nothing at all for {@code streamSilenceSeconds}
 * during the trading hours (see {@link StreamWatch}: after half of it the stream is asked whether it is alive), is
 * closed and subscribed again after a backoff with full jitter ({@link Retrier#pause}), growing while attempts keep
 * failing and starting small again once a stream has stayed alive; each is a {@code data_feed_down} warning in
 * {@code live_errors}. The live rows are read again every minute; a changed set of instruments is a new subscription
 * (with its read-back), without an error.
 */
final class CandleStream {

    /** Why a subscription ended. */
    private enum End { STOPPED, CHANGED, FAILED }

    /** How a subscription ended; {@code healthy} when it had stayed alive for a while before. */
    private record Outcome(End end, String reason, Throwable cause, boolean healthy, boolean report) {

        static Outcome of(End end) {
            return new Outcome(end, "", null, false, false);
        }

        static Outcome failed(String reason, Throwable cause, boolean healthy) {
            return new Outcome(End.FAILED, reason, cause, healthy, true);
        }
    }

    private static final Logger LOG = LoggerFactory.getLogger(CandleStream.class);
    private static final String THREAD = "strela-tinkoff-candles";

    private final Channel channel;
    private final CandleBackfill backfill;
    private final Supplier<List<String>> instruments;
    private final InstrumentIds ids;
    private final MinuteGate gate;
    private final ErrorLog errors;
    private final CandleSettings settings;
    private final Retrier backoff;
    private final Clock clock;
    private final Token token;
    private final Duration tick;
    private final BlockingQueue<CandleCall.Event> events = new LinkedBlockingQueue<>();
    private volatile boolean stopping;
    private Thread thread;
    private long generation;

    /**
     * @param backoff its {@link Retrier#pause} and {@link Retrier#sleep} make the waits between subscriptions
     * @param clock   the time of day (trading hours, the read-back's end, silence); it must tick
     */
    CandleStream(Channel channel, CandleBackfill backfill, Supplier<List<String>> instruments, InstrumentIds ids,
                 CandleSink sink, ErrorLog errors, CandleSettings settings, Retrier backoff, Clock clock, Token token) {
        this.channel = channel;
        this.backfill = backfill;
        this.instruments = instruments;
        this.ids = ids;
        this.gate = new MinuteGate(sink, ids, errors);
        this.errors = errors;
        this.settings = settings;
        this.backoff = backoff;
        this.clock = clock;
        this.token = token;
        long tickMillis = Math.max(20, Math.min(1000, settings.silence().toMillis() / 10));
        this.tick = Duration.ofMillis(tickMillis);
    }

    synchronized void start() {
        if (thread != null) {
            throw new IllegalStateException("already started");
        }
        thread = new Thread(this::run, THREAD);
        thread.setDaemon(true);
        thread.start();
    }

    /** Ends the stream and its thread; waits up to {@code wait} for the thread to end. True when it has. */
    boolean stop(Duration wait) throws InterruptedException {
        stopping = true;
        Thread t;
        synchronized (this) {
            t = thread;
        }
        if (t == null) {
            return true;
        }
        t.interrupt();
        t.join(wait.toMillis());
        return !t.isAlive();
    }

    private void run() {
        int failures = 0;
        while (!stopping) {
            Outcome outcome;
            try {
                outcome = subscription();
            } catch (InterruptedException e) {
                break;
            } catch (RuntimeException e) {
                // whatever went wrong, the thread goes on: the stream is the live feed
                outcome = Outcome.failed("failed: " + Retrier.describe(e), e, false);
            }
            if (outcome.end() == End.STOPPED || stopping) {
                break;
            }
            if (outcome.end() == End.CHANGED) {
                failures = 0;
                continue;
            }
            failures = outcome.healthy() ? 1 : failures + 1;
            try {
                resubscribeLater(outcome, failures);
            } catch (InterruptedException e) {
                break;
            }
        }
        LOG.info("Tinkoff candle stream stopped");
    }

    private void resubscribeLater(Outcome outcome, int failures) throws InterruptedException {
        String reason = token.redact(outcome.reason());
        if (outcome.report()) {
            errors.record(ErrorEvent.of(ErrorCode.DATA_FEED_DOWN, "source", CandleSink.SOURCE, "stream", reason,
                    "action", "subscribed again, missed minutes read back").withSeverity(Severity.WARNING));
        }
        Duration pause = backoff.pause(failures, outcome.cause());
        LOG.warn("Tinkoff candle stream: {}; subscribing again in {} ms (attempt {})", reason, pause.toMillis(), failures);
        backoff.sleep(pause);
    }

    /** One subscription, from opening the call to its end. */
    private Outcome subscription() throws InterruptedException {
        List<String> wanted;
        try {
            wanted = instruments.get();
        } catch (RuntimeException e) {
            return new Outcome(End.FAILED, "the live rows cannot be read: " + e.getMessage(), e, false, false);
        }
        if (wanted.isEmpty()) {
            LOG.debug("Tinkoff candles: no live rows; looking again in {}", settings.refresh());
            events.poll(settings.refresh().toMillis(), TimeUnit.MILLISECONDS);
            return Outcome.of(End.CHANGED);
        }
        long gen = ++generation;
        events.clear();
        ids.subscribed(wanted);
        CandleCall call;
        try {
            call = CandleCall.open(channel, gen, events);
        } catch (RuntimeException e) {
            return Outcome.failed("cannot open the stream: " + Retrier.describe(e), e, false);
        }
        try {
            return follow(call, gen, wanted);
        } catch (RuntimeException e) {
            return Outcome.failed("failed: " + Retrier.describe(e), e, false);
        } finally {
            call.cancel();
        }
    }

    private Outcome follow(CandleCall call, long gen, List<String> wanted) throws InterruptedException {
        call.subscribe(wanted);
        List<MarketDataResponse> early = new ArrayList<>();
        Set<String> refused = new HashSet<>();
        Optional<Outcome> subscribed = awaitSubscribed(gen, wanted, early, refused);
        if (subscribed.isPresent()) {
            return subscribed.get();
        }
        try {
            List<String> readBack = wanted.stream().filter(id -> !refused.contains(id)).toList();
            List<Bar> missing = backfill.missing(readBack, gate.lastSent(), clock.instant());
            for (Bar minute : missing) {
                gate.pass(minute);
            }
            for (MarketDataResponse message : early) {
                gate.onMessage(message);
            }
            LOG.info("Tinkoff candle stream: {} instrument(s) subscribed to finished 1-minute candles, {} minute(s) read back",
                    wanted.size(), missing.size());
            return watch(call, gen, wanted);
        } catch (Retrier.Failure f) {
            return stopping ? Outcome.of(End.STOPPED) : Outcome.failed("read-back failed: " + f.getMessage(), f, false);
        } catch (MinuteGate.NotTaken e) {
            return Outcome.failed("the data feed did not take a candle: " + e.getCause(), e.getCause(), false);
        }
    }

    /**
     * Waits for the answer to the subscription; messages before it are kept in {@code early}. Empty when subscribed
     * (refused instruments are reported, put in {@code refused} and simply get no candles), else how the call ended.
     */
    private Optional<Outcome> awaitSubscribed(long gen, List<String> wanted, List<MarketDataResponse> early,
                                              Set<String> refused) throws InterruptedException {
        long deadline = System.nanoTime() + settings.silence().toNanos();
        while (System.nanoTime() < deadline) {
            CandleCall.Event e = events.poll(tick.toMillis(), TimeUnit.MILLISECONDS);
            if (stopping) {
                return Optional.of(Outcome.of(End.STOPPED));
            }
            if (e == null || e.generation() != gen) {
                continue;
            }
            if (e.isEnd()) {
                return Optional.of(Outcome.failed(ended(e), e.error(), false));
            }
            if (!e.message().hasSubscribeCandlesResponse()) {
                early.add(e.message());
                continue;
            }
            e.message().getSubscribeCandlesResponse().getCandlesSubscriptionsList().stream()
                    .filter(s -> s.getSubscriptionStatus() != SubscriptionStatus.SUBSCRIPTION_STATUS_SUCCESS)
                    .forEach(s -> refused.add(refused(wanted, s.getInstrumentUid(), s.getFigi(), s.getSubscriptionStatus().name())));
            return Optional.empty();
        }
        return Optional.of(Outcome.failed("no answer to the subscription within " + seconds(settings.silence()), null, false));
    }

    /** Reports a refused instrument; returns its id. */
    private String refused(List<String> wanted, String uid, String figi, String status) {
        String id = wanted.contains(uid) ? uid : figi;
        errors.record(ErrorEvent.of(ErrorCode.NO_MARKET_PRICE_FOR_SYMBOL, "instrument", id, "problem",
                "Tinkoff refused the 1-minute candle subscription: " + status).forSymbol(id, Timeframe.M1));
        LOG.warn("Tinkoff refused the candle subscription of {}: {}", id, status);
        return id;
    }

    /** The subscription's steady state: messages passed on, silence watched, the live rows read again. */
    private Outcome watch(CandleCall call, long gen, List<String> wanted)
            throws InterruptedException, MinuteGate.NotTaken {
        StreamWatch watch = new StreamWatch(settings.hours(), settings.silence());
        Instant since = clock.instant();
        watch.opened(since);
        boolean healthy = false;
        long nextRefresh = System.nanoTime() + settings.refresh().toNanos();
        while (!stopping) {
            CandleCall.Event e = events.poll(tick.toMillis(), TimeUnit.MILLISECONDS);
            Instant now = clock.instant();
            if (e != null && e.generation() == gen) {
                if (e.isEnd()) {
                    return Outcome.failed(ended(e), e.error(), healthy);
                }
                watch.onMessage(now);
                healthy |= Duration.between(since, now).compareTo(settings.silence()) >= 0;
                gate.onMessage(e.message());
            }
            switch (watch.check(now)) {
                case PROBE -> call.probe();
                case SILENT -> {
                    return Outcome.failed("silent for " + seconds(settings.silence()) + " during trading hours ("
                            + settings.hours() + ")", null, healthy);
                }
                default -> { }
            }
            if (System.nanoTime() - nextRefresh >= 0) {
                nextRefresh = System.nanoTime() + settings.refresh().toNanos();
                if (changed(wanted)) {
                    return Outcome.of(End.CHANGED);
                }
            }
        }
        return Outcome.of(End.STOPPED);
    }

    private boolean changed(List<String> wanted) {
        try {
            List<String> now = instruments.get();
            if (new HashSet<>(now).equals(new HashSet<>(wanted))) {
                return false;
            }
            LOG.info("Tinkoff candles: the live rows' instruments are now {} (were {}): subscribing anew", now, wanted);
            return true;
        } catch (RuntimeException e) {
            LOG.debug("Live rows not read again: {}", e.toString());
            return false;
        }
    }

    private static String seconds(Duration d) {
        return java.math.BigDecimal.valueOf(d.toMillis(), 3).stripTrailingZeros().toPlainString() + " s";
    }

    private static String ended(CandleCall.Event e) {
        return e.error() == null ? "ended by the server" : "ended: " + Retrier.describe(e.error());
    }
}
