package dev.strela.web.internal.api;

import java.time.Instant;
import java.util.Set;

import dev.strela.api.error.ErrorSource;
import dev.strela.api.error.Severity;
import dev.strela.persistence.ErrorRepository.ErrorFilter;

/**
 * The parameters of {@code GET /strela/api/errors}: {@code source}, {@code severity} (the lowest shown), {@code code},
 * {@code from} and {@code to} (instants, or {@code 2h} back from now), {@code before} (the id the page starts below) and
 * {@code limit} (1 to {@value #MAX_LIMIT}, default {@value #DEFAULT_LIMIT}).
 */
public record ErrorQuery(ErrorFilter filter, Long before, int limit) {

    public static final int DEFAULT_LIMIT = 50;
    public static final int MAX_LIMIT = 500;
    static final Set<String> NAMES = Set.of("source", "severity", "code", "from", "to", "before", "limit");

    /** @throws ApiException 400 naming the first parameter that does not parse */
    public static ErrorQuery parse(Params params) {
        params.only(NAMES);
        String source = params.text("source");
        String severity = params.text("severity");
        Instant from = params.instant("from");
        Instant to = params.instant("to");
        if (from != null && to != null && !from.isBefore(to)) {
            throw ApiException.badRequest("from: must be before to, was from=" + from + " to=" + to);
        }
        try {
            return new ErrorQuery(new ErrorFilter(source == null ? null : ErrorSource.fromCode(source).code(),
                    severity == null ? null : Severity.fromCode(severity).code(), params.code("code"), from, to),
                    params.id("before"), params.limit("limit", DEFAULT_LIMIT, MAX_LIMIT));
        } catch (IllegalArgumentException e) {
            throw ApiException.badRequest(e.getMessage());
        }
    }
}
