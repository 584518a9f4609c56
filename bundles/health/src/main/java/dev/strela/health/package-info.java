/**
 * The health layer's services for the console and the web monitor: {@link dev.strela.health.Reconciliation}, which
 * compares what each broker holds with what the platform has stored.
 */
@org.osgi.annotation.versioning.Version("1.0.0")
package dev.strela.health;
