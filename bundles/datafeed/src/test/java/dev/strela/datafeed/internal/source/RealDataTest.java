package dev.strela.datafeed.internal.source;

import static org.assertj.core.api.Assertions.assertThat;

import dev.strela.api.model.Bar;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestReporter;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Reads the real Tinkoff files under {@code strela.data.dir}/raw; skipped when they are absent. */
class RealDataTest {

    private static final Path RAW = Path.of(System.getProperty("strela.data.dir", "../shared/data"), "raw");
    private static final Path EMPENOSO = RAW.resolve("empenoso_SilverFir-TradingBot_backtesting");
    private static final Path STOCKS = EMPENOSO.resolve("dont_use_Backtrader/data/1min");
    private static final Path FUTURES = EMPENOSO.resolve("backtesting.py_futures_1m_separately/data/1min");
    private static final String SBER_UID = "e6123145-9665-43e0-8413-cd61b8aa9b13";
    private static final String RIH5_UID = "1d64b9b7-9ce7-4483-9e33-646950ea591a";
    private static final String SIH5_UID = "8f99f804-abc1-4339-8c51-521c3e78cd13";

    @Test
    void readSberArchive_whenFullYear_then257500CandlesInTimeOrderAndNoRejections(TestReporter reporter)
            throws Exception {
        Path zip = present(STOCKS.resolve("BBG004730N88_2024.zip"));
        assertThat(CandleFileFormat.detect(zip)).contains(CandleFileFormat.TINKOFF);
        OrderCheck check = new OrderCheck();

        long started = System.nanoTime();
        new TinkoffHistoryReader().read(zip, null, check);
        long millis = (System.nanoTime() - started) / 1_000_000;

        reporter.publishEntry("sber-2024-zip-read-ms", Long.toString(millis));
        assertThat(check.rejections).isEmpty();
        assertThat(check.count).isEqualTo(257_500);
        assertThat(check.outOfOrder).isZero();
        assertThat(check.first).isEqualTo(Instant.parse("2024-01-02T07:16:00Z"));
        assertThat(check.last).isEqualTo(Instant.parse("2024-11-08T20:49:00Z"));
        assertThat(check.ids).containsOnlyKeys(SBER_UID);
        // dealer candles off the 0.01 grid pass through unchanged (about 110 rows, README 1a)
        assertThat(check.offGrid).isBetween(100L, 120L);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({"BBG004730RP0_2024.zip, 255209", "BBG004730ZJ9_2024.zip, 248336",
            "BBG004731354_2024.zip, 256881", "BBG004S683W7_2024.zip, 231771"})
    void readOtherStockArchives_whenFullYear_thenReadmeRowCountsInTimeOrder(String name, long rows) throws Exception {
        Path zip = present(STOCKS.resolve(name));
        OrderCheck check = new OrderCheck();

        new TinkoffHistoryReader().read(zip, null, check);

        assertThat(check.rejections).isEmpty();
        assertThat(check.count).isEqualTo(rows);
        assertThat(check.outOfOrder).isZero();
        assertThat(check.last).isEqualTo(Instant.parse("2024-11-08T20:49:00Z"));
    }

    @Test
    void readFuturesCsvs_whenEachDayFile_thenReadmeRowCountsAndNoRejections() throws Exception {
        present(FUTURES);
        List<Path> files;
        try (Stream<Path> list = Files.list(FUTURES)) {
            files = list.filter(p -> p.toString().endsWith(".csv")).sorted().toList();
        }
        Map<String, OrderCheck> byInstrument = new HashMap<>();
        for (Path file : files) {
            assertThat(CandleFileFormat.detect(file)).contains(CandleFileFormat.TINKOFF);
            OrderCheck check = byInstrument.computeIfAbsent(file.getFileName().toString().substring(0, 36),
                    uid -> new OrderCheck());
            new TinkoffHistoryReader().read(file, null, check);
        }

        assertThat(files).hasSize(53);
        assertThat(byInstrument).containsOnlyKeys(RIH5_UID, SIH5_UID);
        OrderCheck rih5 = byInstrument.get(RIH5_UID);
        OrderCheck sih5 = byInstrument.get(SIH5_UID);
        assertThat(rih5.rejections).isEmpty();
        assertThat(sih5.rejections).isEmpty();
        assertThat(rih5.count).isEqualTo(24_261);
        assertThat(sih5.count).isEqualTo(21_772);
        assertThat(rih5.outOfOrder + sih5.outOfOrder).isZero();
        assertThat(rih5.first).isEqualTo(Instant.parse("2025-02-10T05:59:00Z"));
        assertThat(rih5.last).isEqualTo(Instant.parse("2025-03-19T20:49:00Z"));
        assertThat(sih5.first).isEqualTo(Instant.parse("2025-02-12T05:59:00Z"));
        assertThat(sih5.last).isEqualTo(Instant.parse("2025-03-18T20:49:00Z"));
        assertThat(rih5.ids).containsOnlyKeys(RIH5_UID);
    }

    private static Path present(Path path) {
        Assumptions.assumeTrue(Files.exists(path),
                () -> "real data not found at " + path.toAbsolutePath() + " (set -Dstrela.data.dir)");
        return path;
    }

    /** Counts candles, checks strictly rising times, and keeps every rejection. */
    private static final class OrderCheck implements CandleFileListener {
        final List<Rejection> rejections = new ArrayList<>();
        final Map<String, Long> ids = new HashMap<>();
        long count;
        long outOfOrder;
        long offGrid;
        Instant first;
        Instant last;

        @Override
        public void candle(Bar minute, long line) {
            count++;
            if (first == null) {
                first = minute.openTime();
            } else if (!minute.openTime().isAfter(last)) {
                outOfOrder++;
            }
            last = minute.openTime();
            ids.merge(minute.instrumentId(), 1L, Long::sum);
            if (Stream.of(minute.open(), minute.high(), minute.low(), minute.close())
                    .anyMatch(p -> p.scale() > 2 && p.stripTrailingZeros().scale() > 2)) {
                offGrid++;
            }
        }

        @Override
        public void rejected(Rejection rejection) {
            rejections.add(rejection);
        }
    }
}
