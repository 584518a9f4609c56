package dev.strela.persistence.internal;

import java.math.BigDecimal;
import java.sql.Array;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

import dev.strela.api.model.Order;
import dev.strela.persistence.DecisionRecord;
import dev.strela.persistence.ExecutionStore;
import dev.strela.persistence.SignalWork;
import dev.strela.persistence.StoredSignal;

/**
 * The execution layer's store through JDBI: each signal is processed in one transaction that holds the signal's
 * row lock ({@code FOR UPDATE SKIP LOCKED}), so two workers never decide on the same signal.
 */
@Component
public final class JdbiExecutionStore implements ExecutionStore {

    private static final String LOCK_SIGNAL = JdbiSignalRepository.SELECT
            + " WHERE s.id = :id AND NOT s.processed FOR UPDATE OF s SKIP LOCKED";
    private final ConnectedDatabase db;

    @Activate
    public JdbiExecutionStore(@Reference ConnectedDatabase db) {
        this.db = db;
    }

    @Override
    public List<Long> unprocessedSignals(int limit) {
        return db.withHandle(h -> h.createQuery("SELECT id FROM live_signals WHERE NOT processed"
                        + " AND run_id NOT LIKE 'replay-%' ORDER BY id LIMIT :n")
                .bind("n", limit).mapTo(Long.class).list());
    }

    @Override
    public <T> Optional<T> processSignal(long signalId, SignalWork<T> work) {
        Objects.requireNonNull(work, "work");
        return db.inTransaction(h -> {
            Optional<StoredSignal> locked = h.createQuery(LOCK_SIGNAL).bind("id", signalId)
                    .map((rs, ctx) -> JdbiSignalRepository.signal(rs)).findOne();
            if (locked.isEmpty()) {
                return Optional.<T>empty();
            }
            JdbiSignalTransaction tx = new JdbiSignalTransaction(h, locked.get());
            T result;
            try {
                result = work.apply(tx);
            } finally {
                tx.close();
            }
            if (!tx.decided()) {
                throw new IllegalStateException("signal_without_decision: signal_id=" + signalId);
            }
            return Optional.of(Objects.requireNonNull(result, () -> "work returned null: signal_id=" + signalId));
        });
    }

    @Override
    public Optional<DecisionRecord> decision(long signalId) {
        return db.withHandle(h -> h.createQuery("SELECT signal_id, run_id, decision, refusal_code, rule_set_version,"
                        + " rules_fired, facts_json::text AS facts, lots, created_at FROM decisions WHERE signal_id = :id")
                .bind("id", signalId).map((rs, ctx) -> decision(rs)).findOne());
    }

    @Override
    public List<Order> ordersOfSignal(long signalId) {
        return db.withHandle(h -> h.createQuery("SELECT * FROM live_orders WHERE signal_id = :id ORDER BY id")
                .bind("id", signalId).map((rs, ctx) -> OrderRows.order(rs)).list());
    }

    /** Locks the run's row (FOR NO KEY UPDATE, which does not block inserts referencing it) so concurrent calls queue. */
    @Override
    public void ensureAccount(String runId, String accountId, String broker, BigDecimal initialCash) {
        Objects.requireNonNull(runId, "runId");
        Objects.requireNonNull(accountId, "accountId");
        Objects.requireNonNull(broker, "broker");
        Objects.requireNonNull(initialCash, "initialCash");
        db.useTransaction(h -> {
            h.createQuery("SELECT id FROM runs WHERE id = :run FOR NO KEY UPDATE").bind("run", runId)
                    .mapTo(String.class).findOne()
                    .orElseThrow(() -> new IllegalArgumentException("run_not_found: run_id=" + runId));
            h.createUpdate("INSERT INTO accounts (id, run_id, broker, initial_cash, cash)"
                            + " SELECT :id, :run, :broker, :cash, :cash WHERE NOT EXISTS (SELECT 1 FROM accounts WHERE run_id = :run)")
                    .bind("id", accountId).bind("run", runId).bind("broker", broker).bind("cash", initialCash).execute();
        });
    }

    private static DecisionRecord decision(ResultSet rs) throws SQLException {
        Array rules = rs.getArray("rules_fired");
        return new DecisionRecord(rs.getLong("signal_id"), rs.getString("run_id"), rs.getString("decision"),
                rs.getString("refusal_code"), rs.getString("rule_set_version"), List.of((String[]) rules.getArray()),
                rs.getString("facts"), rs.getObject("lots", Long.class), rs.getTimestamp("created_at").toInstant());
    }
}
