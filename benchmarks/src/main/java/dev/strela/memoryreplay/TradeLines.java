package dev.strela.memoryreplay;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;

/**
 * One line per fill, the same from the memory store and from {@code live_trades}, and an MD5 over a run's lines: two
 * replays gave the same fills when their digests are equal. The SQL that gives the same digest for a stored run:
 * <pre>
 * SELECT count(*), md5(string_agg(symbol||'|'||side||'|'||lots||'|'||quantity||'|'||trim_scale(price)||'|'
 *   ||trim_scale(commission)||'|'||to_char(executed_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"'), E'\n'
 *   ORDER BY executed_at, id)) FROM live_trades WHERE run_id = :run
 * </pre>
 */
public final class TradeLines {

    private TradeLines() {
    }

    /** Prices and commissions without trailing zeros, so the same amount reads the same at any scale. */
    public static String line(String symbol, String side, long lots, long quantity, BigDecimal price, BigDecimal commission,
                              Instant executedAt) {
        return symbol + "|" + side + "|" + lots + "|" + quantity + "|" + plain(price) + "|" + plain(commission) + "|"
                + executedAt;
    }

    /** The memory store's fills in {@code live_trades}' execution order (time, then insert order), a line each. */
    public static List<String> of(List<MemoryTradingStore.Trade> trades) {
        return trades.stream().sorted(Comparator.comparing(MemoryTradingStore.Trade::executedAt))
                .map(t -> line(t.symbol(), t.side().name(), t.lots(), t.quantity(), t.price(), t.commission(), t.executedAt()))
                .toList();
    }

    /** The lines in execution order, joined by newlines, as MD5 hex. */
    public static String md5(List<String> lines) {
        try {
            MessageDigest md5 = MessageDigest.getInstance("MD5");
            return HexFormat.of().formatHex(md5.digest(String.join("\n", lines).getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** An amount without trailing zeros ({@code "null"} for none), so equal amounts read the same at any scale. */
    static String plain(BigDecimal v) {
        if (v == null) {
            return "null";
        }
        return v.signum() == 0 ? "0" : v.stripTrailingZeros().toPlainString();
    }
}
