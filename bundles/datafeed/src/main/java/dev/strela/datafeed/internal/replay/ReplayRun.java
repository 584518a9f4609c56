package dev.strela.datafeed.internal.replay;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;

import org.apache.camel.ProducerTemplate;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import dev.strela.api.bus.Endpoints;
import dev.strela.api.error.ErrorCode;
import dev.strela.api.error.ErrorEvent;
import dev.strela.api.error.ErrorLog;
import dev.strela.api.model.Bar;
import dev.strela.api.model.BarClose;
import dev.strela.api.model.Timeframe;
import dev.strela.datafeed.Replays.Progress;
import dev.strela.datafeed.internal.aggregate.AggregationListener;
import dev.strela.datafeed.internal.aggregate.Aggregator;
import dev.strela.datafeed.internal.aggregate.TradingCalendar;
import dev.strela.persistence.DatabaseOutage;
import dev.strela.persistence.MarketDataRepository;
import dev.strela.persistence.RunRepository;
import dev.strela.persistence.UniverseRow;

/**
 * One replay on its own thread. The simulated clock moves a minute at a time: for each minute of the period (all
 * instruments at once) the simulated broker first fills what that minute trades through, then the minute is
 * aggregated and the clock moves to the minute's end, which closes the bars ending there; each closed bar of a
 * replayed timeframe goes to the strategy runner. Every step is a synchronous call through the bus, so when it returns
 * the strategies have run, execution has decided their signals and the broker holds the orders: an order placed on a
 * bar's close fills on the following minute, as it would live. The minutes are read a UTC day at a time, the next
 * day on a thread of its own while this one is replayed.
 *
 * <p>Each step builds on what the last one stored, so the replay does not go on without its writes: when the database
 * cannot be reached, the replay's thread waits for it ({@link DatabaseOutage}, up to {@link #DATABASE_WAIT} per
 * outage), each database call that failed is repeated whole when it answers again, and the replay goes on from
 * where it paused. The outage is reported once for the run, whichever of its two threads meet it
 * ({@code database_unavailable}, then {@code database_recovered}).
 */
final class ReplayRun {

    private static final Logger LOG = LoggerFactory.getLogger(ReplayRun.class);
    /** Minutes are read in slices of this length of the period. */
    private static final Duration SLICE = Duration.ofDays(1);
    private static final ObjectMapper JSON = new ObjectMapper();
    /** How long a replay waits for a database that went away before it fails. */
    static final Duration DATABASE_WAIT = Duration.ofMinutes(10);

    private final String runId;
    private final ReplayService.Plan plan;
    private final MarketDataRepository market;
    private final RunRepository runs;
    private final ErrorLog errors;
    private final ProducerTemplate producer;
    private final ReplayWindows windows;
    /** "instrument timeframe" of every replayed row: only their bars go to the runner. */
    private final Set<String> replayed;
    private final Thread thread;
    /** The replay thread and its reader both wait for a lost database; the run reports each outage once. */
    private final SharedOutageReport outageReport = new SharedOutageReport(new OutageReport());
    private final Instant startedAt = Instant.now();
    private final long startNanos = System.nanoTime();
    private final AtomicLong minutesDone = new AtomicLong();
    private final AtomicLong barsClosed = new AtomicLong();
    private volatile Instant simulatedTime;
    private volatile boolean cancelRequested;
    private volatile String status = "running";
    private volatile String error;
    private volatile long endNanos;

    ReplayRun(String runId, ReplayService.Plan plan, MarketDataRepository market, RunRepository runs, ErrorLog errors,
              ProducerTemplate producer, ReplayWindows windows) {
        this.windows = windows;
        this.runId = runId;
        this.plan = plan;
        this.market = market;
        this.runs = runs;
        this.errors = errors;
        this.producer = producer;
        this.replayed = new java.util.HashSet<>();
        plan.rows().forEach(r -> replayed.add(r.symbol() + " " + r.timeframe().code()));
        this.thread = new Thread(this::run, "strela-" + runId.substring(0, Math.min(runId.length(), 20)));
        this.thread.setDaemon(true);
    }

    void start() {
        thread.start();
    }

    String runId() {
        return runId;
    }

    Instant startedAt() {
        return startedAt;
    }

    boolean cancel() {
        if (!"running".equals(status)) {
            return false;
        }
        cancelRequested = true;
        return true;
    }

    void join(Duration timeout) throws InterruptedException {
        thread.join(Math.max(1, timeout.toMillis()));
    }

    Progress progress() {
        long end = endNanos == 0 ? System.nanoTime() : endNanos;
        return new Progress(runId, status, minutesDone.get(), plan.minutes(), barsClosed.get(),
                Duration.ofNanos(end - startNanos), simulatedTime, error);
    }

    private void run() {
        DatabaseOutage.waitOnThisThread(DATABASE_WAIT, outageReport);
        try {
            runAndRecord();
        } finally {
            DatabaseOutage.failFastOnThisThread();
        }
    }

    private void runAndRecord() {
        String outcome;
        try {
            replay();
            outcome = cancelRequested ? "cancelled" : "finished";
        } catch (RuntimeException | Error e) {
            Throwable cause = rootCause(e);
            error = cause.toString();
            outcome = "failed";
            LOG.error("Replay {} failed at {}: {}", runId, simulatedTime, cause.toString(), e);
            errors.record(ErrorEvent.of(ErrorCode.REPLAY_FAILED, "run", runId, "at", simulatedTime, "error", cause.toString())
                    .withThrowable(e).forRun(runId));
        }
        windows.close(runId);
        try {
            producer.sendBody(Endpoints.REPLAY_FINISHED, runId);
        } catch (RuntimeException e) {
            LOG.warn("Replay {}: the broker did not release its exchange: {}", runId, e.toString());
        }
        endNanos = System.nanoTime();
        Progress p = progress();
        ObjectNode result = JSON.createObjectNode().put("minutesDone", p.minutesDone()).put("barsClosed", p.barsClosed())
                .put("seconds", p.elapsed().toMillis() / 1000.0).put("barsPerSecond", Math.round(p.barsPerSecond()));
        if (error != null) {
            result.put("error", error);
        }
        if (!"finished".equals(outcome) && simulatedTime != null) {
            // where the simulation stopped: a report of a cancelled or failed replay values it there, not at --to
            result.put("stoppedAt", simulatedTime.plusSeconds(60).toString());
        }
        try {
            runs.finish(runId, outcome, result.toString());
        } catch (RuntimeException e) {
            LOG.error("Replay {} ended ({}) but its run row was not updated: {}", runId, outcome, e.toString());
        }
        status = outcome;
        LOG.info("Replay {} {}: {} of {} one-minute bars, {} bars closed, {} s, {} bars/s", runId, outcome,
                p.minutesDone(), p.minutesTotal(), p.barsClosed(), p.elapsed().toSeconds(), Math.round(p.barsPerSecond()));
    }

    private void replay() {
        Aggregator aggregator = new Aggregator(TradingCalendar.moex());
        Closed closed = new Closed();
        Instant from = plan.request().from();
        Instant to = plan.request().to();
        Map<String, Object> headers = new HashMap<>();
        headers.put(Endpoints.RUN_HEADER, runId);
        headers.put(Endpoints.REPLAY_ROWS_HEADER, plan.rows());
        ExecutorService reader = Executors.newSingleThreadExecutor(task -> {
            Thread t = new Thread(() -> {
                DatabaseOutage.waitOnThisThread(DATABASE_WAIT, outageReport);
                task.run();
            }, thread.getName() + "-reader");
            t.setDaemon(true);
            return t;
        });
        try {
            // the next slice is read while this one is replayed
            Instant sliceStart = from;
            Instant sliceEnd = sliceEnd(sliceStart, to);
            Future<List<Bar>> reading = read(reader, sliceStart, sliceEnd);
            while (sliceStart.isBefore(to) && !cancelRequested) {
                List<Bar> minutes = await(reading);
                Instant nextStart = sliceEnd;
                Instant nextEnd = sliceEnd(nextStart, to);
                reading = nextStart.isBefore(to) ? read(reader, nextStart, nextEnd) : null;
                int i = 0;
                while (i < minutes.size() && !cancelRequested) {
                    Instant t = minutes.get(i).openTime();
                    int j = i;
                    while (j < minutes.size() && minutes.get(j).openTime().equals(t)) {
                        j++;
                    }
                    List<Bar> moment = minutes.subList(i, j);
                    step(aggregator, closed, t, moment, headers);
                    i = j;
                }
                sliceStart = nextStart;
                sliceEnd = nextEnd;
            }
        } finally {
            reader.shutdownNow();
        }
        if (!cancelRequested) {
            aggregator.advanceClock(to, closed);
            announce(closed, headers);
        }
    }

    /** The end of the slice that starts at {@code start}: the next UTC midnight, or {@code to}. */
    private static Instant sliceEnd(Instant start, Instant to) {
        Instant end = min(start.plus(SLICE).truncatedTo(ChronoUnit.DAYS), to);
        return end.isAfter(start) ? end : min(start.plus(SLICE), to);
    }

    private Future<List<Bar>> read(ExecutorService reader, Instant start, Instant end) {
        return reader.submit(() -> market.barsBetween(plan.instrumentIds(), Timeframe.M1, start, end, Integer.MAX_VALUE));
    }

    /** The slice being read; a failure to read it fails the replay as if this thread had read it. */
    private static List<Bar> await(Future<List<Bar>> reading) {
        try {
            return reading.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while reading the next minutes", e);
        } catch (ExecutionException e) {
            Throwable cause = e.getCause() == null ? e : e.getCause();
            if (cause instanceof RuntimeException runtime) {
                throw runtime;
            }
            if (cause instanceof Error error) {
                throw error;
            }
            throw new IllegalStateException(cause);
        }
    }

    /** One simulated minute: bars that ended before it close, the broker fills on it, then it is aggregated. */
    private void step(Aggregator aggregator, Closed closed, Instant t, List<Bar> moment, Map<String, Object> headers) {
        simulatedTime = t;
        aggregator.advanceClock(t, closed);
        announce(closed, headers);
        // synchronous: the broker is done with the list when this returns, so it needs no copy
        producer.sendBodyAndHeader(Endpoints.REPLAY_MINUTES, moment, Endpoints.RUN_HEADER, runId);
        for (Bar minute : moment) {
            aggregator.onMinute(minute, closed);
        }
        aggregator.advanceClock(t.plusSeconds(60), closed);
        announce(closed, headers);
        minutesDone.addAndGet(moment.size());
    }

    /** The replayed bars among those just closed go to the strategy runner together, in the order they closed. */
    private void announce(Closed closed, Map<String, Object> headers) {
        List<BarClose> events = new ArrayList<>();
        for (Bar bar : closed.bars) {
            if (replayed.contains(bar.instrumentId() + " " + bar.timeframe().code())) {
                windows.closed(runId, bar);
                events.add(new BarClose(bar.instrumentId(), bar.timeframe(), bar.openTime()));
            }
        }
        closed.bars.clear();
        if (!events.isEmpty()) {
            barsClosed.addAndGet(events.size());
            producer.sendBodyAndHeaders(Endpoints.REPLAY_BAR_CLOSE, events, headers);
        }
    }

    private static Instant min(Instant a, Instant b) {
        return a.isBefore(b) ? a : b;
    }

    private static Throwable rootCause(Throwable e) {
        Throwable t = e;
        while (t.getCause() != null && t.getCause() != t) {
            t = t.getCause();
        }
        return t;
    }

    /** Reports, for the run, that the replay paused for the database and that it went on. */
    private final class OutageReport implements DatabaseOutage.Listener {

        @Override
        public void waiting(RuntimeException cause, Duration limit) {
            LOG.warn("Replay {} paused at {}: the database cannot be reached ({}); waiting up to {} min", runId,
                    simulatedTime, rootCause(cause).toString(), limit.toMinutes());
            errors.record(ErrorEvent.of(ErrorCode.DATABASE_UNAVAILABLE, "run", runId, "at", simulatedTime,
                    "note", "the replay waits for the database", "waitingUpToSeconds", limit.toSeconds(),
                    "error", rootCause(cause).toString()).forRun(runId));
        }

        @Override
        public void resumed(Duration waited) {
            LOG.info("Replay {} goes on at {} after waiting {} s for the database", runId, simulatedTime,
                    waited.toSeconds());
            errors.record(ErrorEvent.of(ErrorCode.DATABASE_RECOVERED, "run", runId, "at", simulatedTime,
                    "waitedSeconds", waited.toSeconds()).forRun(runId));
        }
    }

    /** Bars the aggregator closed since the last announcement, in its order. */
    private static final class Closed implements AggregationListener {
        final List<Bar> bars = new ArrayList<>();

        @Override
        public void barClosed(Bar bar) {
            bars.add(bar);
        }

        @Override
        public void barRevised(Bar bar) {
            // bars of a replay are not stored (the import stored them); a revision changes nothing replayed
        }

        @Override
        public void minuteSkipped(Bar minute, String reason) {
            // outside exchange hours: the broker still saw the minute, no bar contains it
        }
    }
}
