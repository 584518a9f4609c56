package dev.strela.persistence.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import dev.strela.api.model.Bar;
import dev.strela.api.model.Instrument;
import dev.strela.api.model.Timeframe;
import dev.strela.persistence.MarketDataRepository.CandleSource;
import dev.strela.persistence.MarketDataRepository.UpsertCount;

class JdbiMarketDataRepositoryTest {

    private static final Instrument SBER = new Instrument("e6123145-9665-43e0-8413-cd61b8aa9b13", "SBER", "TQBR", 10,
            new BigDecimal("0.01"), "rub");
    private static final Instrument LKOH = new Instrument("02cfdf61-6298-4c0f-a9ca-9cabc82afaf3", "LKOH", "TQBR", 1,
            new BigDecimal("0.5"), "rub");
    private static final Instant T0 = Instant.parse("2024-03-04T07:00:00Z");
    private static TestDatabase database;
    private static JdbiMarketDataRepository repo;

    @BeforeAll
    static void start() throws Exception {
        database = TestDatabase.start();
        repo = new JdbiMarketDataRepository(database.db);
        repo.saveInstrument(SBER);
        repo.saveInstrument(LKOH);
    }

    @AfterAll
    static void stop() throws Exception {
        database.close();
    }

    @BeforeEach
    void clean() {
        database.jdbi().useHandle(h -> h.execute("TRUNCATE candles_1m, candles_5m"));
    }

    @Test
    void upsertMinutes_whenSameMinuteTwice_thenOneRowAndSecondIsUnchanged() {
        UpsertCount first = repo.upsertMinutes(List.of(minute(0, "295.8")), CandleSource.FILE);
        UpsertCount second = repo.upsertMinutes(List.of(minute(0, "295.8")), CandleSource.FILE);

        assertThat(first).isEqualTo(new UpsertCount(1, 0, 0));
        assertThat(second).isEqualTo(new UpsertCount(0, 0, 1));
        assertThat(count()).isEqualTo(1);
    }

    @Test
    void upsertMinutes_whenCorrectedCandle_thenReplacesStoredValues() {
        repo.upsertMinutes(List.of(minute(0, "295.8")), CandleSource.FILE);

        UpsertCount corrected = repo.upsertMinutes(List.of(minute(0, "296.01")), CandleSource.TINKOFF);

        assertThat(corrected).isEqualTo(new UpsertCount(0, 1, 0));
        assertThat(repo.lastBars(SBER.id(), Timeframe.M1, 1).get(0).close()).isEqualByComparingTo("296.01");
    }

    @Test
    void upsertMinutes_whenDuplicateInsideOneBatch_thenLastOneWins() {
        UpsertCount count = repo.upsertMinutes(List.of(minute(0, "295.8"), minute(1, "295.9"), minute(0, "295.85")),
                CandleSource.FILE);

        assertThat(count.inserted()).isEqualTo(2);
        assertThat(repo.lastBars(SBER.id(), Timeframe.M1, 2)).extracting(Bar::close)
                .usingElementComparator(BigDecimal::compareTo)
                .containsExactly(new BigDecimal("295.85"), new BigDecimal("295.9"));
    }

    @Test
    void upsertMinutes_whenUnknownInstrument_thenRefusedAndNothingStored() {
        Bar unknown = new Bar("nope", Timeframe.M1, T0, BigDecimal.ONE, BigDecimal.ONE, BigDecimal.ONE, BigDecimal.ONE, 1);

        assertThatThrownBy(() -> repo.upsertMinutes(List.of(minute(0, "295.8"), unknown), CandleSource.FILE))
                .hasMessageContaining("instrument");
        assertThat(count()).isZero();
    }

    @Test
    void upsertBars_thenLastBarsOldestFirstWithExactDecimals() {
        Bar first = new Bar(SBER.id(), Timeframe.M5, T0, new BigDecimal("295.80"), new BigDecimal("296.18"),
                new BigDecimal("295.70"), new BigDecimal("296.11"), 1234);
        Bar second = new Bar(SBER.id(), Timeframe.M5, T0.plusSeconds(300), new BigDecimal("296.11"), new BigDecimal("296.50"),
                new BigDecimal("296.00"), new BigDecimal("296.40"), 99);

        repo.upsertBars(List.of(second, first));
        repo.upsertBars(List.of(second));

        assertThat(repo.lastBars(SBER.id(), Timeframe.M5, 10)).containsExactly(first, second);
        assertThat(repo.countBars(SBER.id(), Timeframe.M5)).isEqualTo(2);
    }

    @Test
    void findInstrument_byIdOrTicker_thenFound() {
        assertThat(repo.findInstrument(SBER.id())).contains(SBER);
        assertThat(repo.findInstrument("sber")).contains(SBER);
        assertThat(repo.findInstrument("GAZP")).isEmpty();
    }

    @Test
    void appendUtc_thenPostgresTimestampOfThatInstant() {
        StringBuilder sb = new StringBuilder();
        JdbiMarketDataRepository.appendUtc(sb, Instant.parse("2024-03-04T07:05:09Z").getEpochSecond());
        assertThat(sb).hasToString("2024-03-04 07:05:09+00");
        sb.setLength(0);
        JdbiMarketDataRepository.appendUtc(sb, Instant.parse("1999-12-31T23:59:00Z").getEpochSecond());
        assertThat(sb).hasToString("1999-12-31 23:59:00+00");
    }

    @Test
    void escape_whenTabOrBackslash_thenCopyTextStaysOneField() {
        assertThat(JdbiMarketDataRepository.escape("a\tb\\c")).isEqualTo("a\\tb\\\\c");
        assertThat(JdbiMarketDataRepository.escape("SBER")).isEqualTo("SBER");
    }

    @Test
    void upsertMinutes_whenBulkBatchWrittenByTwoConnections_thenCountsAddUpAndRerunIsIdempotent() {
        int n = JdbiMarketDataRepository.PARALLEL_ROWS + 1_001;
        List<Bar> batch = new java.util.ArrayList<>();
        for (int i = 0; i < n; i++) {
            batch.add(minute(i, i % 2 == 0 ? "295.9" : "295.7"));
        }
        assertThat(repo.upsertMinutes(batch, CandleSource.FILE)).isEqualTo(new UpsertCount(n, 0, 0));
        assertThat(count()).isEqualTo(n);

        // the same file again, with one corrected candle in each half
        batch.set(10, minute(10, "300.0"));
        batch.set(n - 10, minute(n - 10, "301.0"));
        assertThat(repo.upsertMinutes(batch, CandleSource.FILE)).isEqualTo(new UpsertCount(0, 2, n - 2));
        assertThat(count()).isEqualTo(n);
        long corrected = database.jdbi().withHandle(h -> h.createQuery(
                "SELECT count(*) FROM candles_1m WHERE close IN (300.0, 301.0)").mapTo(Long.class).one());
        assertThat(corrected).isEqualTo(2);
    }

    @Test
    void barsBetween_whenTwoInstruments_thenHalfOpenRangeInTimeOrderAndIdsOrderWithinAMoment() {
        Bar sber0 = minute(0, "295.8");
        Bar sber1 = minute(1, "295.9");
        Bar sber2 = minute(2, "296.1");
        Bar sber3 = minute(3, "296.0");
        Bar lkoh0 = minute(LKOH, 0, "7100.5");
        Bar lkoh2 = minute(LKOH, 2, "7101");    // no LKOH candle in minute 1
        Bar lkoh3 = minute(LKOH, 3, "7099.5");
        repo.upsertMinutes(List.of(sber3, lkoh3, sber0, lkoh2, sber2, lkoh0, sber1), CandleSource.FILE);
        Instant from = T0.plusSeconds(60);
        Instant to = T0.plusSeconds(180);   // exclusive: minute 3 is left out, as minute 0 before from

        assertThat(repo.barsBetween(List.of(LKOH.id(), SBER.id()), Timeframe.M1, from, to, 100))
                .containsExactly(sber1, lkoh2, sber2);
        assertThat(repo.barsBetween(List.of(SBER.id(), LKOH.id()), Timeframe.M1, T0, T0.plusSeconds(240), 100))
                .containsExactly(sber0, lkoh0, sber1, sber2, lkoh2, sber3, lkoh3);
        assertThat(repo.barsBetween(List.of(LKOH.id(), SBER.id()), Timeframe.M1, T0, T0.plusSeconds(240), 100))
                .containsExactly(lkoh0, sber0, sber1, lkoh2, sber2, lkoh3, sber3);
        assertThat(repo.barsBetween(List.of(LKOH.id()), Timeframe.M1, T0, T0.plusSeconds(240), 100))
                .containsExactly(lkoh0, lkoh2, lkoh3);
        // an instrument named twice is read once, in the place of its first mention
        assertThat(repo.barsBetween(List.of(LKOH.id(), SBER.id(), LKOH.id()), Timeframe.M1, from, to, 100))
                .containsExactly(sber1, lkoh2, sber2);
    }

    @Test
    void barsBetween_whenLimitSmallerThanRange_thenFirstBarsInOrderOnly() {
        repo.upsertMinutes(List.of(minute(0, "295.8"), minute(1, "295.9"), minute(2, "296.1"), minute(LKOH, 0, "7100"),
                minute(LKOH, 1, "7101")), CandleSource.FILE);
        List<String> ids = List.of(SBER.id(), LKOH.id());
        Instant to = T0.plusSeconds(600);

        assertThat(repo.barsBetween(ids, Timeframe.M1, T0, to, 3))
                .containsExactly(minute(0, "295.8"), minute(LKOH, 0, "7100"), minute(1, "295.9"));
        assertThat(repo.barsBetween(ids, Timeframe.M1, T0, to, 1)).containsExactly(minute(0, "295.8"));
        assertThat(repo.barsBetween(ids, Timeframe.M1, T0, to, 0)).isEmpty();
        assertThat(repo.barsBetween(List.of(), Timeframe.M1, T0, to, 10)).isEmpty();
        assertThat(repo.barsBetween(ids, Timeframe.M1, T0, T0, 10)).isEmpty();
    }

    @Test
    void barsBetween_whenFiveMinuteTimeframe_thenReadsThatTableOnly() {
        Bar five = new Bar(SBER.id(), Timeframe.M5, T0, new BigDecimal("295.80"), new BigDecimal("296.18"),
                new BigDecimal("295.70"), new BigDecimal("296.11"), 1234);
        repo.upsertBars(List.of(five));
        repo.upsertMinutes(List.of(minute(0, "295.8"), minute(1, "295.9")), CandleSource.FILE);

        assertThat(repo.barsBetween(List.of(SBER.id()), Timeframe.M5, T0, T0.plusSeconds(300), 10)).containsExactly(five);
        assertThat(repo.countBetween(List.of(SBER.id()), Timeframe.M5, T0, T0.plusSeconds(300))).isEqualTo(1);
        assertThat(repo.countBetween(List.of(SBER.id()), Timeframe.M1, T0, T0.plusSeconds(300))).isEqualTo(2);
    }

    @Test
    void countBetween_thenBarsOfTheInstrumentsInTheHalfOpenRange() {
        repo.upsertMinutes(List.of(minute(0, "295.8"), minute(1, "295.9"), minute(2, "296.1"), minute(3, "296"),
                minute(LKOH, 1, "7100"), minute(LKOH, 3, "7101")), CandleSource.FILE);
        Instant from = T0.plusSeconds(60);
        Instant to = T0.plusSeconds(180);

        assertThat(repo.countBetween(List.of(SBER.id(), LKOH.id()), Timeframe.M1, from, to)).isEqualTo(3);
        assertThat(repo.countBetween(List.of(SBER.id()), Timeframe.M1, from, to)).isEqualTo(2);
        assertThat(repo.countBetween(List.of(SBER.id(), LKOH.id()), Timeframe.M1, T0, T0.plusSeconds(240)))
                .isEqualTo(repo.barsBetween(List.of(SBER.id(), LKOH.id()), Timeframe.M1, T0, T0.plusSeconds(240), 100).size())
                .isEqualTo(6);
        assertThat(repo.countBetween(List.of(), Timeframe.M1, T0, T0.plusSeconds(240))).isZero();
        assertThat(repo.countBetween(List.of("unknown"), Timeframe.M1, T0, T0.plusSeconds(240))).isZero();
    }

    private static Bar minute(int offset, String close) {
        return minute(SBER, offset, close);
    }

    private static Bar minute(Instrument instrument, int offset, String close) {
        BigDecimal c = new BigDecimal(close);
        BigDecimal o = instrument == SBER ? new BigDecimal("295.8") : new BigDecimal("7100.0");
        return new Bar(instrument.id(), Timeframe.M1, T0.plusSeconds(60L * offset), o, o.max(c), o.min(c), c, 100);
    }

    private static long count() {
        return database.jdbi().withHandle(h -> h.createQuery("SELECT count(*) FROM candles_1m").mapTo(Long.class).one());
    }
}
