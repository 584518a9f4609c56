package dev.strela.strategyrunner.internal;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorCompletionService;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

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
import dev.strela.api.model.Bar;
import dev.strela.api.model.BarClose;
import dev.strela.api.model.Context;
import dev.strela.api.model.Instrument;
import dev.strela.api.model.Signal;
import dev.strela.api.model.SignalJson;
import dev.strela.api.spi.Strategy;
import dev.strela.api.model.RunIds;
import dev.strela.datafeed.BarWindow;
import dev.strela.persistence.MarketDataRepository;
import dev.strela.persistence.SignalRepository;
import dev.strela.persistence.StrategyUniverseRepository;
import dev.strela.persistence.TradingSnapshot;
import dev.strela.persistence.TradingStateRepository;
import dev.strela.persistence.UniverseRow;

/**
 * On each BAR_CLOSE: calls every strategy bound to that instrument and timeframe (enabled rows in paper or
 * live mode), all at once on their own threads, waits for each at most the timeout, validates what they
 * return, and writes valid signals to {@code live_signals} (then notifies execution). A strategy that throws,
 * hangs or returns an invalid signal is reported and never delays the others; after too many consecutive
 * failures its row is disabled. A row whose strategy is not deployed is reported once, and again only
 * after the strategy has come back and gone again. It never creates orders.
 */
@Component(service = StrategyRunner.class, configurationPid = RunnerConfig.PID)
@Designate(ocd = RunnerConfig.class)
public final class StrategyRunner {

    private static final Logger LOG = LoggerFactory.getLogger(StrategyRunner.class);

    private final StrategyRegistry registry;
    private final StrategyUniverseRepository universe;
    private final MarketDataRepository marketData;
    private final SignalRepository signals;
    private final TradingStateRepository state;
    private final ErrorLog errors;
    private final ProducerTemplate producer;
    private final SignalValidator validator = new SignalValidator();
    private final Duration timeout;
    private final int maxFailures;
    private final BigDecimal referenceEquity;
    private final Clock clock = Clock.systemUTC();
    private final Map<Long, String> reportedMissing = new ConcurrentHashMap<>();
    private final Map<String, ReplayScope> replays = new ConcurrentHashMap<>();
    private static final long SCOPE_IDLE_NANOS = TimeUnit.MINUTES.toNanos(10);
    /** Strategy calls a replay runs at the same time. */
    private final int replayParallelism = Math.max(1, Runtime.getRuntime().availableProcessors());
    private volatile BarWindow window;
    private final AtomicInteger threads = new AtomicInteger();
    private final ExecutorService pool = Executors.newCachedThreadPool(r -> {
        Thread t = new Thread(r, "strela-strategy-" + threads.incrementAndGet());
        t.setDaemon(true);
        return t;
    });

    @Activate
    public StrategyRunner(@Reference StrategyRegistry registry, @Reference StrategyUniverseRepository universe,
                          @Reference MarketDataRepository marketData, @Reference SignalRepository signals,
                          @Reference TradingStateRepository state, @Reference ErrorLog errors,
                          @Reference CamelContext camel, RunnerConfig config) {
        this.registry = registry;
        this.universe = universe;
        this.marketData = marketData;
        this.signals = signals;
        this.state = state;
        this.errors = errors;
        this.producer = camel.createProducerTemplate();
        this.timeout = Duration.ofMillis(Math.max(1, config.timeoutMillis()));
        this.maxFailures = Math.max(1, config.maxConsecutiveFailures());
        this.referenceEquity = new BigDecimal(config.referenceEquity());
        registry.onAppear(name -> reportedMissing.values().removeIf(name::equals));
    }

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC)
    void bindWindow(BarWindow barWindow) {
        this.window = barWindow;
    }

    void unbindWindow(BarWindow barWindow) {
        if (window == barWindow) {
            window = null;
        }
    }

    @Deactivate
    void deactivate() throws Exception {
        pool.shutdownNow();
        producer.stop();
    }

    /** Runs the strategies of one closed bar; returns how many signals were stored. */
    public int onBarClose(BarClose event) {
        List<UniverseRow> rows = universe.active(event.instrumentId(), event.timeframe());
        if (rows.isEmpty()) {
            return 0;
        }
        return run(event, rows);
    }

    /**
     * The bars of a replay that closed at one minute, in the replay's order, on the replay's thread. The strategies of
     * all of them are called together, at most {@link #replayParallelism} at a time, each with its own timeout, on
     * the trading state as it was when the minute's bars closed (read for all their rows at once); then their signals
     * are decided one by one in the bars' order and, within a bar, the rows' priority order, so the same replay
     * decides the same way every time. Each signal is handed to execution on this thread
     * ({@link Endpoints#REPLAY_SIGNALS_NEW}), so when this returns its orders are placed. The run's state and signals
     * are the replay's, a signal's time is its bar's end, and a failing strategy is reported with the run without
     * counting against the row's live failure limit. The rows come with the bars, as the replay read them when it
     * started: a replay runs the configuration of its start. Returns the signals stored.
     */
    public int onReplayBarCloses(List<BarClose> events, String runId, List<UniverseRow> replayRows) {
        if (!RunIds.isReplay(runId)) {
            throw new IllegalArgumentException("run: a replay's bar needs its replay-... run id, was " + runId);
        }
        long now = System.nanoTime();
        ReplayScope scope = replays.get(runId);
        if (scope == null) {
            // replays that ended: nothing tells the runner, so a scope unused for a while goes
            replays.values().removeIf(s -> now - s.lastUsed > SCOPE_IDLE_NANOS);
            scope = replays.computeIfAbsent(runId, id -> new ReplayScope(id, replayRows));
        }
        scope.lastUsed = now;
        List<ReplayCall> work = new ArrayList<>();
        Set<Long> rowsInWork = new HashSet<>();
        int stored = 0;
        for (BarClose event : events) {
            List<UniverseRow> rows = scope.rows(event.instrumentId(), event.timeframe());
            if (rows.stream().anyMatch(row -> rowsInWork.contains(row.id()))) {
                // the same row twice in one minute (two bars of it closed at once): the earlier bar is decided first
                stored += replayCalls(work, scope);
                work.clear();
                rowsInWork.clear();
            }
            int added = work.size();
            addReplayCalls(work, event, rows, scope);
            work.subList(added, work.size()).forEach(call -> rowsInWork.add(call.row.id()));
        }
        return stored + replayCalls(work, scope);
    }

    private void addReplayCalls(List<ReplayCall> work, BarClose event, List<UniverseRow> rows, ReplayScope scope) {
        if (rows.isEmpty()) {
            return;
        }
        Optional<Instrument> instrument = scope.instruments.computeIfAbsent(event.instrumentId(), marketData::findInstrument);
        if (instrument.isEmpty()) {
            errors.record(ErrorEvent.of(ErrorCode.NO_MARKET_PRICE_FOR_SYMBOL, "instrument", event.instrumentId(),
                    "note", "not in instruments").forSymbol(event.instrumentId(), event.timeframe()).forRun(scope.runId));
            return;
        }
        for (UniverseRow row : rows) {
            Optional<Strategy> strategy = registry.find(row.strategy());
            if (strategy.isEmpty()) {
                reportMissing(row, scope);
            } else {
                work.add(new ReplayCall(event, instrument.get(), row, strategy.get()));
            }
        }
    }

    /** Calls the strategies of {@code work}, then decides what they returned in its order; a failure stops the replay. */
    private int replayCalls(List<ReplayCall> work, ReplayScope scope) {
        if (work.isEmpty()) {
            return 0;
        }
        Map<Long, String> symbolByRow = new HashMap<>();
        work.forEach(w -> symbolByRow.put(w.row.id(), w.row.symbol()));
        Map<Long, TradingSnapshot> held = state.snapshots(scope.runId, symbolByRow);
        Map<String, List<Bar>> bars = new HashMap<>();
        List<Call> calls = new ArrayList<>();
        for (ReplayCall w : work) {
            int needed = Math.max(1, w.strategy.barsNeeded());
            List<Bar> window = bars.computeIfAbsent(w.event.instrumentId() + " " + w.event.timeframe().code() + " " + needed,
                    k -> bars(w.event, needed));
            TradingSnapshot snapshot = held.get(w.row.id());
            Context context = context(w.row, w.instrument, w.event, window, snapshot,
                    snapshot.cash().orElse(referenceEquity));
            calls.add(new Call(w.row, w.strategy, context, null, scope.runId, scope));
        }
        List<Call> returned = callAll(calls);
        int stored = 0;
        for (Call call : returned) {
            stored += finish(call) ? 1 : 0;
        }
        return stored;
    }

    /**
     * Runs the calls, at most {@link #replayParallelism} at a time, each given the timeout from its start; returns
     * those that ended in time, with their futures, in the calls' order. The others are reported as timed out.
     */
    private List<Call> callAll(List<Call> calls) {
        List<Callable<Optional<Signal>>> work = calls.stream()
                .<Callable<Optional<Signal>>>map(call -> () -> call.strategy.onBar(call.context)).toList();
        List<Future<Optional<Signal>>> ended;
        try {
            ended = TimedCalls.runAll(pool, work, replayParallelism, timeout, index -> failure(calls.get(index),
                    event(ErrorCode.STRATEGY_TIMEOUT, calls.get(index), "timeoutMillis", timeout.toMillis())));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while the replay's strategies ran", e);
        }
        List<Call> inOrder = new ArrayList<>();
        for (int i = 0; i < calls.size(); i++) {
            if (ended.get(i) != null) {
                inOrder.add(calls.get(i).withFuture(ended.get(i)));
            }
        }
        return inOrder;
    }

    private int run(BarClose event, List<UniverseRow> rows) {
        Optional<Instrument> instrument = marketData.findInstrument(event.instrumentId());
        if (instrument.isEmpty()) {
            errors.record(ErrorEvent.of(ErrorCode.NO_MARKET_PRICE_FOR_SYMBOL, "instrument", event.instrumentId(),
                    "note", "not in instruments").forSymbol(event.instrumentId(), event.timeframe()));
            return 0;
        }
        ExecutorCompletionService<Optional<Signal>> completion = new ExecutorCompletionService<>(pool);
        Map<Future<Optional<Signal>>, Call> calls = start(event, instrument.get(), rows, completion);
        long deadline = System.nanoTime() + timeout.toNanos();
        int stored = 0;
        try {
            // results are handled in the order they arrive, so a slow strategy never delays a fast one
            while (!calls.isEmpty()) {
                Future<Optional<Signal>> done = completion.poll(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
                if (done == null) {
                    break;
                }
                stored += finish(calls.remove(done)) ? 1 : 0;
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        for (Call late : calls.values()) {
            late.future.cancel(true);
            failure(late, event(ErrorCode.STRATEGY_TIMEOUT, late, "timeoutMillis", timeout.toMillis()));
        }
        return stored;
    }

    private Map<Future<Optional<Signal>>, Call> start(BarClose event, Instrument instrument, List<UniverseRow> rows,
                                                      ExecutorCompletionService<Optional<Signal>> completion) {
        Map<Integer, List<Bar>> barsByCount = new HashMap<>();
        Map<Future<Optional<Signal>>, Call> calls = new HashMap<>();
        Map<String, Map<Long, TradingSnapshot>> heldByRun = new HashMap<>();
        for (UniverseRow row : rows) {
            Optional<Strategy> strategy = registry.find(row.strategy());
            if (strategy.isEmpty()) {
                reportMissing(row, null);
                continue;
            }
            String run = row.mode().code();
            try {
                int needed = Math.max(1, strategy.get().barsNeeded());
                List<Bar> bars = barsByCount.computeIfAbsent(needed, n -> bars(event, n));
                // one read per run for all of the bar's rows: they all see the same account
                TradingSnapshot held = heldByRun.computeIfAbsent(run, r -> state.snapshots(r, symbolsOfRun(rows, r)))
                        .get(row.id());
                Context context = context(row, instrument, event, bars, held, held.cash().orElse(referenceEquity));
                Strategy s = strategy.get();
                Future<Optional<Signal>> future = completion.submit(() -> s.onBar(context));
                calls.put(future, new Call(row, s, context, future, run, null));
            } catch (RuntimeException e) {
                failure(row, ErrorEvent.of(ErrorCode.INTERNAL_ERROR, "strategy", row.strategy(), "step", "context",
                        "error", e.getMessage()).withThrowable(e));
            }
        }
        return calls;
    }

    private static Map<Long, String> symbolsOfRun(List<UniverseRow> rows, String run) {
        Map<Long, String> symbolByRow = new HashMap<>();
        rows.stream().filter(r -> r.mode().code().equals(run)).forEach(r -> symbolByRow.put(r.id(), r.symbol()));
        return symbolByRow;
    }

    /** From the data feed's memory when it holds them all, else from the database. */
    private List<Bar> bars(BarClose event, int count) {
        BarWindow w = window;
        return Optional.ofNullable(w).flatMap(x -> x.barsUpTo(event.instrumentId(), event.timeframe(), event.barTime(), count))
                .orElseGet(() -> marketData.barsUpTo(event.instrumentId(), event.timeframe(), event.barTime(), count));
    }

    private static Context context(UniverseRow row, Instrument instrument, BarClose event, List<Bar> bars,
                                   TradingSnapshot held, BigDecimal equity) {
        return new Context(instrument, event.timeframe(), event.barTime(), bars, held.position(), held.activeOrders(),
                SignalJson.mapFromJson(row.paramsJson()), equity, row.riskPerTrade(), row.maxStopLossFraction(), row.id());
    }

    /** Handles one finished call; true when it stored a signal. */
    private boolean finish(Call call) {
        try {
            Optional<Signal> result = call.future.get();
            return accept(call, result == null ? Optional.empty() : result);
        } catch (ExecutionException e) {
            Throwable cause = e.getCause() == null ? e : e.getCause();
            failure(call, event(ErrorCode.STRATEGY_EXCEPTION, call, "error", cause.toString()).withThrowable(cause));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (RuntimeException e) {
            if (call.replay != null) {
                throw e;   // a replay whose signal could not be decided stops and says why, rather than go on without it
            }
            errors.record(event(ErrorCode.INTERNAL_ERROR, call, "error", e.toString()).withThrowable(e));
        }
        return false;
    }

    private boolean accept(Call call, Optional<Signal> result) {
        if (result.isEmpty()) {
            success(call);
            return false;
        }
        Signal signal = result.get();
        Optional<SignalValidator.Refusal> refusal = validator.validate(signal, call.context);
        if (refusal.isPresent()) {
            failure(call, event(ErrorCode.INVALID_SIGNAL_FORMAT, call, "field", refusal.get().field(),
                    "reason", refusal.get().reason()));
            return false;
        }
        // a replay's now is its simulated clock: the end of the bar
        Instant now = call.replay == null ? clock.instant() : call.context.barTime().plus(call.context.timeframe().duration());
        Optional<Long> id = signals.insert(call.run, call.row.id(), call.row.symbol(),
                call.context.timeframe(), now, call.context.barTime(), SignalJson.toJson(signal));
        if (id.isEmpty() && call.replay != null) {
            // a replay writes each bar's signal once; one already there means a write was repeated (e.g. a commit
            // whose answer was lost in a database outage): the replay stops and says so rather than go on without it
            throw new IllegalStateException("signal_already_stored: run=" + call.run + ", row=" + call.row.id()
                    + ", bar=" + call.context.barTime());
        }
        success(call);
        if (id.isPresent() && call.replay != null) {
            producer.sendBodyAndHeader(Endpoints.REPLAY_SIGNALS_NEW, id.get(), Endpoints.RUN_HEADER, call.run);
        } else {
            id.ifPresent(signalId -> producer.sendBody(Endpoints.SIGNALS_NEW, signalId));
        }
        return id.isPresent();
    }

    private void success(Call call) {
        if (call.replay == null) {
            success(call.row);
        }
    }

    /** A replay's failures are reported with its run and never disable the row the standing runs trade. */
    private void failure(Call call, ErrorEvent event) {
        if (call.replay == null) {
            failure(call.row, event);
        } else {
            errors.record(event.forRun(call.replay.runId));
        }
    }

    private void success(UniverseRow row) {
        if (row.consecutiveFailures() > 0) {
            universe.resetFailures(row.id());
        }
    }

    private void failure(UniverseRow row, ErrorEvent event) {
        errors.record(event);
        int failures = universe.recordFailure(row.id());
        if (failures >= maxFailures) {
            String reason = "strategy_disabled: " + failures + " consecutive failures, the last " + event.code();
            universe.setEnabled(row.id(), false, reason);
            errors.record(ErrorEvent.of(ErrorCode.STRATEGY_DISABLED, "strategy", row.strategy(), "failures", failures,
                    "last", event.code()).forRow(row.id()).forSymbol(row.symbol(), row.timeframe()));
            LOG.error("Universe row {} ({} on {} {}) disabled after {} consecutive failures; strela:universe-enable {} after fixing it",
                    row.id(), row.strategy(), row.symbol(), row.timeframe().code(), failures, row.id());
        }
    }

    private void reportMissing(UniverseRow row, ReplayScope replay) {
        if (replay != null) {
            if (replay.missing.add(row.id())) {
                errors.record(ErrorEvent.of(ErrorCode.STRATEGY_NOT_FOUND, "strategy", row.strategy(), "note",
                        "not deployed; the replay runs without it").forRow(row.id())
                        .forSymbol(row.symbol(), row.timeframe()).forRun(replay.runId));
            }
            return;
        }
        if (reportedMissing.putIfAbsent(row.id(), row.strategy()) == null) {
            errors.record(ErrorEvent.of(ErrorCode.STRATEGY_NOT_FOUND, "strategy", row.strategy(),
                    "note", "not deployed; the row waits for it").forRow(row.id()).forSymbol(row.symbol(), row.timeframe()));
        }
    }

    private static ErrorEvent event(ErrorCode code, Call call, Object... details) {
        Object[] all = new Object[details.length + 4];
        all[0] = "strategy";
        all[1] = call.row.strategy();
        all[2] = "bar";
        all[3] = call.context.barTime();
        System.arraycopy(details, 0, all, 4, details.length);
        return ErrorEvent.of(code, all).forRow(call.row.id()).forSymbol(call.row.symbol(), call.row.timeframe());
    }

    private record Call(UniverseRow row, Strategy strategy, Context context, Future<Optional<Signal>> future, String run,
                        ReplayScope replay) {

        Call withFuture(Future<Optional<Signal>> ended) {
            return new Call(row, strategy, context, ended, run, replay);
        }
    }

    /** A strategy call a replay's minute asks for. */
    private record ReplayCall(BarClose event, Instrument instrument, UniverseRow row, Strategy strategy) {
    }
}
