package dev.strela.persistence.internal;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;

import org.jdbi.v3.core.Jdbi;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

import dev.strela.api.model.Bar;
import dev.strela.api.model.Instrument;
import dev.strela.datafeed.internal.source.SyntheticGenerator;
import dev.strela.persistence.MarketDataRepository.CandleSource;
import dev.strela.persistence.MarketDataRepository.UpsertCount;

/**
 * Import throughput into PostgreSQL: {@link JdbiMarketDataRepository#upsertMinutes} (COPY into a temporary
 * table, then one idempotent upsert) with batches of {@value #BATCH} new 1-minute candles from the seeded
 * generator, on the embedded PostgreSQL (fsync on) through a connection pool as in the platform. The score (ops/s) is rows per second.
 *
 * <p>Run: {@code java -jar benchmarks/target/benchmarks.jar CandleImportBenchmark}
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@Fork(1)
@Warmup(iterations = 2, time = 3)
@Measurement(iterations = 5, time = 3)
public class CandleImportBenchmark {

    static final int BATCH = 20_000;
    private static final int INSTRUMENTS = 100;

    private BenchDatabase database;
    private JdbiMarketDataRepository repository;
    private Jdbi jdbi;
    private List<List<Bar>> batches;
    private int next;

    @Setup(Level.Trial)
    public void start() throws Exception {
        database = BenchDatabase.start(2);
        jdbi = database.jdbi();
        repository = new JdbiMarketDataRepository(database.db());
        List<String> ids = IntStream.range(0, INSTRUMENTS).mapToObj(i -> "BENCH" + i).toList();
        ids.forEach(id -> repository.saveInstrument(new Instrument(id, id, "TQBR", 10, new BigDecimal("0.01"), "rub")));
        batches = new ArrayList<>();
        List<Bar> current = new ArrayList<>(BATCH);
        var minutes = new SyntheticGenerator(7L, ids, new BigDecimal("0.01")).minutes(LocalDate.of(2024, 1, 8), 40);
        while (minutes.hasNext()) {
            current.add(minutes.next());
            if (current.size() == BATCH) {
                batches.add(current);
                current = new ArrayList<>(BATCH);
            }
        }
    }

    @Setup(Level.Iteration)
    public void empty() {
        jdbi.useHandle(h -> h.execute("TRUNCATE candles_1m"));
        next = 0;
    }

    @Benchmark
    @OperationsPerInvocation(BATCH)
    public UpsertCount upsertBatch() {
        List<Bar> batch = batches.get(next++ % batches.size());
        return repository.upsertMinutes(batch, CandleSource.GENERATOR);
    }

    @TearDown(Level.Trial)
    public void stop() throws Exception {
        database.close();
    }
}
