package dev.strela.persistence.internal;

import javax.sql.DataSource;

import org.jdbi.v3.core.Jdbi;

/**
 * A connected, migrated database, registered as a service (inside this bundle only) while it lasts;
 * the repositories depend on it, so they come and go with the database.
 */
public record ConnectedDatabase(Jdbi jdbi, DataSource dataSource, String schemaVersion) {
}
