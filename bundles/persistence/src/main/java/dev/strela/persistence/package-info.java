/**
 * Strela's persistence services: the database status, and repositories over the schema in {@code db/}.
 * Repositories are registered only while the database is connected and migrated; the
 * {@link dev.strela.persistence.DatabaseStatus} service is always present and says why when it is not.
 */
@org.osgi.annotation.versioning.Version("1.7.0")
package dev.strela.persistence;
