package dev.strela.persistence.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class JdbiTradingControlRepositoryTest {

    private static TestDatabase database;
    private static JdbiTradingControlRepository controls;

    @BeforeAll
    static void start() throws Exception {
        database = TestDatabase.start();
        controls = new JdbiTradingControlRepository(database.db);
    }

    @AfterAll
    static void stop() throws Exception {
        database.close();
    }

    private static long error(String code) {
        return database.db.jdbi().withHandle(h -> h.createQuery("INSERT INTO live_errors (source, severity, code, message)"
                + " VALUES ('system', 'critical', :code, :code || ': test') RETURNING id").bind("code", code)
                .mapTo(Long.class).one());
    }

    @Test
    void aReconciliationMismatch_keepsTradingStoppedUntilAcknowledged_andOnlyThatCodeCanBe() {
        controls.setStopTrading(true, "reconciliation: fake differs", "reconciliation");
        long mismatch = error("reconciliation_mismatch");
        long other = error("broker_down");

        assertThatThrownBy(() -> controls.setStopTrading(false, "looks fine", "console:alice"))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("reconciliation_mismatch [" + mismatch + "] not acknowledged");
        assertThat(controls.current().stopTrading()).isTrue();

        assertThatThrownBy(() -> controls.acknowledge(other, "n/a", "console:alice"))
                .hasMessageContaining("is broker_down");
        assertThatThrownBy(() -> controls.acknowledge(Long.MAX_VALUE, "n/a", "console:alice"))
                .hasMessageContaining("no such live_errors row");
        assertThatThrownBy(() -> controls.acknowledge(mismatch, " ", "console:alice")).hasMessageContaining("note");

        controls.acknowledge(mismatch, "broker statement checked: 10 SBER sold by hand", "console:alice");
        assertThat(controls.current().stopTrading()).as("acknowledging lifts nothing by itself").isTrue();
        String acknowledged = database.db.jdbi().withHandle(h -> h.createQuery(
                "SELECT acknowledged_by || ' ' || message FROM live_errors WHERE id = " + mismatch).mapTo(String.class).one());
        assertThat(acknowledged).isEqualTo("console:alice reconciliation_mismatch: test [acknowledged: broker statement checked: 10 SBER sold by hand]");

        assertThat(controls.setStopTrading(false, "checked", "console:alice").stopTrading()).isFalse();
    }
}
