package dev.strela.persistence.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.SQLException;

import org.junit.jupiter.api.Test;

class DatabaseManagerTest {

    @Test
    void describe_whenSqlCauseDeepInChain_thenItsMessageIsShown() {
        Exception e = new RuntimeException("Failed to initialize pool",
                new IllegalStateException(null, new SQLException("FATAL: password authentication failed for user \"x\"")));

        assertThat(DatabaseManager.describe(e)).isEqualTo("FATAL: password authentication failed for user \"x\"");
    }

    @Test
    void describe_whenNoMessages_thenTypeName() {
        assertThat(DatabaseManager.describe(new IllegalStateException())).isEqualTo("IllegalStateException");
    }
}
