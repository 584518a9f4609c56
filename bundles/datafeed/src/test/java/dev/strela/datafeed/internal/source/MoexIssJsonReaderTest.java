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

class MoexIssJsonReaderTest {

    @TempDir
    Path dir;

    private final MoexIssJsonReader reader = new MoexIssJsonReader();

    @Test
    void read_whenColumnsShuffledAmongOtherBlocks_thenExactDecimalsAndUtcTimes() throws Exception {
        Path file = write("SBER.json", """
                {
                "candles": {
                \t"metadata": {"open": {"type": "double"}, "begin": {"type": "datetime", "bytes": 19}},
                \t"columns": ["begin", "end", "volume", "value", "high", "low", "close", "open"],
                \t"data": [
                \t\t["2024-03-04 10:00:00", "2024-03-04 10:00:59", 631100, 186886953.5, 296.18, 295.8, 296.11, 295.8],
                \t\t["2024-03-04 10:01:00", "2024-03-04 10:01:59", 10, 2961.1, 296.110, 296.11, 296.11, 296.11]
                \t]
                },
                "candles.cursor": {"columns": ["INDEX", "TOTAL"], "data": [[0, 2]]}}
                """);

        Collected out = read(file, "SBER");

        assertThat(out.rejections).isEmpty();
        assertThat(out.bars).containsExactly(
                new Bar("SBER", Timeframe.M1, Instant.parse("2024-03-04T07:00:00Z"), new BigDecimal("295.8"),
                        new BigDecimal("296.18"), new BigDecimal("295.8"), new BigDecimal("296.11"), 631100),
                new Bar("SBER", Timeframe.M1, Instant.parse("2024-03-04T07:01:00Z"), new BigDecimal("296.11"),
                        new BigDecimal("296.110"), new BigDecimal("296.11"), new BigDecimal("296.11"), 10));
        assertThat(out.lines).containsExactly(6L, 7L);
    }

    @Test
    void read_whenBadRows_thenRejectedWithTheirLines() throws Exception {
        Path file = write("SBER.json", """
                {"candles": {"columns": ["open", "close", "high", "low", "value", "volume", "begin", "end"], "data": [
                [1, 1, 1, 1, 1, 1, "2024-03-04 10:00:00", "2024-03-04 10:00:59"],
                [1, 1, 1, 1, 1, "2024-03-04 10:01:00", "2024-03-04 10:01:59"],
                [null, 1, 1, 1, 1, 1, "2024-03-04 10:02:00", "2024-03-04 10:02:59"],
                ["abc", 1, 1, 1, 1, 1, "2024-03-04 10:03:00", "2024-03-04 10:03:59"],
                [1, 1, 1, 1, 1, 2.5, "2024-03-04 10:04:00", "2024-03-04 10:04:59"],
                [1, 1, 1, 1, 1, 1, "2024-03-04 10:05:00", "2024-03-04 10:05:59"]
                ]}}
                """);

        Collected out = read(file, "SBER");

        assertThat(out.lines).containsExactly(2L, 7L);
        assertThat(out.rejections).containsExactly(
                new Rejection("SBER.json", 3, "expected 8 fields, found 7"),
                new Rejection("SBER.json", 4, "open: missing"),
                new Rejection("SBER.json", 5, "open: not a number 'abc'"),
                new Rejection("SBER.json", 6, "volume: not a whole number '2.5'"));
    }

    @Test
    void read_whenNoInstrumentGiven_thenCandleFileException() throws Exception {
        Path file = write("SBER.json", "{\"candles\": {\"columns\": [], \"data\": []}}");

        assertThatThrownBy(() -> read(file, null))
                .isInstanceOf(CandleFileException.class)
                .hasMessage(file + ": MOEX ISS files do not name the instrument: give --instrument");
    }

    @Test
    void read_whenDailyCandles_thenCandleFileException() throws Exception {
        Path file = write("SBER.json", """
                {"candles": {"columns": ["open", "close", "high", "low", "value", "volume", "begin", "end"], "data": [
                [1, 1, 1, 1, 1, 1, "2024-03-04 00:00:00", "2024-03-04 23:59:59"]]}}
                """);

        assertThatThrownBy(() -> read(file, "SBER"))
                .isInstanceOf(CandleFileException.class)
                .hasMessageContaining("MOEX ISS candles are not 1-minute");
    }

    @Test
    void read_whenDataBeforeColumns_thenCandleFileException() throws Exception {
        Path file = write("SBER.json", "{\"candles\": {\"data\": [[1]], \"columns\": [\"open\"]}}");

        assertThatThrownBy(() -> read(file, "SBER"))
                .isInstanceOf(CandleFileException.class)
                .hasMessage(file + ": \"data\" comes before \"columns\" in \"candles\"");
    }

    @Test
    void read_whenNoCandlesObject_thenCandleFileException() throws Exception {
        Path file = write("SBER.json", "{\"history\": {\"columns\": [], \"data\": []}}");

        assertThatThrownBy(() -> read(file, "SBER"))
                .isInstanceOf(CandleFileException.class)
                .hasMessage(file + ": no \"candles\" object, expected MOEX ISS candles JSON");
    }

    @Test
    void read_whenJsonBreaksOff_thenCandleFileExceptionWithLine() throws Exception {
        Path file = write("SBER.json", """
                {"candles": {"columns": ["open", "close", "high", "low", "value", "volume", "begin", "end"], "data": [
                [1, 1, 1, 1, 1, 1, "2024-03-04 10:00:00", "2024-03-04 10:00:59"],
                [1, 1, 1,""");

        Collected out = new Collected();
        assertThatThrownBy(() -> reader.read(file, "SBER", out))
                .isInstanceOf(CandleFileException.class)
                .hasMessageStartingWith(file + ": not valid JSON at line 3");
        assertThat(out.bars).hasSize(1);
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
