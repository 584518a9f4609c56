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

class MoexIssCsvReaderTest {

    @TempDir
    Path dir;

    private final MoexIssCsvReader reader = new MoexIssCsvReader();

    @Test
    void read_whenColumnsShuffled_thenFoundByNameAndBeginIsMoscowTime() throws Exception {
        Path file = write("SBER_1m.csv", "begin,volume,close,end,low,value,open,high\n"
                + "2024-03-04 10:00:00,631100,296.11,2024-03-04 10:00:59,295.8,186886953.5,295.8,296.18\n");

        Collected out = read(file, "SBER");

        assertThat(out.rejections).isEmpty();
        assertThat(out.bars).containsExactly(new Bar("SBER", Timeframe.M1, Instant.parse("2024-03-04T07:00:00Z"),
                new BigDecimal("295.8"), new BigDecimal("296.18"), new BigDecimal("295.8"),
                new BigDecimal("296.11"), 631100));
        assertThat(out.lines).containsExactly(2L);
    }

    @Test
    void read_whenIssBlockWithTitleAndSemicolons_thenReadUntilBlockEnds() throws Exception {
        Path file = write("SBER.csv", "candles\n"
                + "open;close;high;low;value;volume;begin;end\n"
                + "295.8;296.11;296.18;295.8;186886953.5;631100;2024-03-04 10:00:00;2024-03-04 10:00:59\n"
                + "296.11;296;296.2;295.9;1000;500;2024-03-04 10:01:00;2024-03-04 10:01:59\n"
                + "\n"
                + "candles.cursor\n"
                + "INDEX;TOTAL;PAGESIZE\n"
                + "0;2;500\n");

        Collected out = read(file, "SBER");

        assertThat(out.rejections).isEmpty();
        assertThat(out.lines).containsExactly(3L, 4L);
        assertThat(out.bars.get(1).openTime()).isEqualTo(Instant.parse("2024-03-04T07:01:00Z"));
    }

    @Test
    void read_whenBadRows_thenRejectedWithLineAndReason() throws Exception {
        Path file = write("SBER.csv", String.join("\n",
                "open,close,high,low,value,volume,begin,end",
                "1,1,1,1,1,1,2024-03-04 10:00:00,2024-03-04 10:00:59",
                "1,1,1,1,1,1,2024-03-04 10:01:00,2024-03-04 10:02:59",
                "1,1,1,1,1,1,2024-03-04 10:03:00",
                "1,1,1,1,1,1,04.03.2024 10:04,2024-03-04 10:04:59",
                "1,1,1,2,1,1,2024-03-04 10:05:00,2024-03-04 10:05:59",
                "1,1,1,1,1,-3,2024-03-04 10:06:00,2024-03-04 10:06:59",
                "0,1,1,1,1,1,2024-03-04 10:07:00,2024-03-04 10:07:59",
                "1,1,1,1,1,1,2024-03-04 10:08:30,2024-03-04 10:08:59",
                "1,1,1,1,1,1,2024-03-04 10:09:00,2024-03-04 10:09:59") + "\n");

        Collected out = read(file, "SBER");

        assertThat(out.lines).containsExactly(2L, 10L);
        assertThat(out.rejections).containsExactly(
                new Rejection("SBER.csv", 3, "end 2024-03-04 10:02:59 is not in the minute of begin 2024-03-04 10:01:00"),
                new Rejection("SBER.csv", 4, "expected 8 fields, found 7"),
                new Rejection("SBER.csv", 5, "begin: not yyyy-MM-dd HH:mm:ss '04.03.2024 10:04'"),
                new Rejection("SBER.csv", 6, "high: 1 is below low 2"),
                new Rejection("SBER.csv", 7, "volume: negative -3"),
                new Rejection("SBER.csv", 8, "open: not positive 0"),
                new Rejection("SBER.csv", 9, "time 2024-03-04T07:08:30Z is not on a minute"));
    }

    @Test
    void read_whenNoInstrumentGiven_thenCandleFileException() throws Exception {
        Path file = write("SBER.csv", "open,close,high,low,value,volume,begin,end\n");

        assertThatThrownBy(() -> read(file, null))
                .isInstanceOf(CandleFileException.class)
                .hasMessage(file + ": MOEX ISS files do not name the instrument: give --instrument");
    }

    @Test
    void read_whenFirstCandleSpansTenMinutes_thenCandleFileException() throws Exception {
        Path file = write("SBER.csv", "open,close,high,low,value,volume,begin,end\n"
                + "1,1,1,1,1,1,2024-03-04 10:00:00,2024-03-04 10:09:59\n");

        assertThatThrownBy(() -> read(file, "SBER"))
                .isInstanceOf(CandleFileException.class)
                .hasMessage(file + ": MOEX ISS candles are not 1-minute (begin 2024-03-04 10:00:00,"
                        + " end 2024-03-04 10:09:59), only 1-minute candles (interval=1) can be imported");
    }

    @Test
    void read_whenFirstRowUnreadableAndNextSpansTenMinutes_thenNextRowDecidesForTheFile() throws Exception {
        Path file = write("SBER.csv", "open,close,high,low,value,volume,begin,end\n"
                + "1,1,1,1,1,1,2024-03-04 10:00:00\n"
                + "1,1,1,1,1,1,2024-03-04 10:10:00,2024-03-04 10:19:59\n");

        assertThatThrownBy(() -> read(file, "SBER"))
                .isInstanceOf(CandleFileException.class)
                .hasMessageContaining("MOEX ISS candles are not 1-minute (begin 2024-03-04 10:10:00");
    }

    @Test
    void read_whenNoEndColumn_thenCandleFileExceptionSaysPeriodUnknown() throws Exception {
        Path file = write("SBER_10min.csv", "begin,open,high,low,close,volume\n"
                + "2024-03-04 12:50:00+03:00,295.8,296,295,296,100\n");

        assertThatThrownBy(() -> read(file, "SBER"))
                .isInstanceOf(CandleFileException.class)
                .hasMessageStartingWith(file + ": MOEX ISS candles have no 'end' column");
    }

    @Test
    void read_whenHeaderUnknown_thenCandleFileException() throws Exception {
        Path file = write("SBER.csv", "date,open,high,low,close,volume\n2024-03-04,1,1,1,1,1\n");

        assertThatThrownBy(() -> read(file, "SBER"))
                .isInstanceOf(CandleFileException.class)
                .hasMessageStartingWith(file + ": no MOEX ISS candles header found");
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
