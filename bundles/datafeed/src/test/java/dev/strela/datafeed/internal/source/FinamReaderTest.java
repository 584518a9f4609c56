package dev.strela.datafeed.internal.source;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.strela.api.model.Bar;
import dev.strela.api.model.Timeframe;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FinamReaderTest {

    private static final String HEADER = "<TICKER>,<PER>,<DATE>,<TIME>,<OPEN>,<HIGH>,<LOW>,<CLOSE>,<VOL>";

    @TempDir
    Path dir;

    private final FinamReader reader = new FinamReader();

    @Test
    void read_whenCommaSeparated_thenMoscowTimeBecomesUtcAndTickerIsId() throws Exception {
        Path file = write("SBER.txt", HEADER + "\nSBER,1,20240304,100000,295.80,296.18,295.80,296.11,631100\n");

        Collected out = read(file, null);

        assertThat(out.rejections).isEmpty();
        assertThat(out.bars).containsExactly(new Bar("SBER", Timeframe.M1, Instant.parse("2024-03-04T07:00:00Z"),
                new BigDecimal("295.80"), new BigDecimal("296.18"), new BigDecimal("295.80"),
                new BigDecimal("296.11"), 631100));
        assertThat(out.lines).containsExactly(2L);
        assertThat(reader.format().volumeUnit()).isEqualTo(VolumeUnit.SHARES);
    }

    @Test
    void read_whenSemicolonSeparatedWithDecimalComma_thenSameCandle() throws Exception {
        Path file = write("SBER.csv", HEADER.replace(',', ';') + "\r\nSBER;1;20240304;100000;295,8;296,18;295,8;296,11;631100\r\n");

        Collected out = read(file, null);

        assertThat(out.rejections).isEmpty();
        assertThat(out.bars).singleElement().satisfies(bar -> {
            assertThat(bar.openTime()).isEqualTo(Instant.parse("2024-03-04T07:00:00Z"));
            assertThat(bar.open()).isEqualTo(new BigDecimal("295.8"));
            assertThat(bar.high()).isEqualTo(new BigDecimal("296.18"));
            assertThat(bar.close()).isEqualTo(new BigDecimal("296.11"));
        });
    }

    @Test
    void read_whenColumnsInAnotherOrderAndInstrumentGiven_thenFoundByNameAndOverridden() throws Exception {
        Path file = write("x.txt", "<DATE>,<TIME>,<TICKER>,<PER>,<CLOSE>,<OPEN>,<LOW>,<HIGH>,<VOL>\n"
                + "20240304,235900,SBER,1,300.5,300,299,301,10\n");

        Collected out = read(file, "e6123145");

        assertThat(out.bars).containsExactly(new Bar("e6123145", Timeframe.M1, Instant.parse("2024-03-04T20:59:00Z"),
                new BigDecimal("300"), new BigDecimal("301"), new BigDecimal("299"), new BigDecimal("300.5"), 10));
    }

    @Test
    void read_whenDateIn2012_thenMoscowWasUtcPlus4() throws Exception {
        Path file = write("old.txt", HEADER + "\nSBER,1,20120105,100000,90,90,90,90,1\n");

        assertThat(read(file, null).bars).extracting(Bar::openTime)
                .containsExactly(Instant.parse("2012-01-05T06:00:00Z"));
    }

    @Test
    void read_whenBadLines_thenEachRejectedWithReasonAndLine() throws Exception {
        Path file = write("bad.txt", String.join("\n", HEADER,
                "SBER,1,20240304,100000,1,1,1,1,1",
                "SBER,1,20240304,100100,1,1,1,1",
                "SBER,1,2024-03-04,100200,1,1,1,1,1",
                "SBER,1,20240304,10:03,1,1,1,1,1",
                "SBER,1,20240304,100430,1,1,1,1,1",
                "SBER,5,20240304,100500,1,1,1,1,1",
                "SBER,1,20240304,100600,1,1,1,abc,1",
                "SBER,1,20240304,100700,1,1,2,1,1",
                "SBER,1,20240304,100800,1,1,1,1,-3",
                "SBER,1,20240304,100900,-1,1,1,1,1",
                "SBER,1,20240304,101000,1,1,1,1,1") + "\n");

        Collected out = read(file, null);

        assertThat(out.lines).containsExactly(2L, 12L);
        assertThat(out.rejections).containsExactly(
                new Rejection("bad.txt", 3, "expected 9 fields, found 8"),
                new Rejection("bad.txt", 4, "date: not yyyyMMdd '2024-03-04'"),
                new Rejection("bad.txt", 5, "time: not HHmmss '10:03'"),
                new Rejection("bad.txt", 6, "time 2024-03-04T07:04:30Z is not on a minute"),
                new Rejection("bad.txt", 7, "period 5: only 1-minute candles (PER=1)"),
                new Rejection("bad.txt", 8, "close: not a number 'abc'"),
                new Rejection("bad.txt", 9, "high: 1 is below low 2"),
                new Rejection("bad.txt", 10, "volume: negative -3"),
                new Rejection("bad.txt", 11, "open: not positive -1"));
    }

    @Test
    void read_whenPeriodIsDaily_thenCandleFileExceptionSaysOnlyPer1() throws Exception {
        Path file = write("SBER.txt", HEADER + "\nSBER,D,20240304,000000,295.8,300,290,299,1000\n");

        assertThatThrownBy(() -> read(file, null))
                .isInstanceOf(CandleFileException.class)
                .hasMessage(file + ": Finam export has period D, only 1-minute candles (PER=1) can be imported");
    }

    @Test
    void read_whenHeaderUnknown_thenCandleFileException() throws Exception {
        Path file = write("SBER.txt", "date,open,high,low,close\n2024-03-04,1,1,1,1\n");

        assertThatThrownBy(() -> read(file, null))
                .isInstanceOf(CandleFileException.class)
                .hasMessageStartingWith(file + ": unknown header 'date,open,high,low,close', expected a Finam header");
    }

    @Test
    void read_whenNoTickerColumnAndNoInstrument_thenCandleFileException() throws Exception {
        Path file = write("SBER.txt", "<PER>,<DATE>,<TIME>,<OPEN>,<HIGH>,<LOW>,<CLOSE>,<VOL>\n1,20240304,100000,1,1,1,1,1\n");

        assertThatThrownBy(() -> read(file, null))
                .isInstanceOf(CandleFileException.class)
                .hasMessage(file + ": Finam export has no <TICKER> column: give --instrument");
        assertThat(read(file, "SBER").bars).hasSize(1);
    }

    @Test
    void read_whenFileMissing_thenCandleFileException() {
        Path missing = dir.resolve("nope.txt");

        assertThatThrownBy(() -> read(missing, null))
                .isInstanceOf(CandleFileException.class)
                .hasMessage(missing + ": no such file");
    }

    private Collected read(Path file, String instrumentId) throws IOException, CandleFileException {
        Collected out = new Collected();
        reader.read(file, instrumentId, out);
        return out;
    }

    private Path write(String name, String text) throws IOException {
        return Files.writeString(dir.resolve(name), text);
    }
}
