package dev.strela.memoryreplay;

import java.math.BigDecimal;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import dev.strela.api.model.Timeframe;
import dev.strela.api.model.TradingMode;
import dev.strela.persistence.RunRepository;
import dev.strela.persistence.StrategyUniverseRepository;
import dev.strela.persistence.UniverseRow;

/**
 * The {@code runs} and {@code strategy_universe} tables of a replay without a database: the rows are fixed at
 * construction, a run's account lives in the {@link MemoryTradingStore}. A run's report ({@code strela:report}) reads
 * the database and is not served here: its figures come from the store.
 */
public final class MemoryRuns implements RunRepository, StrategyUniverseRepository {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final MemoryTradingStore store;
    private final Clock clock;
    private final List<UniverseRow> rows;
    private final Map<String, RunRow> runs = new LinkedHashMap<>();
    private final Map<String, AccountRow> accounts = new LinkedHashMap<>();
    private final Map<Long, Integer> failures = new ConcurrentHashMap<>();

    public MemoryRuns(MemoryTradingStore store, List<UniverseRow> rows, Clock clock) {
        this.store = store;
        this.clock = clock;
        this.rows = rows.stream().sorted(Comparator.comparingLong(UniverseRow::id)).toList();
    }

    @Override
    public synchronized void createReplay(String runId, String paramsJson, String broker, BigDecimal initialCash) {
        if (runId == null || !runId.startsWith("replay-") || runs.containsKey(runId)) {
            throw new IllegalArgumentException("run: a new replay-... id expected, was " + runId);
        }
        store.createRun(runId);
        store.ensureAccount(runId, runId, broker, initialCash);
        runs.put(runId, new RunRow(runId, "replay", "running", paramsJson, clock.instant(), null));
        accounts.put(runId, new AccountRow(runId, broker, initialCash, initialCash));
    }

    @Override
    public synchronized boolean finish(String runId, String status, String resultJson) {
        RunRow run = runs.get(runId);
        if (run == null || !"running".equals(run.status())) {
            return false;
        }
        runs.put(runId, new RunRow(runId, run.kind(), status, merged(run.paramsJson(), resultJson), run.startedAt(),
                clock.instant()));
        return true;
    }

    /** The params with the result's keys added or replaced, as jsonb's {@code ||} merges two objects. */
    private static String merged(String paramsJson, String resultJson) {
        try {
            ObjectNode params = (ObjectNode) JSON.readTree(paramsJson);
            params.setAll((ObjectNode) JSON.readTree(resultJson));
            return params.toString();
        } catch (JsonProcessingException | ClassCastException e) {
            throw new IllegalArgumentException("run: params and result must be JSON objects: " + e.getMessage(), e);
        }
    }

    @Override
    public int failInterrupted(String reason) {
        return 0;
    }

    @Override
    public synchronized Optional<RunRow> find(String runId) {
        return Optional.ofNullable(runs.get(runId));
    }

    @Override
    public synchronized List<RunRow> recent(int limit) {
        List<RunRow> all = new ArrayList<>(runs.values());
        Collections.reverse(all);
        return all.subList(0, Math.min(all.size(), Math.max(0, limit)));
    }

    @Override
    public synchronized Optional<AccountRow> account(String runId) {
        AccountRow row = accounts.get(runId);
        return row == null ? Optional.empty() : Optional.of(new AccountRow(row.id(), row.broker(), row.initialCash(),
                store.cash(runId).orElse(row.cash())));
    }

    @Override
    public List<TradeRow> trades(String runId) {
        throw unsupported("trades");
    }

    @Override
    public Map<String, Long> refusals(String runId) {
        throw unsupported("refusals");
    }

    @Override
    public Map<String, Long> errors(String runId) {
        throw unsupported("errors");
    }

    @Override
    public long[] signalsAndDecisions(String runId) {
        return new long[] {store.signals(runId), store.decisions(runId)};
    }

    @Override
    public List<UniverseRow> active(String symbol, Timeframe timeframe) {
        return rows.stream().filter(r -> r.symbol().equals(symbol) && r.timeframe() == timeframe && r.enabled()
                        && (r.mode() == TradingMode.PAPER || r.mode() == TradingMode.LIVE))
                .sorted(Comparator.comparingInt(UniverseRow::priority).reversed().thenComparingLong(UniverseRow::id))
                .toList();
    }

    @Override
    public List<UniverseRow> all() {
        return rows;
    }

    @Override
    public Optional<UniverseRow> find(long id) {
        return rows.stream().filter(r -> r.id() == id).findFirst();
    }

    @Override
    public long add(String strategy, String symbol, Timeframe timeframe, TradingMode mode, String paramsJson, boolean enabled) {
        throw unsupported("add (the rows are fixed when the memory replay is built)");
    }

    @Override
    public boolean setEnabled(long id, boolean enabled, String reason) {
        throw unsupported("setEnabled (the rows are fixed when the memory replay is built)");
    }

    @Override
    public boolean setParam(long id, String key, String jsonValue) {
        throw unsupported("setParam (the rows are fixed when the memory replay is built)");
    }

    @Override
    public int recordFailure(long id) {
        return failures.merge(id, 1, Integer::sum);
    }

    @Override
    public void resetFailures(long id) {
        failures.remove(id);
    }

    private static UnsupportedOperationException unsupported(String what) {
        return new UnsupportedOperationException("memory runs: " + what + " is not kept without a database");
    }
}
