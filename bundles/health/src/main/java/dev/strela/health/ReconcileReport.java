package dev.strela.health;

import java.time.Instant;
import java.util.List;

/**
 * One broker compared with what the platform stored for its run.
 *
 * @param broker      the adapter's name ({@code fake}, {@code tinkoff})
 * @param runId       the run its account belongs to, null when the broker could not be asked
 * @param differences each difference in words; empty when they match
 * @param failure     why the broker could not be asked, else null
 */
public record ReconcileReport(String broker, String runId, Instant at, List<String> differences, String failure) {

    public ReconcileReport {
        differences = List.copyOf(differences);
    }

    public boolean matches() {
        return failure == null && differences.isEmpty();
    }
}
