package dev.strela.web.internal.api;

import java.time.Instant;
import java.util.List;
import java.util.Set;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import dev.strela.persistence.RunRepository.RunRow;
import dev.strela.web.internal.auth.WebUser;

/** {@code GET /strela/api/runs?kind=replay&limit=50}: the runs, newest first, with their parameters (and results). */
public final class RunsEndpoint implements Endpoint {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Set<String> KINDS = Set.of("paper", "live", "replay");

    public record Run(String id, String kind, String status, Instant startedAt, Instant finishedAt, JsonNode params) {
    }

    public record Runs(List<Run> runs) {
    }

    private final DataServices data;

    public RunsEndpoint(DataServices data) {
        this.data = data;
    }

    @Override
    public Runs handle(Params params, WebUser user) {
        params.only(Set.of("kind", "limit"));
        String kind = params.text("kind");
        if (kind != null && !KINDS.contains(kind)) {
            throw ApiException.badRequest("kind: paper, live or replay, was '" + kind + "'");
        }
        int limit = params.limit("limit", 50, 500);
        // the standing paper and live runs are at most two rows more than asked for
        List<RunRow> rows = data.runs().recent(limit + 2);
        return new Runs(rows.stream().filter(r -> kind == null || kind.equals(r.kind())).limit(limit)
                .map(RunsEndpoint::run).toList());
    }

    static Run run(RunRow r) {
        JsonNode params;
        try {
            params = JSON.readTree(r.paramsJson());
        } catch (JsonProcessingException e) {
            params = JSON.getNodeFactory().textNode(r.paramsJson());
        }
        return new Run(r.id(), r.kind(), r.status(), r.startedAt(), r.finishedAt(), params);
    }
}
