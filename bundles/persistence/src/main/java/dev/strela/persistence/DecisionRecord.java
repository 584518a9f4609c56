package dev.strela.persistence;

import java.time.Instant;
import java.util.List;

/** A stored {@code decisions} row; see {@link NewDecision} for the fields. */
public record DecisionRecord(long signalId, String runId, String decision, String refusalCode, String ruleSetVersion,
                             List<String> rulesFired, String factsJson, Long lots, Instant createdAt) {

    public DecisionRecord {
        rulesFired = rulesFired == null ? List.of() : List.copyOf(rulesFired);
    }
}
