package dev.strela.datafeed.internal.replay;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import org.apache.camel.CamelContext;
import org.apache.camel.ProducerTemplate;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import dev.strela.api.error.ErrorCode;
import dev.strela.api.error.ErrorEvent;
import dev.strela.api.error.ErrorLog;
import dev.strela.api.model.Instrument;
import dev.strela.api.model.Timeframe;
import dev.strela.api.model.TradingMode;
import dev.strela.api.model.RunIds;
import dev.strela.datafeed.Replays;
import dev.strela.persistence.MarketDataRepository;
import dev.strela.persistence.RunRepository;
import dev.strela.persistence.StrategyUniverseRepository;
import dev.strela.persistence.UniverseRow;

/**
 * {@link Replays}: checks a request, creates the run, and runs each replay on a thread of its own
 * ({@link ReplayRun}). Replays left running by a platform that stopped are marked failed at start.
 */
@Component(service = Replays.class)
public final class ReplayService implements Replays {

    private static final Logger LOG = LoggerFactory.getLogger(ReplayService.class);
    private static final ObjectMapper JSON = new ObjectMapper();
    static final String BROKER = "fake";

    private final MarketDataRepository market;
    private final StrategyUniverseRepository universe;
    private final RunRepository runs;
    private final ErrorLog errors;
    private final ReplayWindows windows;
    private final ProducerTemplate producer;
    private final Map<String, ReplayRun> started = new ConcurrentHashMap<>();

    @Activate
    public ReplayService(@Reference MarketDataRepository market, @Reference StrategyUniverseRepository universe,
                         @Reference RunRepository runs, @Reference ErrorLog errors, @Reference CamelContext camel,
                         @Reference ReplayWindows windows) {
        this.windows = windows;
        this.market = market;
        this.universe = universe;
        this.runs = runs;
        this.errors = errors;
        this.producer = camel.createProducerTemplate();
        int interrupted = runs.failInterrupted("platform_restarted: the replay was running when the platform stopped");
        if (interrupted > 0) {
            errors.record(ErrorEvent.of(ErrorCode.REPLAY_INTERRUPTED, "replays", interrupted, "note",
                    "marked failed; they keep what they wrote, their undecided signals are not sent and their working"
                            + " orders cancelled"));
        }
    }

    @Deactivate
    void deactivate() throws Exception {
        started.values().forEach(ReplayRun::cancel);
        for (ReplayRun run : started.values()) {
            run.join(Duration.ofSeconds(10));
        }
        producer.stop();
    }

    @Override
    public String start(Request request) {
        Plan plan = plan(request);
        String runId = RunIds.newReplay();
        runs.createReplay(runId, params(plan), BROKER, request.initialCash());
        ReplayRun run;
        try {
            for (UniverseRow row : plan.rows()) {
                // the strategies' history: the stored bars before the first replayed minute
                windows.open(runId, row.symbol(), row.timeframe(), market.barsUpTo(row.symbol(), row.timeframe(),
                        request.from().minusNanos(1), ReplayWindows.CAPACITY));
            }
            run = new ReplayRun(runId, plan, market, runs, errors, producer, windows);
        } catch (RuntimeException e) {
            windows.close(runId);
            runs.finish(runId, "failed", JSON.createObjectNode().put("error", "not started: " + e).toString());
            throw e;
        }
        started.put(runId, run);
        LOG.info("Replay {} starting: {} to {}, instruments {}, {} universe row(s), {} one-minute bars, cash {}", runId,
                request.from(), request.to(), plan.instrumentIds(), plan.rows().size(), plan.minutes(),
                request.initialCash().toPlainString());
        run.start();
        return runId;
    }

    /** What a request resolves to; {@link IllegalArgumentException} for anything that would make it pointless. */
    Plan plan(Request r) {
        if (r.from() == null || r.to() == null || !r.from().isBefore(r.to())) {
            throw new IllegalArgumentException("period: --from must be before --to, was " + r.from() + " .. " + r.to());
        }
        if (r.instruments() == null || r.instruments().isEmpty()) {
            throw new IllegalArgumentException("instruments: at least one instrument id or ticker is needed");
        }
        if (r.initialCash() == null || r.initialCash().signum() <= 0) {
            throw new IllegalArgumentException("initialCash: must be positive, was " + r.initialCash());
        }
        List<Instrument> instruments = new ArrayList<>();
        for (String name : new LinkedHashSet<>(r.instruments())) {
            instruments.add(market.findInstrument(name.trim()).orElseThrow(() -> new IllegalArgumentException(
                    "instrument_not_found: '" + name + "' is neither an instrument id nor a unique ticker (strela:instrument-add)")));
        }
        List<String> ids = instruments.stream().map(Instrument::id).distinct().toList();
        Set<String> strategies = r.strategies() == null ? Set.of() : new LinkedHashSet<>(r.strategies());
        List<UniverseRow> rows = universe.all().stream()
                .filter(row -> ids.contains(row.symbol()))
                .filter(row -> strategies.isEmpty() ? row.enabled() && row.mode() != TradingMode.OFF
                        : strategies.contains(row.strategy()))
                .sorted(Comparator.comparingLong(UniverseRow::id)).toList();
        if (rows.isEmpty()) {
            throw new IllegalArgumentException("no_universe_rows: no strategy_universe row of "
                    + (strategies.isEmpty() ? "an enabled paper or live strategy" : "strategies " + strategies)
                    + " on " + ids + " (strela:universe-add binds a strategy to an instrument)");
        }
        for (UniverseRow row : rows) {
            if (row.riskPerTrade() == null) {
                throw new IllegalArgumentException("row_without_risk: universe row " + row.id() + " (" + row.strategy()
                        + ") has no risk_per_trade; set it before replaying the row");
            }
        }
        long minutes = market.countBetween(ids, Timeframe.M1, r.from(), r.to());
        if (minutes == 0) {
            throw new IllegalArgumentException("no_candles: no 1-minute candles of " + ids + " from " + r.from() + " to "
                    + r.to() + " (strela:import loads them)");
        }
        return new Plan(r, ids, rows, minutes);
    }

    private static String params(Plan plan) {
        ObjectNode root = JSON.createObjectNode();
        root.put("from", plan.request().from().toString());
        root.put("to", plan.request().to().toString());
        ArrayNode instruments = root.putArray("instruments");
        plan.instrumentIds().forEach(instruments::add);
        ArrayNode strategies = root.putArray("strategies");
        plan.rows().stream().map(UniverseRow::strategy).distinct().forEach(strategies::add);
        ArrayNode rows = root.putArray("rows");
        plan.rows().forEach(row -> rows.add(row.id()));
        root.put("initialCash", plan.request().initialCash());
        root.put("minutes", plan.minutes());
        return root.toString();
    }

    @Override
    public Optional<Progress> progress(String runId) {
        return Optional.ofNullable(started.get(runId)).map(ReplayRun::progress);
    }

    @Override
    public List<Progress> all() {
        Map<String, Progress> byStart = new LinkedHashMap<>();
        started.values().stream().sorted(Comparator.comparing(ReplayRun::startedAt).reversed())
                .forEach(run -> byStart.put(run.runId(), run.progress()));
        return List.copyOf(byStart.values());
    }

    @Override
    public boolean cancel(String runId) {
        ReplayRun run = started.get(runId);
        return run != null && run.cancel();
    }

    @Override
    public Optional<Progress> await(String runId, Duration timeout) throws InterruptedException {
        ReplayRun run = started.get(runId);
        if (run == null) {
            return Optional.empty();
        }
        run.join(timeout);
        return Optional.of(run.progress());
    }

    /** A checked request: instrument ids, the universe rows to run, and the number of minutes. */
    record Plan(Request request, List<String> instrumentIds, List<UniverseRow> rows, long minutes) {

        BigDecimal initialCash() {
            return request.initialCash();
        }
    }
}
