/**
 * Names of the Camel endpoints that connect the bundles through the platform's one CamelContext
 * (hosted by the bus bundle). Routes only move immutable messages (the records of
 * {@code dev.strela.api.model} and {@code dev.strela.api.error}); anything that must survive a
 * restart goes through the database, the route being the fast path.
 */
@org.osgi.annotation.versioning.Version("1.3.0")
package dev.strela.api.bus;
