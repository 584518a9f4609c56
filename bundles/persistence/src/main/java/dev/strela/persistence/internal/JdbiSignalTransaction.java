package dev.strela.persistence.internal;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.Optional;

import org.jdbi.v3.core.Handle;

import dev.strela.api.model.Instrument;
import dev.strela.api.model.Order;
import dev.strela.api.model.Timeframe;
import dev.strela.api.model.RunIds;
import dev.strela.persistence.AccountSnapshot;
import dev.strela.persistence.NewDecision;
import dev.strela.persistence.NewOrder;
import dev.strela.persistence.OpenPositions;
import dev.strela.persistence.SignalTransaction;
import dev.strela.persistence.StoredSignal;
import dev.strela.persistence.TradingControl;
import dev.strela.persistence.UniverseRow;

/** A {@link SignalTransaction} on the handle that holds the signal's lock; every read queries that handle. */
final class JdbiSignalTransaction implements SignalTransaction {

    /** Entry orders open or add to a position; STOP_LOSS and TAKE_PROFIT only protect one. */
    static final String ENTRY_TYPES = "('MARKET', 'LIMIT', 'STOP')";
    /**
     * Latest 1-minute close of the symbol in {@code <alias>.symbol} before {@code :asOf}, as a LATERAL subquery
     * {@code lc}. Live and paper see the newest minute; a replay sees none after its signal's bar (no future prices).
     */
    private static final String LATEST_CLOSE = " LEFT JOIN LATERAL (SELECT c.close FROM candles_1m c"
            + " WHERE c.instrument_id = %s.symbol AND c.open_time < :asOf ORDER BY c.open_time DESC LIMIT 1) lc ON true";
    private static final Instant NO_LIMIT = Instant.parse("9999-12-31T00:00:00Z");
    private static final String ACCOUNT = "WITH a AS (SELECT id, cash FROM accounts WHERE run_id = :run ORDER BY id LIMIT 1)"
            + " SELECT a.id, a.cash,"
            + " a.cash - coalesce((SELECT sum((o.lots - o.filled_lots) * i.lot * coalesce(o.price, lc.close, 0))"
            + "   FROM live_orders o JOIN instruments i ON i.id = o.symbol" + LATEST_CLOSE.formatted("o")
            + "   WHERE o.run_id = :run AND o.side = 'BUY' AND o.status IN " + OrderRows.ACTIVE_STATUSES
            + "   AND o.order_type IN " + ENTRY_TYPES + "), 0)"
            // a short sale's proceeds are in the cash but owed back: what covering the shorts costs is not free
            + " - coalesce((SELECT sum(-p.quantity * coalesce(lc.close, p.average_price))"
            + "   FROM live_positions p" + LATEST_CLOSE.formatted("p")
            + "   WHERE p.run_id = :run AND p.quantity < 0), 0) AS free_cash,"
            + " a.cash + coalesce((SELECT sum(p.quantity * coalesce(lc.close, p.average_price))"
            + "   FROM live_positions p" + LATEST_CLOSE.formatted("p")
            + "   WHERE p.run_id = :run AND p.quantity <> 0), 0) AS equity"
            + " FROM a";
    private static final String ACTIVE_ENTRIES = "SELECT strategy_universe_id, symbol, side, lots, filled_lots FROM live_orders"
            + " WHERE run_id = :run AND status IN " + OrderRows.ACTIVE_STATUSES + " AND order_type IN " + ENTRY_TYPES;
    private static final String POSITIONS = "WITH entries AS (" + ACTIVE_ENTRIES + "),"
            + " slots AS (SELECT strategy_universe_id, symbol FROM live_positions WHERE run_id = :run AND lots <> 0"
            + "   UNION SELECT strategy_universe_id, symbol FROM entries)"
            + " SELECT (SELECT count(*) FROM slots)::int,"
            + " (SELECT count(*) FROM slots WHERE strategy_universe_id = :row)::int,"
            + " coalesce((SELECT lots FROM live_positions WHERE run_id = :run AND strategy_universe_id = :row"
            + "   AND symbol = :symbol), 0),"
            + " coalesce((SELECT sum(CASE side WHEN 'BUY' THEN lots - filled_lots ELSE filled_lots - lots END) FROM entries"
            + "   WHERE strategy_universe_id = :row AND symbol = :symbol), 0)::bigint";

    private final Handle h;
    private final StoredSignal signal;
    private boolean open = true;
    private boolean decided;

    JdbiSignalTransaction(Handle h, StoredSignal signal) {
        this.h = h;
        this.signal = signal;
    }

    @Override
    public StoredSignal signal() {
        requireOpen();
        return signal;
    }

    @Override
    public UniverseRow universeRow() {
        requireOpen();
        return h.createQuery("SELECT " + JdbiStrategyUniverseRepository.COLUMNS + " FROM strategy_universe WHERE id = :id")
                .bind("id", signal.strategyUniverseId()).map((rs, ctx) -> JdbiStrategyUniverseRepository.row(rs)).one();
    }

    @Override
    public Optional<Instrument> instrument() {
        requireOpen();
        return h.createQuery("SELECT * FROM instruments WHERE id = :id").bind("id", signal.symbol())
                .map((rs, ctx) -> JdbiMarketDataRepository.instrument(rs)).findOne();
    }

    @Override
    public Optional<BigDecimal> barClose() {
        requireOpen();
        String table = JdbiMarketDataRepository.table(Timeframe.fromCode(signal.timeframe()));
        return h.createQuery("SELECT close FROM " + table + " WHERE instrument_id = :s AND open_time = :t")
                .bind("s", signal.symbol()).bind("t", signal.barTimestamp()).mapTo(BigDecimal.class).findOne();
    }

    @Override
    public Optional<AccountSnapshot> account() {
        requireOpen();
        return h.createQuery(ACCOUNT).bind("run", signal.runId()).bind("asOf", asOf())
                .map((rs, ctx) -> new AccountSnapshot(rs.getString("id"), rs.getBigDecimal("cash"),
                        rs.getBigDecimal("free_cash"), rs.getBigDecimal("equity")))
                .findOne();
    }

    /** For a replay the end of the signal's bar (its simulated now); for the standing runs no limit. */
    private Instant asOf() {
        if (!RunIds.isReplay(signal.runId())) {
            return NO_LIMIT;
        }
        return signal.barTimestamp().plus(Timeframe.fromCode(signal.timeframe()).duration());
    }

    @Override
    public OpenPositions positions() {
        requireOpen();
        return h.createQuery(POSITIONS).bind("run", signal.runId()).bind("row", signal.strategyUniverseId())
                .bind("symbol", signal.symbol())
                .map((rs, ctx) -> new OpenPositions(rs.getInt(1), rs.getInt(2), rs.getLong(3), rs.getLong(4))).one();
    }

    @Override
    public TradingControl control() {
        requireOpen();
        if (RunIds.isReplay(signal.runId())) {
            // the live trading controls are an operator's decision about today's market, not about a replayed past
            return new TradingControl(false, false, null, null, null);
        }
        return JdbiTradingControlRepository.read(h);
    }

    @Override
    public long recordDecision(NewDecision d) {
        requireOpen();
        if (decided) {
            throw new IllegalStateException("decision_already_recorded: signal_id=" + signal.id());
        }
        long id = h.createQuery("INSERT INTO decisions (run_id, signal_id, decision, refusal_code, rule_set_version,"
                        + " rules_fired, facts_json, lots) VALUES (:run, :signal, :decision, :code, :version, :rules,"
                        + " CAST(:facts AS jsonb), :lots) RETURNING id")
                .bind("run", signal.runId()).bind("signal", signal.id()).bind("decision", d.decision())
                .bind("code", d.refusalCode()).bind("version", d.ruleSetVersion())
                .bindArray("rules", String.class, d.rulesFired()).bind("facts", d.factsJson()).bind("lots", d.lots())
                .mapTo(Long.class).one();
        h.createUpdate("UPDATE live_signals SET processed = true, processed_at = now() WHERE id = :id")
                .bind("id", signal.id()).execute();
        decided = true;
        return id;
    }

    @Override
    public Order insertOrder(NewOrder o) {
        requireOpen();
        return h.createQuery("INSERT INTO live_orders (run_id, client_order_id, signal_id, parent_order_id,"
                        + " strategy_universe_id, symbol, side, order_type, lots, price, stop_loss, take_profit, status, broker)"
                        + " VALUES (:run, :client, :signal, :parent, :row, :symbol, :side, :type, :lots, :price, :sl, :tp,"
                        + " 'NEW', :broker) RETURNING *")
                .bind("run", signal.runId()).bind("client", o.clientOrderId()).bind("signal", signal.id())
                .bind("parent", o.parentOrderId()).bind("row", signal.strategyUniverseId()).bind("symbol", signal.symbol())
                .bind("side", o.side().name()).bind("type", o.orderType()).bind("lots", o.lots())
                .bind("price", o.price()).bind("sl", o.stopLoss()).bind("tp", o.takeProfit()).bind("broker", o.broker())
                .map((rs, ctx) -> OrderRows.order(rs)).one();
    }

    boolean decided() {
        return decided;
    }

    /** Called when the work returns or throws: the handle's transaction is about to end. */
    void close() {
        open = false;
    }

    private void requireOpen() {
        if (!open) {
            throw new IllegalStateException("signal_transaction_closed: signal_id=" + signal.id());
        }
    }
}
