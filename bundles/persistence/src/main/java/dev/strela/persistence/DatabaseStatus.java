package dev.strela.persistence;

import java.time.Instant;
import java.util.Optional;

import org.osgi.annotation.versioning.ProviderType;

/** What the platform knows about its database right now; always registered, even when the database is down. */
@ProviderType
public interface DatabaseStatus {

    /** Connection state of the platform's database. */
    enum State { STARTING, UP, FAILED, STOPPED }

    State state();

    /** True when the platform runs its own embedded PostgreSQL (no JDBC URL configured). */
    boolean embedded();

    /** The JDBC URL in use, with any password removed. */
    String jdbcUrl();

    /** The user the platform connects as. */
    String user();

    /** Flyway schema version after migration, empty before. */
    Optional<String> schemaVersion();

    /** The embedded server's data directory; empty for an external database. */
    Optional<String> dataDirectory();

    /** The last connection or migration error, empty when none since the last success. */
    Optional<String> lastError();

    /** When the state last changed. */
    Instant since();

    /** Number of attempts made to connect since activation. */
    int attempts();
}
