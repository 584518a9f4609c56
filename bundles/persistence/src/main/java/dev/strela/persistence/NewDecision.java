package dev.strela.persistence;

import java.util.List;
import java.util.Objects;

/**
 * A decision on a signal, as {@code decisions} stores it.
 *
 * @param decision       'order', 'refused' or 'not_sent'
 * @param refusalCode    lower_snake code, required unless decision is 'order', null for 'order'
 * @param ruleSetVersion version or content hash of the rule set, may be null
 * @param rulesFired     names of the rules that fired; null is stored as empty
 * @param factsJson      JSON object of the facts the rules saw; null is stored as {@code {}}
 * @param lots           computed size in lots, &gt; 0 for 'order'; may be null when refused
 */
public record NewDecision(String decision, String refusalCode, String ruleSetVersion, List<String> rulesFired,
                          String factsJson, Long lots) {

    public NewDecision {
        Objects.requireNonNull(decision, "decision");
        rulesFired = rulesFired == null ? List.of() : List.copyOf(rulesFired);
        factsJson = factsJson == null ? "{}" : factsJson;
    }
}
