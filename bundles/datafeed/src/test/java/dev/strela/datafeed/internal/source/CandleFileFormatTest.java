package dev.strela.datafeed.internal.source;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CandleFileFormatTest {

    @TempDir
    Path dir;

    @Test
    void detect_whenZipExtension_thenTinkoff() throws Exception {
        assertThat(CandleFileFormat.detect(write("BBG004730N88_2024.zip", "whatever"))).contains(CandleFileFormat.TINKOFF);
    }

    @Test
    void detect_whenZipContentWithoutExtension_thenTinkoff() throws Exception {
        Path file = dir.resolve("archive.bin");
        try (ZipOutputStream zip = new ZipOutputStream(Files.newOutputStream(file))) {
            zip.putNextEntry(new ZipEntry("a.csv"));
            zip.write("x".getBytes(StandardCharsets.UTF_8));
            zip.closeEntry();
        }

        assertThat(CandleFileFormat.detect(file)).contains(CandleFileFormat.TINKOFF);
    }

    @Test
    void detect_whenHeaderlessUidAndIsoTimeLines_thenTinkoff() throws Exception {
        Path file = write("day.csv", "e6123145-9665-43e0-8413-cd61b8aa9b13;2024-03-04T07:00:00Z;295.8;296.11;296.18;295.8;63110;\n");

        assertThat(CandleFileFormat.detect(file)).contains(CandleFileFormat.TINKOFF);
    }

    @Test
    void detect_whenFinamHeaderWithEitherSeparator_thenFinam() throws Exception {
        String header = "<TICKER>,<PER>,<DATE>,<TIME>,<OPEN>,<HIGH>,<LOW>,<CLOSE>,<VOL>\n";

        assertThat(CandleFileFormat.detect(write("a.txt", header))).contains(CandleFileFormat.FINAM);
        assertThat(CandleFileFormat.detect(write("b.csv", "\uFEFF" + header.replace(',', ';'))))
                .contains(CandleFileFormat.FINAM);
    }

    @Test
    void detect_whenIssCsvHeaderInAnyOrderOrAfterBlockTitle_thenIssCsv() throws Exception {
        assertThat(CandleFileFormat.detect(write("a.csv", "begin,volume,close,end,low,value,open,high\n")))
                .contains(CandleFileFormat.MOEX_ISS_CSV);
        assertThat(CandleFileFormat.detect(write("b.csv", "candles\nopen;close;high;low;value;volume;begin;end\n")))
                .contains(CandleFileFormat.MOEX_ISS_CSV);
    }

    @Test
    void detect_whenJsonWithCandlesColumns_thenIssJson() throws Exception {
        Path file = write("SBER.json", "{\"candles\": {\"metadata\": {}, \"columns\": [\"open\"], \"data\": []}}");

        assertThat(CandleFileFormat.detect(file)).contains(CandleFileFormat.MOEX_ISS_JSON);
    }

    @Test
    void detect_whenOtherJson_thenEmpty() throws Exception {
        assertThat(CandleFileFormat.detect(write("shares.json", "[{\"figi\": \"BBG004730N88\"}]"))).isEmpty();
        assertThat(CandleFileFormat.detect(write("h.json", "{\"history\": {\"columns\": []}}"))).isEmpty();
    }

    @Test
    void detect_whenUnknownTextOrMissingFile_thenEmpty() throws Exception {
        assertThat(CandleFileFormat.detect(write("d1.txt", "datetime\topen\thigh\tlow\tclose\tvolume\n"))).isEmpty();
        assertThat(CandleFileFormat.detect(write("daily.csv", "date,open,high,low,close,volume,value,board\n"))).isEmpty();
        assertThat(CandleFileFormat.detect(dir.resolve("missing.csv"))).isEmpty();
    }

    @Test
    void volumeUnit_whenTinkoff_thenLotsElseShares() {
        assertThat(CandleFileFormat.TINKOFF.volumeUnit()).isEqualTo(VolumeUnit.LOTS);
        assertThat(CandleFileFormat.FINAM.volumeUnit()).isEqualTo(VolumeUnit.SHARES);
        assertThat(CandleFileFormat.MOEX_ISS_CSV.volumeUnit()).isEqualTo(VolumeUnit.SHARES);
        assertThat(CandleFileFormat.MOEX_ISS_JSON.volumeUnit()).isEqualTo(VolumeUnit.SHARES);
    }

    @Test
    void forFormat_whenEachFormat_thenReaderOfThatFormat() {
        for (CandleFileFormat format : CandleFileFormat.values()) {
            assertThat(CandleFileReaders.forFormat(format).format()).isEqualTo(format);
        }
    }

    @Test
    void forFile_whenHeaderUnknown_thenCandleFileException() throws Exception {
        Path file = write("prices.csv", "date,open,high,low,close\n");

        assertThatThrownBy(() -> CandleFileReaders.forFile(file))
                .isInstanceOf(CandleFileException.class)
                .hasMessageStartingWith(file + ": unknown format");
    }

    @Test
    void forFile_whenFinamFile_thenFinamReader() throws Exception {
        Path file = write("SBER.txt", "<TICKER>,<PER>,<DATE>,<TIME>,<OPEN>,<HIGH>,<LOW>,<CLOSE>,<VOL>\n");

        assertThat(CandleFileReaders.forFile(file)).isInstanceOf(FinamReader.class);
    }

    private Path write(String name, String text) throws IOException {
        return Files.writeString(dir.resolve(name), text);
    }
}
