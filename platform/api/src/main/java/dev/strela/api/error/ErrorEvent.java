package dev.strela.api.error;

import dev.strela.api.model.Timeframe;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Instant;

/**
 * One error as it becomes a {@code live_errors} row. Create it with {@code of(...)} and refine it
 * with the withers; every wither returns a new event.
 *
 * <pre>{@code
 * errorLog.record(ErrorEvent.of(ErrorCode.TOO_WIDE_STOP, "stop", stop, "entry", entry)
 *         .forRow(rowId).forSymbol("SBER", Timeframe.M5));
 * }</pre>
 *
 * @param code               lower_snake code, normally {@link ErrorCode#code()}
 * @param strategyUniverseId the row concerned, or null
 * @param symbol             ticker or instrument id concerned, or null
 * @param timeframe          {@link Timeframe#code()} concerned, or null
 * @param message            {@code code: key=value, ...}
 * @param stackTrace         for internal errors, else null
 * @param createdAt          when the error happened
 * @param runId              the run the error belongs to (a replay's {@code replay-<uuid>}), or null for the
 *                           standing runs and platform-wide errors
 */
public record ErrorEvent(ErrorSource source, Severity severity, String code, Long strategyUniverseId,
                         String symbol, String timeframe, String message, String stackTrace, Instant createdAt,
                         String runId) {

    public ErrorEvent {
        require(source, "source");
        require(severity, "severity");
        if (code == null || code.isBlank()) {
            throw new IllegalArgumentException("code: must not be blank");
        }
        require(message, "message");
        require(createdAt, "createdAt");
    }

    /** An event of no particular run. */
    public ErrorEvent(ErrorSource source, Severity severity, String code, Long strategyUniverseId, String symbol,
                      String timeframe, String message, String stackTrace, Instant createdAt) {
        this(source, severity, code, strategyUniverseId, symbol, timeframe, message, stackTrace, createdAt, null);
    }

    /**
     * An event with the code's source and severity, stamped now. {@code text} is prefixed with
     * {@code code: } unless it already starts with it; blank text gives just the code.
     */
    public static ErrorEvent of(ErrorCode code, String text) {
        String prefix = code.code();
        String message = text == null || text.isBlank() ? prefix
                : text.equals(prefix) || text.startsWith(prefix + ":") ? text : prefix + ": " + text;
        return new ErrorEvent(code.source(), code.severity(), prefix, null, null, null, message, null, Instant.now());
    }

    /**
     * An event whose message is {@code code: key=value, ...} from key/value pairs:
     * {@code of(TOO_WIDE_STOP, "stop", 12.3, "entry", 100)} reads {@code too_wide_stop: stop=12.3, entry=100}.
     *
     * @throws IllegalArgumentException for an odd count of {@code keyValues}
     */
    public static ErrorEvent of(ErrorCode code, Object... keyValues) {
        return of(code, Details.message(code, keyValues));
    }

    /** The {@link ErrorCode} of this event, or null for a code string not in the enum. */
    public ErrorCode errorCode() {
        return ErrorCode.fromCode(code).orElse(null);
    }

    public ErrorEvent withSeverity(Severity newSeverity) {
        return new ErrorEvent(source, newSeverity, code, strategyUniverseId, symbol, timeframe, message, stackTrace,
                createdAt, runId);
    }

    public ErrorEvent withSource(ErrorSource newSource) {
        return new ErrorEvent(newSource, severity, code, strategyUniverseId, symbol, timeframe, message, stackTrace,
                createdAt, runId);
    }

    /** The event concerning one {@code strategy_universe} row. */
    public ErrorEvent forRow(long newStrategyUniverseId) {
        return new ErrorEvent(source, severity, code, newStrategyUniverseId, symbol, timeframe, message, stackTrace,
                createdAt, runId);
    }

    /** The event concerning a symbol and (nullable) timeframe. */
    public ErrorEvent forSymbol(String newSymbol, Timeframe newTimeframe) {
        return new ErrorEvent(source, severity, code, strategyUniverseId, newSymbol,
                newTimeframe == null ? null : newTimeframe.code(), message, stackTrace, createdAt, runId);
    }

    /** The event with the full stack trace of {@code error} (null clears it). */
    public ErrorEvent withThrowable(Throwable error) {
        String trace = null;
        if (error != null) {
            StringWriter out = new StringWriter();
            error.printStackTrace(new PrintWriter(out));
            trace = out.toString();
        }
        return new ErrorEvent(source, severity, code, strategyUniverseId, symbol, timeframe, message, trace,
                createdAt, runId);
    }

    /** The event stamped at another time (e.g. from an injected clock). */
    public ErrorEvent withCreatedAt(Instant newCreatedAt) {
        return new ErrorEvent(source, severity, code, strategyUniverseId, symbol, timeframe, message, stackTrace,
                newCreatedAt, runId);
    }

    /** The event of one run (a replay); null for no particular run. */
    public ErrorEvent forRun(String newRunId) {
        return new ErrorEvent(source, severity, code, strategyUniverseId, symbol, timeframe, message, stackTrace,
                createdAt, newRunId);
    }

    private static void require(Object value, String field) {
        if (value == null) {
            throw new IllegalArgumentException(field + ": must not be null");
        }
    }
}
