package dev.strela.persistence.internal;

import java.time.Instant;
import java.util.Objects;

import org.jdbi.v3.core.Handle;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

import dev.strela.persistence.TradingControl;
import dev.strela.persistence.TradingControlRepository;

/**
 * {@code trading_control} holds the current flags; a trigger of the schema appends every change, with who,
 * why and when, to {@code trading_control_log}, so the history cannot be skipped by any writer.
 */
@Component
public final class JdbiTradingControlRepository implements TradingControlRepository {

    private static final String SCOPE = "global";
    /** The error code that keeps trading stopped until a person acknowledges it. */
    static final String BLOCKING = "reconciliation_mismatch";
    private final ConnectedDatabase db;

    @Activate
    public JdbiTradingControlRepository(@Reference ConnectedDatabase db) {
        this.db = db;
    }

    @Override
    public TradingControl current() {
        return db.withHandle(JdbiTradingControlRepository::read);
    }

    @Override
    public TradingControl setStopTrading(boolean on, String reason, String who) {
        if (!on) {
            requireNothingUnacknowledged();
        }
        return change("stop_trading", on, reason, who);
    }

    @Override
    public TradingControl acknowledge(long errorId, String note, String who) {
        requireText(note, "note");
        requireText(who, "who");
        return db.inTransaction(h -> {
            String code = h.createQuery("SELECT code FROM live_errors WHERE id = :id FOR UPDATE").bind("id", errorId)
                    .mapTo(String.class).findOne()
                    .orElseThrow(() -> new IllegalArgumentException("error " + errorId + ": no such live_errors row"));
            if (!BLOCKING.equals(code)) {
                throw new IllegalArgumentException("error " + errorId + " is " + code + ": only " + BLOCKING
                        + " errors wait for an acknowledgement");
            }
            h.createUpdate("UPDATE live_errors SET acknowledged_at = now(), acknowledged_by = :who,"
                            + " message = message || ' [acknowledged: ' || :note || ']' WHERE id = :id AND acknowledged_at IS NULL")
                    .bind("who", who).bind("note", note).bind("id", errorId).execute();
            return read(h);
        });
    }

    /**
     * Stop-trading is not lifted while a {@value #BLOCKING} error waits for a person: the broker and the platform
     * disagree about positions or cash, and trading on would size against numbers that are wrong.
     */
    private void requireNothingUnacknowledged() {
        java.util.List<Long> waiting = db.withHandle(h -> h.createQuery(
                        "SELECT id FROM live_errors WHERE code = :code AND acknowledged_at IS NULL ORDER BY id")
                .bind("code", BLOCKING).mapTo(Long.class).list());
        if (!waiting.isEmpty()) {
            throw new IllegalStateException(BLOCKING + " " + waiting + " not acknowledged: check the broker's positions"
                    + " and cash against strela:positions, then strela:acknowledge <id> --note \"...\" for each");
        }
    }

    @Override
    public TradingControl setSafeMode(boolean on, String reason, String who) {
        return change("safe_mode", on, reason, who);
    }

    private TradingControl change(String flag, boolean on, String reason, String who) {
        requireText(reason, "reason");
        requireText(who, "who");
        return db.inTransaction(h -> {
            Instant now = Instant.now();
            h.createUpdate("UPDATE trading_control SET " + flag + " = :on, reason = :reason, changed_by = :who, changed_at = :at WHERE scope = :scope")
                    .bind("on", on).bind("reason", reason).bind("who", who).bind("at", now).bind("scope", SCOPE)
                    .execute();
            return read(h);
        });
    }

    static TradingControl read(Handle h) {
        return h.createQuery("SELECT stop_trading, safe_mode, reason, changed_by, changed_at FROM trading_control WHERE scope = :scope")
                .bind("scope", SCOPE)
                .map((rs, ctx) -> new TradingControl(rs.getBoolean(1), rs.getBoolean(2), rs.getString(3), rs.getString(4),
                        toInstant(rs.getTimestamp(5))))
                .findOne()
                .orElseThrow(() -> new IllegalStateException("trading_control has no '" + SCOPE + "' row: the schema migration seeds it"));
    }

    static Instant toInstant(java.sql.Timestamp ts) {
        return ts == null ? null : ts.toInstant();
    }

    private static void requireText(String value, String name) {
        if (Objects.requireNonNull(value, name + " is required").isBlank()) {
            throw new IllegalArgumentException(name + " is required");
        }
    }
}
