package dev.strela.persistence.internal;

import javax.sql.DataSource;

import org.jdbi.v3.core.HandleCallback;
import org.jdbi.v3.core.HandleConsumer;
import org.jdbi.v3.core.Jdbi;

import dev.strela.persistence.DatabaseOutage;

/**
 * A connected, migrated database, registered as a service (inside this bundle only) while it lasts;
 * the repositories depend on it, so they come and go with the database.
 *
 * <p>The repositories go through {@link #withHandle}, {@link #useHandle}, {@link #inTransaction} and
 * {@link #useTransaction}: on a thread that waits for outages ({@link DatabaseOutage}) each such call is retried as a
 * whole, on a new connection, when the connection was lost. {@link #jdbi()} itself never waits (the error log's own
 * writes, which must not hold their caller).
 */
public record ConnectedDatabase(Jdbi jdbi, DataSource dataSource, String schemaVersion) {

    public <R, X extends Exception> R withHandle(HandleCallback<R, X> callback) throws X {
        return retrying(() -> jdbi.withHandle(callback));
    }

    public <X extends Exception> void useHandle(HandleConsumer<X> callback) throws X {
        retrying(() -> {
            jdbi.useHandle(callback);
            return null;
        });
    }

    public <R, X extends Exception> R inTransaction(HandleCallback<R, X> callback) throws X {
        return retrying(() -> jdbi.inTransaction(callback));
    }

    public <X extends Exception> void useTransaction(HandleConsumer<X> callback) throws X {
        retrying(() -> {
            jdbi.useTransaction(callback);
            return null;
        });
    }

    /** A database call that may throw its callback's checked exception. */
    @FunctionalInterface
    private interface Call<R, X extends Exception> {
        R run() throws X;
    }

    /** Runs {@code call} under {@link DatabaseOutage#retrying}; a checked exception of the callback passes unchanged. */
    private static <R, X extends Exception> R retrying(Call<R, X> call) throws X {
        try {
            return DatabaseOutage.retrying(() -> {
                try {
                    return call.run();
                } catch (RuntimeException e) {
                    throw e;
                } catch (Exception checked) {
                    throw new CheckedFailure(checked);
                }
            });
        } catch (CheckedFailure wrapped) {
            @SuppressWarnings("unchecked")
            X original = (X) wrapped.getCause();
            throw original;
        }
    }

    /** Carries a callback's checked exception through the retry loop, which never retries it. */
    private static final class CheckedFailure extends RuntimeException {
        private static final long serialVersionUID = 1L;

        CheckedFailure(Exception cause) {
            super(cause);
        }
    }
}
