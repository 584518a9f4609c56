package dev.strela.console.internal.report;

import java.io.IOException;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import dev.strela.persistence.RunRepository.TradeRow;

/**
 * Writes a {@link RunReport} as {@code report.json}, {@code trades.csv}, {@code equity.csv} and {@code equity.html} (a
 * self-contained page with the equity curve as inline SVG and the figures; it opens in any browser, offline).
 */
public final class ReportFiles {

    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private ReportFiles() {
    }

    public static List<Path> write(RunReport r, Path dir) throws IOException {
        Files.createDirectories(dir);
        List<Path> files = new ArrayList<>();
        files.add(write(dir.resolve("report.json"), JSON.writeValueAsString(json(r))));
        files.add(write(dir.resolve("trades.csv"), tradesCsv(r)));
        files.add(write(dir.resolve("equity.csv"), equityCsv(r)));
        files.add(write(dir.resolve("equity.html"), html(r)));
        return files;
    }

    private static Path write(Path file, String text) throws IOException {
        Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
        Files.writeString(tmp, text, StandardCharsets.UTF_8);
        return Files.move(tmp, file, java.nio.file.StandardCopyOption.REPLACE_EXISTING, java.nio.file.StandardCopyOption.ATOMIC_MOVE);
    }

    static ObjectNode json(RunReport r) {
        ObjectNode root = JSON.createObjectNode();
        root.put("runId", r.in.runId());
        root.put("status", r.in.status());
        root.put("from", String.valueOf(r.in.from()));
        root.put("to", String.valueOf(r.in.to()));
        root.put("initialCash", r.in.initialCash());
        root.put("finalCash", r.cash);
        root.put("marketValue", r.marketValue);
        root.put("finalEquity", r.finalEquity());
        root.put("realizedPnl", r.realizedPnl);
        root.put("unrealizedPnl", r.unrealizedPnl);
        root.put("commissions", r.commissions);
        root.put("netPnl", r.finalEquity().subtract(r.in.initialCash()));
        root.put("maxDrawdown", r.maxDrawdown);
        root.put("maxDrawdownShare", r.maxDrawdownShare);
        root.put("exposure", r.exposure);
        root.put("fills", r.in.trades().size());
        root.put("roundTrips", r.roundTrips.size());
        root.put("wins", r.wins());
        root.put("winRate", r.winRate());
        root.put("signals", r.in.signals());
        root.put("decisions", r.in.decisions());
        ObjectNode refusals = root.putObject("refusalsByCode");
        r.in.refusals().forEach(refusals::put);
        ObjectNode errors = root.putObject("errorsByCode");
        r.in.errors().forEach(errors::put);
        ArrayNode mismatches = root.putArray("reconciliationMismatches");
        r.mismatches.forEach(m -> mismatches.addObject().put("what", m.what()).put("fromTrades", m.expected())
                .put("stored", m.stored()));
        ArrayNode positions = root.putArray("positions");
        r.positions.forEach(p -> positions.addObject().put("strategyUniverseId", p.strategyUniverseId())
                .put("strategy", p.strategy()).put("symbol", p.symbol()).put("quantity", p.quantity())
                .put("averagePrice", p.averagePrice()).put("mark", p.mark()).put("unrealizedPnl", p.unrealizedPnl())
                .put("realizedPnl", p.realizedPnl()).put("commission", p.commission()));
        ArrayNode trips = root.putArray("roundTripList");
        r.roundTrips.forEach(t -> trips.addObject().put("strategyUniverseId", t.strategyUniverseId())
                .put("strategy", t.strategy()).put("symbol", t.symbol()).put("opened", String.valueOf(t.opened()))
                .put("closed", String.valueOf(t.closed())).put("pnl", t.pnl()).put("commission", t.commission())
                .put("net", t.net()));
        return root;
    }

    static String tradesCsv(RunReport r) {
        StringBuilder out = new StringBuilder("executed_at,strategy,strategy_universe_id,symbol,side,order_type,lots,quantity,"
                + "price,commission,signal_bar,client_order_id\n");
        for (TradeRow t : r.in.trades()) {
            out.append(t.executedAt()).append(',').append(csv(t.strategy())).append(',').append(t.strategyUniverseId())
                    .append(',').append(csv(t.symbol())).append(',').append(t.side()).append(',').append(t.orderType())
                    .append(',').append(t.lots()).append(',').append(t.quantity()).append(',')
                    .append(t.price().toPlainString()).append(',').append(t.commission().toPlainString()).append(',')
                    .append(t.signalBar() == null ? "" : t.signalBar().toString()).append(',').append(t.clientOrderId())
                    .append('\n');
        }
        return out.toString();
    }

    static String equityCsv(RunReport r) {
        StringBuilder out = new StringBuilder("at,cash,market_value,equity,drawdown\n");
        for (RunReport.Point p : r.curve) {
            out.append(p.at()).append(',').append(money(p.cash())).append(',').append(money(p.marketValue())).append(',')
                    .append(money(p.equity())).append(',').append(money(p.drawdown())).append('\n');
        }
        return out.toString();
    }

    static String html(RunReport r) {
        int width = 960;
        int height = 360;
        StringBuilder svg = new StringBuilder();
        if (!r.curve.isEmpty()) {
            BigDecimal min = r.curve.stream().map(RunReport.Point::equity).min(BigDecimal::compareTo).orElseThrow();
            BigDecimal max = r.curve.stream().map(RunReport.Point::equity).max(BigDecimal::compareTo).orElseThrow();
            double lo = min.doubleValue();
            double span = Math.max(1e-9, max.doubleValue() - lo);
            int n = r.curve.size();
            StringBuilder points = new StringBuilder();
            for (int i = 0; i < n; i++) {
                // chart coordinates only: the figures themselves stay exact in the files
                double x = n == 1 ? 0 : 40 + (width - 50) * (double) i / (n - 1);
                double y = 10 + (height - 40) * (1 - (r.curve.get(i).equity().doubleValue() - lo) / span);
                points.append(String.format(Locale.ROOT, "%.1f,%.1f ", x, y));
            }
            svg.append("<svg xmlns='http://www.w3.org/2000/svg' width='").append(width).append("' height='").append(height)
                    .append("' role='img' aria-label='equity curve'>")
                    .append("<rect width='100%' height='100%' fill='#fff' stroke='#ccc'/>")
                    .append("<polyline fill='none' stroke='#1f6feb' stroke-width='1.5' points='").append(points).append("'/>")
                    .append("<text x='4' y='16' font-size='11'>").append(money(max)).append("</text>")
                    .append("<text x='4' y='").append(height - 26).append("' font-size='11'>").append(money(min)).append("</text>")
                    .append("<text x='40' y='").append(height - 8).append("' font-size='11'>").append(esc(String.valueOf(r.curve.get(0).at())))
                    .append("</text><text x='").append(width - 220).append("' y='").append(height - 8).append("' font-size='11'>")
                    .append(esc(String.valueOf(r.curve.get(n - 1).at()))).append("</text></svg>");
        }
        StringBuilder rows = new StringBuilder();
        row(rows, "run", r.in.runId() + " (" + r.in.status() + ")");
        row(rows, "period", r.in.from() + " .. " + r.in.to());
        row(rows, "initial cash", money(r.in.initialCash()));
        row(rows, "final equity", money(r.finalEquity()));
        row(rows, "realized / unrealized PnL", money(r.realizedPnl) + " / " + money(r.unrealizedPnl));
        row(rows, "commissions", money(r.commissions));
        row(rows, "max drawdown", money(r.maxDrawdown) + " (" + pct(r.maxDrawdownShare) + ")");
        row(rows, "fills / round trips / win rate", r.in.trades().size() + " / " + r.roundTrips.size() + " / " + pct(r.winRate()));
        row(rows, "exposure (share of time with a position)", pct(r.exposure));
        row(rows, "signals / decisions", r.in.signals() + " / " + r.in.decisions());
        row(rows, "refusals by code", codes(r.in.refusals()));
        row(rows, "errors by code", codes(r.in.errors()));
        row(rows, "reconciliation", r.mismatches.isEmpty() ? "trades, cash and positions agree to the kopeck"
                : r.mismatches.size() + " mismatch(es), see report.json");
        return "<!DOCTYPE html><html lang='en'><head><meta charset='utf-8'><title>Strela report " + esc(r.in.runId())
                + "</title><style>body{font-family:sans-serif;margin:24px}td{padding:2px 12px 2px 0}</style></head><body>"
                + "<h1>Equity curve</h1>" + svg + "<table>" + rows + "</table></body></html>\n";
    }

    private static void row(StringBuilder out, String name, String value) {
        out.append("<tr><td>").append(esc(name)).append("</td><td>").append(esc(value)).append("</td></tr>");
    }

    private static String codes(Map<String, Long> counts) {
        if (counts.isEmpty()) {
            return "none";
        }
        StringBuilder out = new StringBuilder();
        counts.forEach((k, v) -> out.append(out.length() == 0 ? "" : ", ").append(k).append(' ').append(v));
        return out.toString();
    }

    public static String money(BigDecimal v) {
        return v == null ? "" : v.setScale(2, RoundingMode.HALF_EVEN).toPlainString();
    }

    public static String pct(BigDecimal share) {
        return share.movePointRight(2).setScale(2, RoundingMode.HALF_EVEN).toPlainString() + "%";
    }

    private static String csv(String s) {
        return s == null ? "" : s.contains(",") || s.contains("\"") ? "\"" + s.replace("\"", "\"\"") + "\"" : s;
    }

    private static String esc(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("'", "&#39;");
    }
}
