package dev.strela.persistence.internal;

import java.math.BigDecimal;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import org.jdbi.v3.core.Handle;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

import dev.strela.api.model.Timeframe;
import dev.strela.persistence.EquityHistory;
import dev.strela.persistence.internal.EquityCurve.Close;
import dev.strela.persistence.internal.EquityCurve.Fill;

/**
 * {@link EquityHistory} through JDBI: the account, positions, fills and closes are read in one REPEATABLE READ
 * transaction (one snapshot, so the fills undone are exactly those in the cash read), then {@link EquityCurve} builds
 * the points.
 */
@Component
public final class JdbiEquityHistory implements EquityHistory {

    /** At most this many closes are read for one curve (instruments times points). */
    static final int MAX_CLOSES = 2_000_000;
    private static final String MARKS_BEFORE = "SELECT i.id, c.close FROM unnest(CAST(:ids AS text[])) AS i(id)"
            + " CROSS JOIN LATERAL (SELECT close FROM candles_1m WHERE instrument_id = i.id AND open_time < :before"
            + " ORDER BY open_time DESC LIMIT 1) c";

    private final ConnectedDatabase db;

    @Activate
    public JdbiEquityHistory(@Reference ConnectedDatabase db) {
        this.db = db;
    }

    @Override
    public List<EquityPoint> equity(String runId, Timeframe step, Instant from, Instant to, int maxPoints) {
        if (maxPoints < 2) {
            throw new IllegalArgumentException("maxPoints: at least 2, was " + maxPoints);
        }
        if (from != null && to != null && !from.isBefore(to)) {
            throw new IllegalArgumentException("from: must be before to, was from=" + from + " to=" + to);
        }
        return db.inTransaction(h -> {
            h.execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ, READ ONLY");
            Optional<BigDecimal> cash = h.createQuery("SELECT cash FROM accounts WHERE run_id = :run ORDER BY id LIMIT 1")
                    .bind("run", runId).mapTo(BigDecimal.class).findOne();
            if (cash.isEmpty()) {
                return List.of();
            }
            Map<String, Long> units = new HashMap<>();
            Map<String, BigDecimal> averages = new HashMap<>();
            h.createQuery("SELECT symbol, sum(quantity), max(average_price) FROM live_positions WHERE run_id = :run"
                            + " GROUP BY symbol")
                    .bind("run", runId).map((rs, ctx) -> {
                        units.put(rs.getString(1), rs.getLong(2));
                        if (rs.getBigDecimal(3) != null) {
                            averages.put(rs.getString(1), rs.getBigDecimal(3));
                        }
                        return null;
                    }).list();
            Instant end = to != null ? to : dataEnd(h, runId, step, units.keySet());
            Instant start = from != null ? from : end.minus(step.duration().multipliedBy(maxPoints));
            if (!start.isBefore(end)) {
                throw new IllegalArgumentException("from: must be before to, was from=" + start + " to=" + end);
            }
            List<Fill> fills = fills(h, runId, start);
            Set<String> symbols = new LinkedHashSet<>();
            units.forEach((symbol, held) -> {
                if (held != 0) {
                    symbols.add(symbol);
                }
            });
            fills.forEach(f -> symbols.add(f.symbol()));
            return EquityCurve.compute(new EquityCurve.Inputs(cash.get(), units, fills, marksBefore(h, symbols, start),
                    closes(h, step, symbols, start, end), averages, start, end), maxPoints);
        });
    }

    /** The latest close of a step bar of the run's instruments, or the latest fill, whichever is later; else now. */
    private static Instant dataEnd(Handle h, String runId, Timeframe step, Set<String> symbols) {
        Instant lastFill = h.createQuery("SELECT max(executed_at) FROM live_trades WHERE run_id = :run").bind("run", runId)
                .mapTo(Timestamp.class).findOne().map(Timestamp::toInstant).orElse(null);
        Instant lastOpen = symbols.isEmpty() ? null : h.createQuery("SELECT max(b.open_time)"
                        + " FROM unnest(CAST(:ids AS text[])) AS i(id) CROSS JOIN LATERAL (SELECT open_time FROM "
                        + table(step) + " WHERE instrument_id = i.id ORDER BY open_time DESC LIMIT 1) b")
                .bind("ids", symbols.toArray(String[]::new)).mapTo(Timestamp.class).findOne()
                .map(Timestamp::toInstant).orElse(null);
        Instant lastClose = lastOpen == null ? null : lastOpen.plus(step.duration());
        if (lastFill == null && lastClose == null) {
            return Instant.now();
        }
        // the point after the last fill: the next whole second (a fill counts from the moment after it)
        Instant afterFill = lastFill == null ? null : lastFill.truncatedTo(ChronoUnit.SECONDS).plusSeconds(1);
        if (afterFill == null || lastClose == null) {
            return afterFill == null ? lastClose : afterFill;
        }
        return lastClose.isAfter(lastFill) ? lastClose : afterFill;
    }

    private static List<Fill> fills(Handle h, String runId, Instant from) {
        return h.createQuery("SELECT symbol, side, quantity, price, commission, executed_at FROM live_trades"
                        + " WHERE run_id = :run AND executed_at >= :from ORDER BY executed_at, id")
                .bind("run", runId).bind("from", from)
                .map((rs, ctx) -> new Fill(rs.getString(1), "BUY".equals(rs.getString(2)), rs.getLong(3),
                        rs.getBigDecimal(4), rs.getBigDecimal(5), rs.getTimestamp(6).toInstant()))
                .list();
    }

    private static Map<String, BigDecimal> marksBefore(Handle h, Set<String> symbols, Instant before) {
        Map<String, BigDecimal> marks = new HashMap<>();
        if (!symbols.isEmpty()) {
            h.createQuery(MARKS_BEFORE).bind("ids", symbols.toArray(String[]::new)).bind("before", before)
                    .map((rs, ctx) -> marks.put(rs.getString(1), rs.getBigDecimal(2))).list();
        }
        return marks;
    }

    /** Closes of step bars closing in {@code (from, to]}, in time order. */
    private static List<Close> closes(Handle h, Timeframe step, Set<String> symbols, Instant from, Instant to) {
        if (symbols.isEmpty()) {
            return List.of();
        }
        Duration length = step.duration();
        return h.createQuery("SELECT instrument_id, open_time, close FROM " + table(step)
                        + " WHERE instrument_id = ANY(CAST(:ids AS text[])) AND open_time > :firstOpen AND open_time <= :lastOpen"
                        + " ORDER BY open_time, instrument_id LIMIT " + MAX_CLOSES)
                .bind("ids", symbols.toArray(String[]::new)).bind("firstOpen", from.minus(length))
                .bind("lastOpen", to.minus(length))
                .map((rs, ctx) -> new Close(rs.getString(1), rs.getTimestamp(2).toInstant().plus(length),
                        rs.getBigDecimal(3)))
                .list();
    }

    private static String table(Timeframe step) {
        return "candles_" + step.code();
    }
}
