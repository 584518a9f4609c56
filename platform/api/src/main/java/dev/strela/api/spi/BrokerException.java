package dev.strela.api.spi;

import dev.strela.api.error.ErrorCode;

/**
 * A broker call failed. {@link #retryable()} tells the caller whether trying again may help
 * (network trouble, broker busy) or not (the broker refused the order); {@link #code()} is what
 * is logged (e.g. {@code broker_down}, {@code unsupported_order_type}, {@code order_execution_failed}).
 */
public class BrokerException extends Exception {

    private static final long serialVersionUID = 1L;

    private final ErrorCode code;
    private final boolean retryable;

    public BrokerException(ErrorCode code, String message, boolean retryable) {
        this(code, message, retryable, null);
    }

    public BrokerException(ErrorCode code, String message, boolean retryable, Throwable cause) {
        super(message, cause);
        if (code == null) {
            throw new IllegalArgumentException("code: must not be null");
        }
        this.code = code;
        this.retryable = retryable;
    }

    /** True when the same call may succeed later. */
    public boolean retryable() {
        return retryable;
    }

    /** The error code to log. */
    public ErrorCode code() {
        return code;
    }
}
