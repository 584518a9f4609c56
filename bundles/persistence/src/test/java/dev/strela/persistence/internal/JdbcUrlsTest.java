package dev.strela.persistence.internal;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class JdbcUrlsTest {

    @Test
    void redact_whenPasswordParameter_thenHidden() {
        assertThat(JdbcUrls.redact("jdbc:postgresql://h:5432/db?user=u&password=s3cret&ssl=true"))
                .isEqualTo("jdbc:postgresql://h:5432/db?user=u&password=***&ssl=true");
    }

    @Test
    void redact_whenUserInfoPassword_thenHidden() {
        assertThat(JdbcUrls.redact("jdbc:postgresql://u:s3cret@h:5432/db")).isEqualTo("jdbc:postgresql://u:***@h:5432/db");
    }

    @Test
    void redact_whenNoSecret_thenUnchanged() {
        assertThat(JdbcUrls.redact("jdbc:postgresql://127.0.0.1:15432/postgres")).isEqualTo("jdbc:postgresql://127.0.0.1:15432/postgres");
    }
}
