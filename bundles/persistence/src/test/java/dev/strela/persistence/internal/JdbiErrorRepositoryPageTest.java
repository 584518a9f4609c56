package dev.strela.persistence.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import org.jdbi.v3.core.Jdbi;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.zaxxer.hikari.HikariDataSource;

import dev.strela.persistence.ErrorRepository.ErrorFilter;
import dev.strela.persistence.ErrorRepository.ErrorRow;

class JdbiErrorRepositoryPageTest {

    private static final Instant T = Instant.parse("2024-03-04T07:00:00Z");
    private static TestDatabase database;
    private static JdbiErrorRepository errors;

    @BeforeAll
    static void start() throws Exception {
        database = TestDatabase.start();
        errors = new JdbiErrorRepository(database.db);
    }

    @AfterAll
    static void stop() throws Exception {
        database.close();
    }

    @BeforeEach
    void clean() {
        database.jdbi().useHandle(h -> h.execute("TRUNCATE live_errors"));
    }

    @Test
    void page_whenNoFilter_thenHighestIdFirst_andEachPageContinuesBelowTheLastId() {
        List<Long> ids = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            ids.add(error("system", "error", "broker_down", T.plusSeconds(i), T.plusSeconds(i)));
        }

        List<ErrorRow> first = errors.page(ErrorFilter.ALL, null, 2);
        List<ErrorRow> second = errors.page(ErrorFilter.ALL, first.get(1).id(), 2);
        List<ErrorRow> last = errors.page(ErrorFilter.ALL, second.get(1).id(), 2);

        assertThat(first).extracting(ErrorRow::id).containsExactly(ids.get(4), ids.get(3));
        assertThat(second).extracting(ErrorRow::id).containsExactly(ids.get(2), ids.get(1));
        assertThat(last).extracting(ErrorRow::id).containsExactly(ids.get(0));
        assertThat(errors.page(ErrorFilter.ALL, ids.get(0), 2)).isEmpty();
        assertThat(errors.page(ErrorFilter.ALL, null, 0)).isEmpty();
    }

    @Test
    void page_whenFilteredBySourceLowestSeverityAndCode_thenOnlyThoseRows() {
        long critical = error("broker", "critical", "broker_down", T, T);
        long error = error("broker", "error", "order_execution_failed", T, T);
        error("broker", "warning", "broker_down", T, T);
        long otherSource = error("data_feed", "critical", "data_feed_down", T, T);

        assertThat(errors.page(new ErrorFilter("broker", "error", null, null, null), null, 10))
                .extracting(ErrorRow::id).containsExactly(error, critical);
        assertThat(errors.page(new ErrorFilter(null, "critical", null, null, null), null, 10))
                .extracting(ErrorRow::id).containsExactly(otherSource, critical);
        assertThat(errors.page(new ErrorFilter(null, null, "broker_down", null, null), null, 10))
                .extracting(ErrorRow::severity).containsExactly("warning", "critical");
    }

    @Test
    void page_whenTimeRange_thenRowsWhoseSeenSpanMeetsIt() {
        long before = error("system", "error", "a_code", T.minusSeconds(600), T.minusSeconds(300));
        long spanning = error("system", "error", "a_code", T.minusSeconds(600), T.plusSeconds(30));
        long inside = error("system", "error", "a_code", T.plusSeconds(10), T.plusSeconds(20));
        long atEnd = error("system", "error", "a_code", T.plusSeconds(60), T.plusSeconds(90));

        List<ErrorRow> rows = errors.page(new ErrorFilter(null, null, null, T, T.plusSeconds(60)), null, 10);

        assertThat(rows).extracting(ErrorRow::id).containsExactly(inside, spanning).doesNotContain(before, atEnd);
        assertThat(errors.page(new ErrorFilter(null, null, null, T.plusSeconds(60), null), null, 10))
                .extracting(ErrorRow::id).containsExactly(atEnd);
    }

    @Test
    void page_whenUnknownSourceOrSeverityOrEmptyRange_thenIllegalArgumentNamingTheValidValues() {
        assertThatThrownBy(() -> errors.page(new ErrorFilter("nope", null, null, null, null), null, 10))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("source").hasMessageContaining("data_feed");
        assertThatThrownBy(() -> errors.page(new ErrorFilter(null, "fatal", null, null, null), null, 10))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("severity").hasMessageContaining("critical");
        assertThatThrownBy(() -> errors.page(new ErrorFilter(null, null, null, T, T), null, 10))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("from: must be before to");
    }

    @Test
    void page_with100000Rows_thenEveryFirstPageUnder100Milliseconds() {
        database.jdbi().useHandle(h -> {
            h.execute("""
                    INSERT INTO live_errors (source, severity, code, message, first_seen, last_seen, created_at)
                    SELECT (ARRAY['data_feed','strategy_runner','execution','broker','risk','system'])[1 + g % 6],
                           (ARRAY['info','warning','warning','error','error','error','critical'])[1 + g % 7],
                           CASE WHEN g % 5000 = 0 THEN 'rare_code' WHEN g <= 10 THEN 'old_code' ELSE 'code_' || (g % 20) END,
                           'code: n=' || g,
                           timestamptz '2024-01-01' + g * interval '20 seconds',
                           timestamptz '2024-01-01' + g * interval '20 seconds',
                           timestamptz '2024-01-01' + g * interval '20 seconds'
                    FROM generate_series(1, 100000) AS g""");
            h.execute("ANALYZE live_errors");
        });
        Instant mid = Instant.parse("2024-01-12T00:00:00Z");
        List<ErrorFilter> filters = List.of(ErrorFilter.ALL,
                new ErrorFilter("broker", null, null, null, null),
                new ErrorFilter(null, "critical", null, null, null),
                new ErrorFilter("risk", "error", null, null, null),
                new ErrorFilter(null, null, "rare_code", null, null),
                new ErrorFilter("risk", "critical", "rare_code", null, null),
                new ErrorFilter(null, null, null, mid, mid.plusSeconds(3600)),
                new ErrorFilter(null, null, null, null, Instant.parse("2024-01-01T01:00:00Z")),
                new ErrorFilter(null, null, "old_code", null, null),
                new ErrorFilter("data_feed", "critical", null, null, Instant.parse("2024-01-02T00:00:00Z")),
                new ErrorFilter("execution", "warning", null, Instant.parse("2024-01-01T00:00:00Z"), mid));
        try (HikariDataSource pool = database.pool()) {
            JdbiErrorRepository pooled = new JdbiErrorRepository(new ConnectedDatabase(Jdbi.create(pool), pool, "test"));
            for (ErrorFilter filter : filters) {
                assertFirstPageFast(pooled, filter);
            }
        }
    }

    /** The best of five calls, so a busy build machine does not decide it; the query plan does. */
    private static void assertFirstPageFast(JdbiErrorRepository pooled, ErrorFilter filter) {
        long best = Long.MAX_VALUE;
        for (int run = 0; run < 5; run++) {
            long t0 = System.nanoTime();
            List<ErrorRow> page = pooled.page(filter, null, 50);
            best = Math.min(best, System.nanoTime() - t0);
            assertThat(page).as("%s", filter).isNotEmpty();
        }
        assertThat(best / 1_000_000.0).as("first page of %s in ms", filter).isLessThan(100.0);
    }

    private static long error(String source, String severity, String code, Instant firstSeen, Instant lastSeen) {
        return database.jdbi().withHandle(h -> h.createQuery("INSERT INTO live_errors (source, severity, code, message,"
                        + " first_seen, last_seen) VALUES (:source, :severity, :code, :code || ': test', :first, :last) RETURNING id")
                .bind("source", source).bind("severity", severity).bind("code", code).bind("first", firstSeen)
                .bind("last", lastSeen).mapTo(Long.class).one());
    }
}
