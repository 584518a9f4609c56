package dev.strela.console.internal.report;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

class ReportFilesTest {

    private static final ObjectMapper JSON = new ObjectMapper().enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS);

    @TempDir
    Path dir;

    /** Added to, partly reduced, open at the end (figures in RunReportTest): final equity 100,074.10. */
    private static RunReport report() {
        Runs run = new Runs()
                .buy("10:05", 10, "100.00", "0.50")
                .buy("11:05", 30, "104.00", "1.56")
                .sell("12:05", 25, "107.00", "1.34")
                .hour("SBER", "10:00", "101.00").hour("SBER", "11:00", "105.00").hour("SBER", "12:00", "106.00");
        run.marks.put("SBER", new BigDecimal("101.50"));
        run.accountCash = new BigDecimal("98551.60");
        run.stored("SBER", 15, "103.00", "100.00", "3.40");
        return run.build();
    }

    @Test
    void write_whenReportBuilt_thenFourFilesInTheDirectory() throws Exception {
        RunReport r = report();
        Path out = dir.resolve("reports").resolve("replay-test");

        List<Path> files = ReportFiles.write(r, out);

        assertThat(files).containsExactly(out.resolve("report.json"), out.resolve("trades.csv"),
                out.resolve("equity.csv"), out.resolve("equity.html"));
        assertThat(files).allSatisfy(f -> assertThat(f).isRegularFile().isNotEmptyFile());
        try (var listing = Files.list(out)) {
            assertThat(listing.map(p -> p.getFileName().toString())).as("no temporary file left")
                    .containsExactlyInAnyOrder("report.json", "trades.csv", "equity.csv", "equity.html");
        }
    }

    @Test
    void write_whenRunHasThreeTrades_thenTradesCsvHasHeaderAndOneLinePerTrade() throws Exception {
        ReportFiles.write(report(), dir);

        List<String> lines = Files.readAllLines(dir.resolve("trades.csv"), StandardCharsets.UTF_8);
        assertThat(lines).hasSize(1 + 3);
        assertThat(lines.get(0)).isEqualTo("executed_at,strategy,strategy_universe_id,symbol,side,order_type,lots,"
                + "quantity,price,commission,signal_bar,client_order_id");
        assertThat(lines.get(1)).isEqualTo("2024-03-04T10:05:00Z,sma,1,SBER,BUY,MARKET,1,10,100.00,0.50,,c1");
        assertThat(lines.get(3)).isEqualTo("2024-03-04T12:05:00Z,sma,1,SBER,SELL,MARKET,2,25,107.00,1.34,,c3");
    }

    @Test
    void write_whenReportBuilt_thenReportJsonParsesWithTheReportsFigures() throws Exception {
        RunReport r = report();
        ReportFiles.write(r, dir);

        JsonNode json = JSON.readTree(dir.resolve("report.json").toFile());
        assertThat(json.get("runId").asText()).isEqualTo("replay-test");
        assertThat(json.get("finalEquity").decimalValue()).isEqualByComparingTo(r.finalEquity())
                .isEqualByComparingTo("100074.10");
        assertThat(json.get("realizedPnl").decimalValue()).isEqualByComparingTo("100.00");
        assertThat(json.get("unrealizedPnl").decimalValue()).isEqualByComparingTo("-22.50");
        // net 100,074.10 - 100,000.00 = 74.10
        assertThat(json.get("netPnl").decimalValue()).isEqualByComparingTo("74.10");
        assertThat(json.get("fills").asInt()).isEqualTo(3);
        assertThat(json.get("refusalsByCode").get("max_position").asLong()).isEqualTo(2);
        assertThat(json.get("reconciliationMismatches")).isEmpty();
        assertThat(json.get("positions")).singleElement().satisfies(p -> {
            assertThat(p.get("quantity").asLong()).isEqualTo(15);
            assertThat(p.get("averagePrice").decimalValue()).isEqualByComparingTo("103.00");
        });
    }

    @Test
    void write_whenReportBuilt_thenMoneyInReportJsonIsPlainDecimal() throws Exception {
        ReportFiles.write(report(), dir);

        String text = Files.readString(dir.resolve("report.json"));
        // 100,000.00 must not read as 1E+5 to someone opening the file
        assertThat(text).contains("\"initialCash\" : 100000.00").doesNotContainPattern("\\d[eE][+-]?\\d");
    }

    @Test
    void write_whenCurveHasPoints_thenEquityCsvAndHtmlChart() throws Exception {
        RunReport r = report();
        ReportFiles.write(r, dir);

        List<String> csv = Files.readAllLines(dir.resolve("equity.csv"));
        // points at 11:00, 12:00, 13:00 (hourly closes) and 18:00 (the end)
        assertThat(r.curve).hasSize(4);
        assertThat(csv).hasSize(1 + 4);
        assertThat(csv.get(0)).isEqualTo("at,cash,market_value,equity,drawdown");
        // 18:00: cash 98,551.60, 15 * 101.50 = 1522.50, equity 100,074.10
        assertThat(csv.get(4)).isEqualTo("2024-03-04T18:00:00Z,98551.60,1522.50,100074.10,"
                + ReportFiles.money(r.curve.get(3).drawdown()));
        String html = Files.readString(dir.resolve("equity.html"));
        assertThat(html).contains("<svg").contains("<polyline").contains("100074.10");
        String points = html.replaceAll("(?s).*<polyline[^>]* points='([^']*)'.*", "$1").trim();
        assertThat(points.split(" ")).hasSize(4);
    }

    @Test
    void write_whenWrittenTwice_thenFilesReplaced() throws Exception {
        ReportFiles.write(report(), dir);
        ReportFiles.write(report(), dir);

        assertThat(Files.readAllLines(dir.resolve("trades.csv"))).hasSize(4);
    }
}
