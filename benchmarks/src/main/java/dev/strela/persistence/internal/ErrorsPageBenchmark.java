package dev.strela.persistence.internal;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.jdbi.v3.core.Jdbi;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

import dev.strela.persistence.ErrorRepository.ErrorFilter;
import dev.strela.persistence.ErrorRepository.ErrorRow;

/**
 * The web monitor's errors page on a large error log: {@link JdbiErrorRepository#page} (what {@code GET
 * /strela/api/errors} reads) with {@value #ROWS} rows in {@code live_errors}, on the embedded PostgreSQL through a
 * connection pool as in the platform. The rows spread over 30 days, the six sources, the four severities and 40 codes
 * (a few rare ones). Each filter asks for the first page of 50 rows, newest first. Target: under 100 ms.
 *
 * <p>Run: {@code java -jar benchmarks/target/benchmarks.jar ErrorsPageBenchmark}
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Fork(1)
@Warmup(iterations = 2, time = 2)
@Measurement(iterations = 5, time = 2)
public class ErrorsPageBenchmark {

    static final int ROWS = 100_000;
    private static final int PAGE = 50;
    private static final Instant NOW = Instant.parse("2026-11-27T12:00:00Z");

    /** The filter the page asks with. */
    @Param({"none", "severity_critical", "source_broker", "rare_code", "last_hour", "deep_page"})
    public String filter;

    private BenchDatabase database;
    private JdbiErrorRepository errors;
    private ErrorFilter errorFilter;
    private Long beforeId;

    @Setup
    public void start() throws Exception {
        database = BenchDatabase.start(2);
        Jdbi jdbi = database.jdbi();
        jdbi.useHandle(h -> {
            h.createUpdate("INSERT INTO live_errors (source, severity, code, message, occurrences, first_seen, last_seen,"
                            + " created_at) SELECT (ARRAY['data_feed','strategy_runner','execution','broker','risk','system'])[1 + i % 6],"
                            + " (ARRAY['info','warning','warning','error','error','error','critical'])[1 + (i / 7) % 7],"
                            + " CASE WHEN i % 997 = 0 THEN 'rare_code' ELSE 'code_' || (i % 39) END,"
                            + " 'benchmark error ' || i, 1 + i % 3, t, t, t"
                            + " FROM (SELECT i, :start::timestamptz + (i * interval '25.92 seconds') AS t"
                            + " FROM generate_series(1, :rows) AS i) AS s")
                    .bind("start", NOW.minus(30, ChronoUnit.DAYS).toString()).bind("rows", ROWS).execute();
            h.execute("ANALYZE live_errors");
        });
        errors = new JdbiErrorRepository(database.db());
        errorFilter = switch (filter) {
            case "none", "deep_page" -> ErrorFilter.ALL;
            case "severity_critical" -> new ErrorFilter(null, "critical", null, null, null);
            case "source_broker" -> new ErrorFilter("broker", null, null, null, null);
            case "rare_code" -> new ErrorFilter(null, null, "rare_code", null, null);
            case "last_hour" -> new ErrorFilter(null, null, null, NOW.minus(1, ChronoUnit.HOURS), null);
            default -> throw new IllegalArgumentException("filter " + filter);
        };
        // the 1,000th page: keyset paging makes it as cheap as the first
        beforeId = "deep_page".equals(filter) ? (long) (ROWS - 1_000 * PAGE) : null;
        List<ErrorRow> first = errors.page(errorFilter, beforeId, PAGE);
        if (first.isEmpty()) {
            throw new IllegalStateException("the " + filter + " page is empty: the benchmark would measure nothing");
        }
    }

    @Benchmark
    public List<ErrorRow> firstPage() {
        return errors.page(errorFilter, beforeId, PAGE);
    }

    @TearDown
    public void stop() throws Exception {
        database.close();
    }
}
