package dev.strela.execution.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.UUID;

import org.junit.jupiter.api.Test;

class ClientOrderIdsTest {

    @Test
    void forSignal_isStableVersion5AndDiffersByLegAndSignal() {
        String id = ClientOrderIds.forSignal(42, "entry");
        assertThat(id).hasSize(36).isEqualTo(ClientOrderIds.forSignal(42, "entry"));
        assertThat(UUID.fromString(id).version()).isEqualTo(5);
        assertThat(UUID.fromString(id).variant()).isEqualTo(2);
        assertThat(id).isNotEqualTo(ClientOrderIds.forSignal(42, "close")).isNotEqualTo(ClientOrderIds.forSignal(43, "entry"));
    }

    @Test
    void uuid5_matchesTheRfcExample() {
        // RFC 4122 / Python uuid.uuid5(uuid.NAMESPACE_DNS, "python.org")
        UUID dns = UUID.fromString("6ba7b810-9dad-11d1-80b4-00c04fd430c8");
        assertThat(ClientOrderIds.uuid5(dns, "python.org")).hasToString("886313e1-3b8a-5372-9b90-0c9aee199e5d");
    }
}
