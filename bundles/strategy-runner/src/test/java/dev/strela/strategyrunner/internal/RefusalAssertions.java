package dev.strela.strategyrunner.internal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.strela.strategyrunner.internal.SignalValidator.Refusal;
import java.util.Optional;

/** Asserts a validation result names the expected field. */
final class RefusalAssertions {

    private RefusalAssertions() {
    }

    /** The result is a refusal of {@code field} whose reason contains {@code reasonPart}. */
    static void assertRefused(Optional<Refusal> result, String field, String reasonPart) {
        assertThat(result).hasValueSatisfying(refusal -> {
            assertThat(refusal.field()).isEqualTo(field);
            assertThat(refusal.reason()).contains(reasonPart);
        });
    }
}
