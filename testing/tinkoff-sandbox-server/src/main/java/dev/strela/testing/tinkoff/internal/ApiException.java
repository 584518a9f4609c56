package dev.strela.testing.tinkoff.internal;

import io.grpc.Metadata;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;

/** A refusal in Tinkoff's shape, turned into a gRPC status by {@link #toStatusException()}. */
public final class ApiException extends RuntimeException {
    /** The trailer in which Tinkoff sends the readable text of an error. */
    public static final Metadata.Key<String> MESSAGE_TRAILER =
            Metadata.Key.of("message", Metadata.ASCII_STRING_MARSHALLER);

    private final ApiError error;
    private final String text;

    ApiException(ApiError error, String detail) {
        super(error.code() + ": " + text(error, detail));
        this.error = error;
        this.text = text(error, detail);
    }

    private static String text(ApiError error, String detail) {
        return detail.isEmpty() ? error.message() : error.message() + ", " + detail;
    }

    public ApiError error() {
        return error;
    }

    public StatusRuntimeException toStatusException() {
        return statusException(error.status(), error.code(), text);
    }

    /** A status whose description is the Tinkoff code (or none) and whose {@code message} trailer is {@code text}. */
    public static StatusRuntimeException statusException(Status.Code code, String tinkoffCode, String text) {
        Metadata trailers = new Metadata();
        trailers.put(MESSAGE_TRAILER, text);
        Status status = Status.fromCode(code);
        if (tinkoffCode != null && !tinkoffCode.isEmpty()) {
            status = status.withDescription(tinkoffCode);
        }
        return status.asRuntimeException(trailers);
    }
}
