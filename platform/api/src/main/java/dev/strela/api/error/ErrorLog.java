package dev.strela.api.error;

import org.osgi.annotation.versioning.ProviderType;

/**
 * The service every component reports errors to; it writes {@code live_errors} and publishes the
 * event on {@link dev.strela.api.bus.Endpoints#ERRORS}. Recording never throws: when the database
 * is down the implementation falls back to the log, so a report can never stop the main loop.
 */
@ProviderType
public interface ErrorLog {

    /** Records the event; never throws. */
    void record(ErrorEvent event);

    /** Records {@code code} with its default source and severity and the given message. */
    default void record(ErrorCode code, String message) {
        record(ErrorEvent.of(code, message));
    }
}
