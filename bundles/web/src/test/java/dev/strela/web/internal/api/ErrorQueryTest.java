package dev.strela.web.internal.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.HashMap;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import dev.strela.persistence.ErrorRepository.ErrorFilter;

class ErrorQueryTest {

    private static final Instant NOW = Instant.parse("2024-03-04T07:00:00Z");

    @Test
    void parse_whenNothingGiven_thenNoFilterFirstPageOf50() {
        ErrorQuery q = ErrorQuery.parse(params());

        assertThat(q).isEqualTo(new ErrorQuery(ErrorFilter.ALL, null, 50));
    }

    @Test
    void parse_whenEverythingGiven_thenNormalizedFilterAndPage() {
        ErrorQuery q = ErrorQuery.parse(params("source", " Broker ", "severity", "WARNING", "code", "broker_down",
                "from", "2h", "to", "2024-03-04T10:00:00+03:00", "before", "123", "limit", "20"));

        assertThat(q.filter()).isEqualTo(new ErrorFilter("broker", "warning", "broker_down", NOW.minusSeconds(7200), NOW));
        assertThat(q.before()).isEqualTo(123L);
        assertThat(q.limit()).isEqualTo(20);
    }

    @ParameterizedTest(name = "{0}={1}")
    @CsvSource(delimiter = '|', value = {
        "source|nowhere|source: unknown code 'nowhere', expected one of data_feed",
        "severity|fatal|severity: unknown code 'fatal', expected one of info, warning, error, critical",
        "code|Broker Down|code: a lower_snake code",
        "from|yesterday|from: an instant such as 2024-03-04T07:00:00Z",
        "to|2024-03-04T07:00:00|to: an instant such as",
        "before|-5|before: a positive whole number, was '-5'",
        "before|abc|before: a positive whole number, was 'abc'",
        "limit|0|limit: a whole number from 1 to 500, was '0'",
        "limit|501|limit: a whole number from 1 to 500",
        "limit|1e3|limit: a whole number from 1 to 500",
        "severty|error|unknown parameter 'severty': this endpoint takes [before, code, from, limit, severity, source, to]",
    })
    void parse_whenAParameterIsBad_then400NamingIt(String name, String value, String message) {
        assertThatThrownBy(() -> ErrorQuery.parse(params(name, value)))
                .isInstanceOfSatisfying(ApiException.class, e -> {
                    assertThat(e.status()).isEqualTo(400);
                    assertThat(e.code()).isEqualTo("bad_request");
                })
                .hasMessageContaining(message);
    }

    @Test
    void parse_whenFromNotBeforeToOrAParameterRepeated_then400() {
        assertThatThrownBy(() -> ErrorQuery.parse(params("from", "2024-03-04T07:00:00Z", "to", "2024-03-04T06:00:00Z")))
                .isInstanceOf(ApiException.class).hasMessageContaining("from: must be before to");
        Map<String, String[]> twice = new HashMap<>();
        twice.put("code", new String[] {"a", "b"});
        assertThatThrownBy(() -> ErrorQuery.parse(new Params(twice, NOW)))
                .isInstanceOf(ApiException.class).hasMessageContaining("code: given 2 times");
        assertThatThrownBy(() -> ErrorQuery.parse(params("code", "x".repeat(600))))
                .isInstanceOf(ApiException.class).hasMessageContaining("at most 500 characters");
    }

    static Params params(String... nameValues) {
        Map<String, String[]> map = new HashMap<>();
        for (int i = 0; i < nameValues.length; i += 2) {
            map.put(nameValues[i], new String[] {nameValues[i + 1]});
        }
        return new Params(map, NOW);
    }
}
