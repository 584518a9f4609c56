package dev.strela.strategy.testkit;

import dev.strela.api.model.Bar;
import dev.strela.api.model.Instrument;
import dev.strela.api.model.Timeframe;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import org.ta4j.core.BarSeries;
import org.ta4j.core.BaseBarSeries;
import org.ta4j.core.num.DecimalNum;

/**
 * Daily MOEX ISS bars from the shared data folder ({@code -Dstrela.data.dir}, default
 * {@code ../../../shared/data} from this module); tests skip when the file is absent.
 */
public final class RealData {

    public static final Instrument SBER = new Instrument("sber-uid", "SBER", "TQBR", 10, new BigDecimal("0.01"), "RUB");
    private static final String ISS_DAILY = "raw/XCemaXX_moex-momentum/data/prices_iss/%s.csv";
    private static final ZoneId MOSCOW = ZoneId.of("Europe/Moscow");

    private RealData() {
    }

    public static Path issDaily(String ticker) {
        return Path.of(System.getProperty("strela.data.dir", "../../../shared/data"), ISS_DAILY.formatted(ticker));
    }

    /**
     * Rows of board TQBR of an ISS daily file ({@code date,open,high,low,close,volume,value,board}) as
     * D1 bars opening at 00:00 MSK, oldest first; volume in shares.
     */
    public static List<Bar> readTqbr(Path csv, Instrument instrument) throws IOException {
        List<String> lines = Files.readAllLines(csv, StandardCharsets.UTF_8);
        if (lines.isEmpty() || !lines.get(0).startsWith("date,open,high,low,close,volume,value,board")) {
            throw new IOException(csv + ": unexpected header " + (lines.isEmpty() ? "(empty file)" : lines.get(0)));
        }
        List<Bar> bars = new ArrayList<>();
        for (String line : lines.subList(1, lines.size())) {
            String[] f = line.split(",");
            if (f.length >= 8 && f[7].trim().equals("TQBR")) {
                bars.add(new Bar(instrument.id(), Timeframe.D1, LocalDate.parse(f[0]).atStartOfDay(MOSCOW).toInstant(),
                        new BigDecimal(f[1]), new BigDecimal(f[2]), new BigDecimal(f[3]), new BigDecimal(f[4]),
                        new BigDecimal(f[5]).longValueExact()));
            }
        }
        return bars;
    }

    /**
     * The reference series a strategy's replay is compared with: the whole history in one ta4j series,
     * built here on purpose without the strategies' own {@code Ta4jBars}, so a mistake there cannot
     * also be in the reference.
     */
    public static BarSeries referenceSeries(String name, List<Bar> bars) {
        BarSeries full = new BaseBarSeries(name, DecimalNum.ZERO);
        for (Bar bar : bars) {
            full.addBar(bar.timeframe().duration(), bar.closeTime().atZone(ZoneOffset.UTC),
                    DecimalNum.valueOf(bar.open().toPlainString()), DecimalNum.valueOf(bar.high().toPlainString()),
                    DecimalNum.valueOf(bar.low().toPlainString()), DecimalNum.valueOf(bar.close().toPlainString()),
                    DecimalNum.valueOf(bar.volume()), DecimalNum.ZERO);
        }
        return full;
    }
}
