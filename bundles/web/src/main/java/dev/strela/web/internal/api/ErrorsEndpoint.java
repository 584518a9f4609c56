package dev.strela.web.internal.api;

import java.util.List;

import dev.strela.persistence.ErrorRepository.ErrorFilter;
import dev.strela.persistence.ErrorRepository.ErrorRow;
import dev.strela.web.internal.auth.WebUser;

/**
 * {@code GET /strela/api/errors}: one page of {@code live_errors}, newest recorded first, filtered on the server
 * ({@link ErrorQuery}). {@code nextBefore} is the {@code before} of the next page, null on the last one.
 */
public final class ErrorsEndpoint implements Endpoint {

    public record Page(List<ErrorRow> errors, Long nextBefore, ErrorFilter filter, int limit) {
    }

    private final DataServices data;

    public ErrorsEndpoint(DataServices data) {
        this.data = data;
    }

    @Override
    public Page handle(Params params, WebUser user) {
        ErrorQuery query = ErrorQuery.parse(params);
        List<ErrorRow> rows = data.errors().page(query.filter(), query.before(), query.limit());
        Long next = rows.size() == query.limit() ? rows.get(rows.size() - 1).id() : null;
        return new Page(rows, next, query.filter(), query.limit());
    }
}
