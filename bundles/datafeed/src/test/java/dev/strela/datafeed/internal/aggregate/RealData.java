package dev.strela.datafeed.internal.aggregate;

import dev.strela.datafeed.internal.source.CandleFileException;
import dev.strela.datafeed.internal.source.CandleFileListener;
import dev.strela.datafeed.internal.source.Rejection;
import dev.strela.datafeed.internal.source.TinkoffHistoryReader;

import dev.strela.api.model.Bar;

import java.io.IOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

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

    /** All 1-minute candles of a Tinkoff history-data zip, read by the production reader, as {@code instrumentId}. */
    static List<Bar> readTinkoffZip(Path zip, String instrumentId) throws IOException {
        List<Bar> minutes = new ArrayList<>();
        try {
            new TinkoffHistoryReader().read(zip, instrumentId, new CandleFileListener() {
                @Override
                public void candle(Bar minute, long line) {
                    minutes.add(minute);
                }

                @Override
                public void rejected(Rejection rejection) {
                    throw new AssertionError("real data refused: " + rejection);
                }
            });
        } catch (CandleFileException e) {
            throw new IOException(e.getMessage(), e);
        }
        return minutes;
    }
}
