/**
 * The fault layer's vocabulary: every error code the platform logs ({@link dev.strela.api.error.ErrorCode},
 * lower_snake strings with a source and a default severity), the {@link dev.strela.api.error.ErrorEvent}
 * that becomes a {@code live_errors} row, and the {@link dev.strela.api.error.ErrorLog} service every
 * component reports to. Messages read {@code code: key=value, ...}.
 */
@org.osgi.annotation.versioning.Version("1.6.0")
package dev.strela.api.error;
