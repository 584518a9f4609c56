package dev.strela.datafeed.internal.source;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.strela.api.model.Bar;
import dev.strela.api.model.Timeframe;
import java.io.IOException;
import java.io.OutputStream;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TinkoffHistoryReaderTest {

    private static final String UID = "e6123145-9665-43e0-8413-cd61b8aa9b13";
    private static final String README_LINE = UID + ";2024-03-04T07:00:00Z;295.8;296.11;296.18;295.8;63110;";

    @TempDir
    Path dir;

    private final TinkoffHistoryReader reader = new TinkoffHistoryReader();

    @Test
    void read_whenReadmeExampleLine_thenColumnsAreOpenCloseHighLowAndIdIsUid() throws Exception {
        Path file = write(UID + "_20240304.csv", README_LINE + "\n");

        Collected out = read(file, null);

        assertThat(out.rejections).isEmpty();
        assertThat(out.bars).containsExactly(new Bar(UID, Timeframe.M1, Instant.parse("2024-03-04T07:00:00Z"),
                new BigDecimal("295.8"), new BigDecimal("296.18"), new BigDecimal("295.8"),
                new BigDecimal("296.11"), 63110));
        assertThat(out.lines).containsExactly(1L);
        assertThat(reader.format().volumeUnit()).isEqualTo(VolumeUnit.LOTS);
    }

    @Test
    void read_whenInstrumentGiven_thenItReplacesTheUid() throws Exception {
        Path file = write("day.csv", README_LINE + "\n");

        assertThat(read(file, "SBER").bars).extracting(Bar::instrumentId).containsExactly("SBER");
    }

    @Test
    void read_whenNoTrailingSemicolonAndBlankLines_thenAcceptedAndLinesCounted() throws Exception {
        Path file = write("day.csv", "\n" + UID + ";2024-03-04T07:01:00Z;1;2;3;1;5\n\n");

        Collected out = read(file, null);

        assertThat(out.rejections).isEmpty();
        assertThat(out.lines).containsExactly(2L);
    }

    @Test
    void read_whenBadLines_thenEachRejectedWithReasonAndLineAndReadingGoesOn() throws Exception {
        Path file = write("bad.csv", String.join("\n",
                UID + ";2024-03-04T07:00:00Z;11;11;11;11;1;",
                UID + ";2024-03-04T07:01:00Z;1;2;3;",
                UID + ";2024-03-04T07:02:00Z;abc;11;11;11;1;",
                UID + ";2024-03-04T07:03:00Z;11;11;10.5;11;1;",
                UID + ";2024-03-04T07:04:00Z;11;11;11;11;-3;",
                UID + ";2024-03-04T07:00:30Z;11;11;11;11;1;",
                UID + ";2024-03-04T07:05:00Z;11;0;11;11;1;",
                UID + ";yesterday;11;11;11;11;1;",
                UID + ";2024-03-04T07:06:00Z;11;11;11;11;1.5;",
                UID + ";2024-03-04T07:07:00Z;;11;11;11;1;",
                UID + ";2024-03-04T07:08:00Z;12;11;11.5;11;1;",
                ";2024-03-04T07:09:00Z;11;11;11;11;1;",
                UID + ";2024-03-04T07:10:00Z;11;11;11;11;1;") + "\n");

        Collected out = read(file, null);

        assertThat(out.lines).containsExactly(1L, 13L);
        assertThat(out.rejections).containsExactly(
                new Rejection("bad.csv", 2, "expected 7 fields, found 5"),
                new Rejection("bad.csv", 3, "open: not a number 'abc'"),
                new Rejection("bad.csv", 4, "high: 10.5 is below low 11"),
                new Rejection("bad.csv", 5, "volume: negative -3"),
                new Rejection("bad.csv", 6, "time 2024-03-04T07:00:30Z is not on a minute"),
                new Rejection("bad.csv", 7, "close: not positive 0"),
                new Rejection("bad.csv", 8, "time: not an ISO-8601 UTC time 'yesterday'"),
                new Rejection("bad.csv", 9, "volume: not a whole number '1.5'"),
                new Rejection("bad.csv", 10, "open: missing"),
                new Rejection("bad.csv", 11, "high: 11.5 is below open 12"),
                new Rejection("bad.csv", 12, "instrumentId: must not be blank"));
    }

    @Test
    void read_whenZipWithTwoMembersStoredOutOfOrder_thenMembersReadByNameWithMemberLineNumbers() throws Exception {
        Path zip = dir.resolve("BBG004730N88_2024.zip");
        try (ZipOutputStream out = new ZipOutputStream(Files.newOutputStream(zip))) {
            member(out, UID + "_20240305.csv", UID + ";2024-03-05T07:00:00Z;300;301;302;299;10;\n"
                    + UID + ";2024-03-05T07:01:00Z;300;301;302;299;x;\n"
                    + UID + ";2024-03-05T07:02:00Z;301;301;301;301;7;\n");
            member(out, "notes.txt", "not candles\n");
            member(out, UID + "_20240304.csv", README_LINE + "\n"
                    + UID + ";2024-03-04T07:01:00Z;296;296;296;296;\n");
        }

        Collected out = read(zip, null);

        assertThat(out.bars).extracting(Bar::openTime).containsExactly(Instant.parse("2024-03-04T07:00:00Z"),
                Instant.parse("2024-03-05T07:00:00Z"), Instant.parse("2024-03-05T07:02:00Z"));
        assertThat(out.lines).containsExactly(1L, 1L, 3L);
        assertThat(out.rejections).containsExactly(
                new Rejection("BBG004730N88_2024.zip!" + UID + "_20240304.csv", 2, "expected 7 fields, found 6"),
                new Rejection("BBG004730N88_2024.zip!" + UID + "_20240305.csv", 2, "volume: not a whole number 'x'"));
    }

    @Test
    void read_whenFileMissing_thenCandleFileExceptionNamesIt() {
        Path missing = dir.resolve("SBER_2024.zip");

        assertThatThrownBy(() -> read(missing, null))
                .isInstanceOf(CandleFileException.class)
                .hasMessage(missing + ": no such file");
    }

    @Test
    void read_whenZipExtensionButNotAZip_thenCandleFileException() throws Exception {
        Path fake = write("SBER_2024.zip", README_LINE + "\n");

        assertThatThrownBy(() -> read(fake, null))
                .isInstanceOf(CandleFileException.class)
                .hasMessageStartingWith(fake + ": not a zip archive");
    }

    @Test
    void read_whenZipHoldsNoCsv_thenCandleFileException() throws Exception {
        Path zip = dir.resolve("empty.zip");
        try (ZipOutputStream out = new ZipOutputStream(Files.newOutputStream(zip))) {
            member(out, "readme.txt", "nothing\n");
        }

        assertThatThrownBy(() -> read(zip, null))
                .isInstanceOf(CandleFileException.class)
                .hasMessage(zip + ": the zip archive holds no .csv file");
    }

    private Collected read(Path file, String instrumentId) throws IOException, CandleFileException {
        Collected out = new Collected();
        reader.read(file, instrumentId, out);
        return out;
    }

    private Path write(String name, String text) throws IOException {
        return Files.writeString(dir.resolve(name), text, StandardCharsets.UTF_8);
    }

    private static void member(ZipOutputStream zip, String name, String text) throws IOException {
        zip.putNextEntry(new ZipEntry(name));
        OutputStream out = zip;
        out.write(text.getBytes(StandardCharsets.UTF_8));
        zip.closeEntry();
    }
}
