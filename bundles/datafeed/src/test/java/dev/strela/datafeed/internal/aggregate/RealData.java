package dev.strela.datafeed.internal.aggregate;

import dev.strela.api.model.Bar;
import dev.strela.api.model.Timeframe;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;

/**
 * Small private readers for the shared real-data files (the production file readers live elsewhere).
 * The folder is {@code -Dstrela.data.dir}, default {@code ../shared/data}; tests skip when it is absent.
 */
final class RealData {

    static final String ISS_DIR = "raw/XCemaXX_moex-momentum/data/prices_iss";
    static final String TINKOFF_DIR = "raw/empenoso_SilverFir-TradingBot_backtesting/dont_use_Backtrader/data/1min";

    private RealData() {
    }

    static Path dir() {
        return Path.of(System.getProperty("strela.data.dir", "../shared/data"));
    }

    /** One ISS daily bar; volume in shares. */
    record IssBar(LocalDate date, BigDecimal open, BigDecimal high, BigDecimal low, BigDecimal close, long volume) {
    }

    /** ISS daily bars of board TQBR ({@code date,open,high,low,close,volume,value,board}), by date. */
    static Map<LocalDate, IssBar> readIssDaily(Path csv) throws IOException {
        Map<LocalDate, IssBar> bars = new TreeMap<>();
        List<String> lines = Files.readAllLines(csv, StandardCharsets.UTF_8);
        for (String line : lines.subList(1, lines.size())) {
            String[] f = line.split(",");
            if (f.length >= 8 && f[7].trim().equals("TQBR")) {
                LocalDate date = LocalDate.parse(f[0]);
                bars.put(date, new IssBar(date, new BigDecimal(f[1]), new BigDecimal(f[2]), new BigDecimal(f[3]),
                        new BigDecimal(f[4]), new BigDecimal(f[5]).longValueExact()));
            }
        }
        return bars;
    }

    /**
     * All 1-minute candles of a Tinkoff history-data zip (daily CSVs, no header,
     * {@code uid;time_utc;open;close;high;low;volume;}), in file order, as {@code instrumentId}.
     */
    static List<Bar> readTinkoffZip(Path zip, String instrumentId) throws IOException {
        List<Bar> minutes = new ArrayList<>();
        try (ZipInputStream in = new ZipInputStream(Files.newInputStream(zip))) {
            for (ZipEntry e = in.getNextEntry(); e != null; e = in.getNextEntry()) {
                BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
                for (String line = reader.readLine(); line != null; line = reader.readLine()) {
                    if (!line.isBlank()) {
                        minutes.add(parseTinkoff(line, instrumentId));
                    }
                }
            }
        }
        return minutes;
    }

    private static Bar parseTinkoff(String line, String instrumentId) {
        String[] f = line.split(";");
        return new Bar(instrumentId, Timeframe.M1, Instant.parse(f[1]), new BigDecimal(f[2]), new BigDecimal(f[4]),
                new BigDecimal(f[5]), new BigDecimal(f[3]), Long.parseLong(f[6]));
    }
}
