package dev.strela.persistence.internal;

import java.io.IOException;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Savepoint;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Collectors;

import org.jdbi.v3.core.Handle;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.postgresql.PGConnection;

import dev.strela.api.model.Bar;
import dev.strela.api.model.Instrument;
import dev.strela.api.model.Timeframe;
import dev.strela.persistence.MarketDataRepository;

/** Instruments and candles; 1-minute candles go in through COPY into a temporary table, then one upsert. */
@Component
public final class JdbiMarketDataRepository implements MarketDataRepository {

    private static final String STAGE = """
            CREATE TEMP TABLE IF NOT EXISTS candles_in (seq bigint, instrument_id text, open_time timestamptz,
              open numeric, high numeric, low numeric, close numeric, volume bigint, source text) ON COMMIT DELETE ROWS
            """;
    /**
     * Moves the staged rows into a candle table: the last staged row of each instrument and minute wins, a new
     * row is inserted, a changed row replaced, an identical row left alone. Returns inserted, replaced and
     * distinct staged counts.
     */
    static String merge(String table, boolean withSource) {
        String columns = "instrument_id, open_time, open, high, low, close, volume" + (withSource ? ", source" : "");
        return "WITH latest AS (SELECT DISTINCT ON (instrument_id, open_time) " + columns
                + " FROM candles_in ORDER BY instrument_id, open_time, seq DESC),"
                + " up AS (INSERT INTO " + table + " AS c (" + columns + ") SELECT * FROM latest"
                + " ON CONFLICT (instrument_id, open_time) DO UPDATE SET open = EXCLUDED.open, high = EXCLUDED.high,"
                + " low = EXCLUDED.low, close = EXCLUDED.close, volume = EXCLUDED.volume"
                + (withSource ? ", source = EXCLUDED.source" : "")
                + " WHERE (c.open, c.high, c.low, c.close, c.volume) IS DISTINCT FROM"
                + " (EXCLUDED.open, EXCLUDED.high, EXCLUDED.low, EXCLUDED.close, EXCLUDED.volume)"
                + " RETURNING (xmax = 0) AS inserted)"
                + " SELECT count(*) FILTER (WHERE inserted), count(*) FILTER (WHERE NOT inserted), (SELECT count(*) FROM latest) FROM up";
    }

    private static final String UNIQUE_VIOLATION = "23505";
    private final ConnectedDatabase db;

    /** Batches of at least this many new minutes are written by two connections at once. */
    static final int PARALLEL_ROWS = 8_000;
    private final ExecutorService secondWriter = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "strela-candle-writer");
        t.setDaemon(true);
        return t;
    });

    @Activate
    public JdbiMarketDataRepository(@Reference ConnectedDatabase db) {
        this.db = db;
    }

    @Deactivate
    void deactivate() {
        secondWriter.shutdownNow();
    }

    @Override
    public Optional<Instrument> findInstrument(String idOrTicker) {
        return db.withHandle(h -> {
            Optional<Instrument> byId = h.createQuery("SELECT * FROM instruments WHERE id = :v").bind("v", idOrTicker)
                    .map((rs, ctx) -> instrument(rs)).findOne();
            if (byId.isPresent()) {
                return byId;
            }
            List<Instrument> byTicker = h.createQuery("SELECT * FROM instruments WHERE upper(ticker) = upper(:v)")
                    .bind("v", idOrTicker).map((rs, ctx) -> instrument(rs)).list();
            return byTicker.size() == 1 ? Optional.of(byTicker.get(0)) : Optional.empty();
        });
    }

    @Override
    public void saveInstrument(Instrument i) {
        db.useHandle(h -> h.createUpdate("""
                INSERT INTO instruments (id, ticker, class_code, lot, min_price_increment, currency)
                VALUES (:id, :ticker, :classCode, :lot, :tick, :currency)
                ON CONFLICT (id) DO UPDATE SET ticker = EXCLUDED.ticker, class_code = EXCLUDED.class_code,
                  lot = EXCLUDED.lot, min_price_increment = EXCLUDED.min_price_increment, currency = EXCLUDED.currency
                """).bind("id", i.id()).bind("ticker", i.ticker()).bind("classCode", i.classCode()).bind("lot", i.lot())
                .bind("tick", i.minPriceIncrement()).bind("currency", i.currency().toLowerCase(Locale.ROOT)).execute());
    }

    @Override
    public List<Instrument> instruments() {
        return db.withHandle(h -> h.createQuery("SELECT * FROM instruments ORDER BY ticker, class_code")
                .map((rs, ctx) -> instrument(rs)).list());
    }

    @Override
    public UpsertCount upsertMinutes(List<Bar> minutes, CandleSource source) {
        if (minutes.isEmpty()) {
            return new UpsertCount(0, 0, 0);
        }
        List<Bar> unique = lastPerMinute(minutes);
        String sourceName = source.name().toLowerCase(Locale.ROOT);
        if (unique.size() < PARALLEL_ROWS) {
            return upsertUnique(unique, sourceName);
        }
        // A bulk import: PostgreSQL spends most of a COPY on the server side, one core per connection, so the two
        // halves (distinct minutes, hence distinct keys) go in through two connections at once, each in its own
        // transaction. This half is written and committed before waiting for the other, so a pool of one
        // connection still works (one after the other). An import is re-runnable: if one half fails, the other
        // may stay stored, and the exception reaches the caller.
        int middle = unique.size() / 2;
        Future<UpsertCount> second = secondWriter.submit(() -> upsertUnique(unique.subList(middle, unique.size()), sourceName));
        UpsertCount first;
        try {
            first = upsertUnique(unique.subList(0, middle), sourceName);
        } catch (RuntimeException e) {
            awaitQuietly(second);
            throw e;
        }
        UpsertCount rest = await(second);
        return new UpsertCount(first.inserted() + rest.inserted(), first.replaced() + rest.replaced(),
                first.unchanged() + rest.unchanged());
    }

    private static UpsertCount await(Future<UpsertCount> future) {
        try {
            return future.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while the second candle writer was storing its half", e);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException r) {
                throw r;
            }
            throw new IllegalStateException("second candle writer failed: " + e.getCause(), e.getCause());
        }
    }

    private static void awaitQuietly(Future<UpsertCount> future) {
        try {
            future.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (ExecutionException ignored) {
            // the first half's exception is the one reported
        }
    }

    private UpsertCount upsertUnique(List<Bar> unique, String sourceName) {
        return db.inTransaction(h -> {
            if (copyNewRows(h, unique, sourceName)) {
                return new UpsertCount(unique.size(), 0, 0);
            }
            return stageAndMerge(h, copyText(unique, sourceName, true), table(Timeframe.M1), true);
        });
    }

    /** The batch without repeated minutes: the last candle of an instrument and minute wins. */
    static List<Bar> lastPerMinute(List<Bar> minutes) {
        Map<String, Bar> byKey = new LinkedHashMap<>(minutes.size() * 2);
        for (Bar b : minutes) {
            if (b.timeframe() != Timeframe.M1) {
                throw new IllegalArgumentException("upsertMinutes: " + b.timeframe() + " bar given, 1-minute candles only");
            }
            byKey.put(b.instrumentId() + '\u0000' + b.openTime().getEpochSecond(), b);
        }
        return byKey.size() == minutes.size() ? minutes : new ArrayList<>(byKey.values());
    }

    /**
     * The fast path of an import, where every minute is new: COPY straight into {@code candles_1m}. If any
     * minute is already stored, the COPY is undone (savepoint) and false is returned for the merge path.
     */
    private static boolean copyNewRows(Handle h, List<Bar> unique, String source) {
        try {
            Connection connection = h.getConnection();
            Savepoint savepoint = connection.setSavepoint();
            try {
                connection.unwrap(PGConnection.class).getCopyAPI().copyIn(
                        "COPY candles_1m (instrument_id, open_time, open, high, low, close, volume, source) FROM STDIN",
                        new StringReader(copyText(unique, source, false)));
                connection.releaseSavepoint(savepoint);
                return true;
            } catch (SQLException e) {
                if (!UNIQUE_VIOLATION.equals(e.getSQLState())) {
                    throw e;
                }
                connection.rollback(savepoint);
                return false;
            }
        } catch (SQLException e) {
            throw new IllegalStateException("COPY into candles_1m failed: " + e.getMessage(), e);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static UpsertCount stageAndMerge(Handle h, String copyText, String table, boolean withSource) {
        h.execute(STAGE);
        h.execute("TRUNCATE candles_in");
        copyIn(h, copyText);
        return h.createQuery(merge(table, withSource)).map((rs, ctx) -> {
            long inserted = rs.getLong(1);
            long replaced = rs.getLong(2);
            long distinct = rs.getLong(3);
            return new UpsertCount(inserted, replaced, distinct - inserted - replaced);
        }).one();
    }

    private static void copyIn(Handle h, String text) {
        try {
            PGConnection pg = h.getConnection().unwrap(PGConnection.class);
            pg.getCopyAPI().copyIn("COPY candles_in FROM STDIN", new StringReader(text));
        } catch (SQLException e) {
            throw new IllegalStateException("COPY into candles_in failed: " + e.getMessage(), e);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** PostgreSQL COPY text format: tab-separated, one line per candle, in batch order (numbered for staging). */
    static String copyText(List<Bar> minutes, String source, boolean numbered) {
        StringBuilder sb = new StringBuilder(minutes.size() * 96);
        long seq = 0;
        for (Bar b : minutes) {
            if (numbered) {
                sb.append(seq++).append('\t');
            }
            sb.append(escape(b.instrumentId())).append('\t');
            appendUtc(sb, b.openTime().getEpochSecond());
            sb.append('\t')
                    .append(b.open().toPlainString()).append('\t').append(b.high().toPlainString()).append('\t')
                    .append(b.low().toPlainString()).append('\t').append(b.close().toPlainString()).append('\t')
                    .append(b.volume());
            if (source != null) {
                sb.append('\t').append(source);
            }
            sb.append('\n');
        }
        return sb.toString();
    }

    /**
     * Appends a UTC timestamp as {@code yyyy-MM-dd HH:mm:ss+00}, which PostgreSQL reads as timestamptz.
     * {@code Instant.toString()} was most of the cost of building a batch (about 3 µs a row).
     */
    static void appendUtc(StringBuilder sb, long epochSecond) {
        long days = Math.floorDiv(epochSecond, 86_400L);
        int secondOfDay = (int) Math.floorMod(epochSecond, 86_400L);
        java.time.LocalDate date = java.time.LocalDate.ofEpochDay(days);
        sb.append(date.getYear()).append('-');
        two(sb, date.getMonthValue());
        sb.append('-');
        two(sb, date.getDayOfMonth());
        sb.append(' ');
        two(sb, secondOfDay / 3600);
        sb.append(':');
        two(sb, secondOfDay / 60 % 60);
        sb.append(':');
        two(sb, secondOfDay % 60);
        sb.append("+00");
    }

    private static void two(StringBuilder sb, int value) {
        sb.append((char) ('0' + value / 10)).append((char) ('0' + value % 10));
    }

    /** Escapes what COPY's text format treats specially (backslash, tab, line breaks). */
    static String escape(String value) {
        if (value.indexOf('\\') < 0 && value.indexOf('\t') < 0 && value.indexOf('\n') < 0 && value.indexOf('\r') < 0) {
            return value;
        }
        return value.replace("\\", "\\\\").replace("\t", "\\t").replace("\n", "\\n").replace("\r", "\\r");
    }

    @Override
    public void upsertBars(List<Bar> bars) {
        if (bars.isEmpty()) {
            return;
        }
        Map<Timeframe, List<Bar>> byTimeframe = new EnumMap<>(Timeframe.class);
        for (Bar b : bars) {
            if (b.timeframe() == Timeframe.M1) {
                throw new IllegalArgumentException("upsertBars: 1-minute candles go through upsertMinutes");
            }
            byTimeframe.computeIfAbsent(b.timeframe(), tf -> new ArrayList<>()).add(b);
        }
        db.useTransaction(h -> byTimeframe.forEach((timeframe, list) ->
                stageAndMerge(h, copyText(list, "", true), table(timeframe), false)));
    }

    @Override
    public List<Bar> lastBars(String instrumentId, Timeframe timeframe, int count) {
        return barsUpTo(instrumentId, timeframe, Instant.parse("9999-12-31T00:00:00Z"), count);
    }

    @Override
    public List<Bar> barsUpTo(String instrumentId, Timeframe timeframe, Instant upTo, int count) {
        List<Bar> newestFirst = db.withHandle(h -> h.createQuery("SELECT open_time, open, high, low, close, volume FROM "
                        + table(timeframe) + " WHERE instrument_id = :i AND open_time <= :upTo ORDER BY open_time DESC LIMIT :n")
                .bind("i", instrumentId).bind("upTo", upTo).bind("n", count)
                .map((rs, ctx) -> new Bar(instrumentId, timeframe, rs.getTimestamp(1).toInstant(), rs.getBigDecimal(2),
                        rs.getBigDecimal(3), rs.getBigDecimal(4), rs.getBigDecimal(5), rs.getLong(6)))
                .list());
        List<Bar> oldestFirst = new ArrayList<>(newestFirst);
        Collections.reverse(oldestFirst);
        return oldestFirst;
    }

    @Override
    public List<Bar> barsBetween(List<String> instrumentIds, Timeframe timeframe, Instant from, Instant to, int limit) {
        if (instrumentIds.isEmpty() || limit <= 0) {
            return List.of();
        }
        Map<String, Integer> order = new HashMap<>();
        for (int i = 0; i < instrumentIds.size(); i++) {
            order.putIfAbsent(instrumentIds.get(i), i);
        }
        String[] ids = order.keySet().toArray(String[]::new);
        // Sorted here, not by the database: "= ANY" with no ORDER BY lets PostgreSQL read the period's rows in one
        // pass (for candles_1m through its open_time BRIN index) instead of one index scan per instrument and a sort: a
        // replay's day of 100 instruments reads about four times faster so.
        List<Bar> bars = db.withHandle(h -> h.createQuery("SELECT instrument_id, open_time, open, high, low, close, volume"
                        + " FROM " + table(timeframe) + " WHERE instrument_id = ANY(:ids) AND open_time >= :from"
                        + " AND open_time < :to")
                .bindArray("ids", String.class, (Object[]) ids).bind("from", from).bind("to", to)
                .map((rs, ctx) -> new Bar(rs.getString(1), timeframe, rs.getObject(2, OffsetDateTime.class).toInstant(),
                        rs.getBigDecimal(3), rs.getBigDecimal(4), rs.getBigDecimal(5), rs.getBigDecimal(6), rs.getLong(7)))
                .collect(Collectors.toCollection(ArrayList::new)));
        bars.sort(Comparator.comparing(Bar::openTime).thenComparingInt(b -> order.get(b.instrumentId())));
        if (bars.size() > limit) {
            bars.subList(limit, bars.size()).clear();
        }
        return bars;
    }

    @Override
    public long countBetween(List<String> instrumentIds, Timeframe timeframe, Instant from, Instant to) {
        if (instrumentIds.isEmpty()) {
            return 0;
        }
        return db.withHandle(h -> h.createQuery("SELECT count(*) FROM " + table(timeframe)
                        + " WHERE instrument_id = ANY(:ids) AND open_time >= :from AND open_time < :to")
                .bindArray("ids", String.class, (Object[]) instrumentIds.toArray(String[]::new)).bind("from", from)
                .bind("to", to).mapTo(Long.class).one());
    }

    @Override
    public long countBars(String instrumentId, Timeframe timeframe) {
        return db.withHandle(h -> h.createQuery("SELECT count(*) FROM " + table(timeframe) + " WHERE instrument_id = :i")
                .bind("i", instrumentId).mapTo(Long.class).one());
    }

    /** The candle table of a timeframe; the name comes from the enum, never from user input. */
    static String table(Timeframe timeframe) {
        return "candles_" + timeframe.code();
    }

    static Instrument instrument(ResultSet rs) throws SQLException {
        BigDecimal tick = rs.getBigDecimal("min_price_increment");
        return new Instrument(rs.getString("id"), rs.getString("ticker"), rs.getString("class_code"), rs.getInt("lot"),
                tick, rs.getString("currency"));
    }
}
