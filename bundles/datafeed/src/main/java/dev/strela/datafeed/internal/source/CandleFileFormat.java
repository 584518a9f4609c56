package dev.strela.datafeed.internal.source;

import java.nio.file.Path;
import java.util.Optional;

/** The historical 1-minute candle file formats Strela imports. */
public enum CandleFileFormat {

    /** Tinkoff history-data: a yearly zip of daily CSVs or one such CSV; no header, volume in lots. */
    TINKOFF(VolumeUnit.LOTS),
    /** Finam export with a {@code <TICKER>,<PER>,<DATE>,<TIME>,...} header; volume in shares. */
    FINAM(VolumeUnit.SHARES),
    /** MOEX ISS candles as CSV ({@code open,close,high,low,value,volume,begin,end}); volume in shares. */
    MOEX_ISS_CSV(VolumeUnit.SHARES),
    /** MOEX ISS candles as JSON ({@code {"candles":{"columns":[...],"data":[...]}}}); volume in shares. */
    MOEX_ISS_JSON(VolumeUnit.SHARES);

    private final VolumeUnit volumeUnit;

    CandleFileFormat(VolumeUnit volumeUnit) {
        this.volumeUnit = volumeUnit;
    }

    /** What the volume of this format's candles counts. */
    public VolumeUnit volumeUnit() {
        return volumeUnit;
    }

    /**
     * Guesses the format from the extension and the first bytes: a {@code .zip} (or zip magic) or
     * headerless {@code uid;ISO-time;...} lines are Tinkoff, a {@code <TICKER>,<PER>,...} header is
     * Finam, a CSV header naming open, close, high, low and begin is ISS CSV, and a JSON object with
     * a {@code candles} object holding {@code columns} or {@code data} is ISS JSON.
     *
     * @return empty if the file is unreadable or matches none of these
     */
    public static Optional<CandleFileFormat> detect(Path file) {
        return FormatSniffer.detect(file);
    }
}
