package dev.strela.web.internal.api;

/**
 * A request the API answers with an error status and a stable code: 400 {@code bad_request} for input it cannot use,
 * 404 {@code not_found}, 409 for a change the platform refuses, 503 {@code database_unavailable}.
 */
public final class ApiException extends RuntimeException {

    private static final long serialVersionUID = 1L;
    private final int status;
    private final String code;

    public ApiException(int status, String code, String message) {
        super(message);
        this.status = status;
        this.code = code;
    }

    public static ApiException badRequest(String message) {
        return new ApiException(400, "bad_request", message);
    }

    public static ApiException unavailable(String what) {
        return new ApiException(503, "database_unavailable", what + " is unavailable: the database is not connected"
                + " (see /strela/api/status)");
    }

    public int status() {
        return status;
    }

    public String code() {
        return code;
    }
}
