package dev.strela.api.error;

import static dev.strela.api.error.ErrorSource.BROKER;
import static dev.strela.api.error.ErrorSource.DATA_FEED;
import static dev.strela.api.error.ErrorSource.EXECUTION;
import static dev.strela.api.error.ErrorSource.RISK;
import static dev.strela.api.error.ErrorSource.STRATEGY_RUNNER;
import static dev.strela.api.error.ErrorSource.SYSTEM;
import static dev.strela.api.error.Severity.CRITICAL;
import static dev.strela.api.error.Severity.ERROR;
import static dev.strela.api.error.Severity.INFO;
import static dev.strela.api.error.Severity.WARNING;

import java.util.Locale;
import java.util.Optional;

/**
 * Every error code the platform logs, with its source and default severity. The code string is the
 * enum name in lower case; new codes follow the same lower_snake style. Drools rules use the same
 * strings in their names ({@code rule "too_wide_stop: ..."}).
 */
public enum ErrorCode {
    // data feed
    DATA_FEED_DOWN(DATA_FEED, ERROR),
    /** A live feed jumped over more minutes than allowed during trading hours; safe mode was switched on. */
    DATA_FEED_GAP(DATA_FEED, ERROR),
    NO_MARKET_PRICE_FOR_SYMBOL(DATA_FEED, WARNING),
    /** A BAR_CLOSE older than the threshold (e.g. after a reconnect) did not call strategies. */
    BAR_TOO_OLD(DATA_FEED, WARNING),
    /** A live bar closed while no BAR_CLOSE subscriber (the strategy runner) was running: no strategy saw it. */
    BAR_CLOSE_UNDELIVERED(DATA_FEED, ERROR),
    /** A candle failed validation (e.g. high below low) and was not stored. */
    CANDLE_REJECTED(DATA_FEED, WARNING),
    /** A candle file could not be read at all (missing, unreadable, unknown format). */
    CANDLE_FILE_UNREADABLE(DATA_FEED, ERROR),
    // broker
    /** A broker adapter's calls fail or time out; trading is stopped. */
    BROKER_DOWN(BROKER, CRITICAL),
    UNSUPPORTED_ORDER_TYPE(BROKER, ERROR),
    ORDER_EXECUTION_FAILED(BROKER, ERROR),
    /** The broker says the instrument cannot be traded now (status, or not available through the API): the order is not sent. */
    INSTRUMENT_NOT_TRADABLE(BROKER, WARNING),
    /**
     * A broker-held stop-loss or take-profit could not be placed or cancelled, or went away without executing: a
     * position may be unprotected at the broker; safe mode is switched on.
     */
    STOP_ORDER_FAILED(BROKER, CRITICAL),
    /** A stop order at the broker that no working order of the platform knows of was found (and cancelled). */
    STOP_ORDER_ORPHANED(BROKER, WARNING),
    // strategy runner
    STRATEGY_EXCEPTION(STRATEGY_RUNNER, ERROR),
    INVALID_SIGNAL_FORMAT(STRATEGY_RUNNER, ERROR),
    STRATEGY_NOT_FOUND(STRATEGY_RUNNER, WARNING),
    STRATEGY_TIMEOUT(STRATEGY_RUNNER, ERROR),
    /** A strategy was switched off automatically (e.g. after repeated failures). */
    STRATEGY_DISABLED(STRATEGY_RUNNER, CRITICAL),
    // risk (refusals by the rules)
    TOO_WIDE_STOP(RISK, WARNING),
    SIZE_TOO_SMALL(RISK, WARNING),
    INSUFFICIENT_CASH(RISK, WARNING),
    MAX_TOTAL_POSITIONS_REACHED(RISK, WARNING),
    MAX_POSITIONS_PER_STRATEGY_REACHED(RISK, WARNING),
    /** CLOSE or REVERSE while the strategy holds nothing in the instrument. */
    NO_POSITION_TO_CLOSE(RISK, WARNING),
    /** OPEN (or REVERSE toward the side already held) while the strategy holds or is entering a position. */
    POSITION_ALREADY_OPEN(RISK, WARNING),
    /** ADD without a position on the same side to add to. */
    NO_POSITION_TO_ADD_TO(RISK, WARNING),
    /** The run has no account to size against (e.g. the live broker is not connected). */
    ACCOUNT_UNAVAILABLE(RISK, ERROR),
    // execution (trading controls, rule base)
    TRADING_DISABLED_BY_CONTROL(EXECUTION, INFO),
    NEW_POSITIONS_DISABLED_BY_CONTROL(EXECUTION, INFO),
    /** An edited DRL file did not compile; the previous rules stay in force. */
    RULES_COMPILE_FAILED(EXECUTION, ERROR),
    /** Deciding on a signal failed (a rule threw, or facts could not be gathered); the signal is refused, never retried forever. */
    DECISION_FAILED(EXECUTION, ERROR),
    // system
    DATABASE_UNAVAILABLE(SYSTEM, ERROR),
    /** The database answers again after an outage a component waited through (a replay resumes where it paused). */
    DATABASE_RECOVERED(SYSTEM, INFO),
    CONFIG_INVALID(SYSTEM, ERROR),
    /** A component sent no heartbeat for too long; trading is stopped. */
    COMPONENT_SILENT(SYSTEM, CRITICAL),
    /** A component that was silent or down beats again; trading stays stopped until a person resumes it. */
    COMPONENT_RECOVERED(SYSTEM, INFO),
    /** The sum of per-strategy positions differs from the broker's net position. */
    RECONCILIATION_MISMATCH(SYSTEM, CRITICAL),
    /** A historical replay stopped on an error; its run is marked failed and keeps what it wrote. */
    REPLAY_FAILED(SYSTEM, ERROR),
    /** A replay was running when the platform stopped: its undecided signals are not sent, its working orders cancelled. */
    REPLAY_INTERRUPTED(SYSTEM, WARNING),
    INTERNAL_ERROR(SYSTEM, ERROR);

    private final ErrorSource source;
    private final Severity severity;

    ErrorCode(ErrorSource source, Severity severity) {
        this.source = source;
        this.severity = severity;
    }

    /** The lower_snake code string, e.g. "too_wide_stop". */
    public String code() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** Where this error comes from. */
    public ErrorSource source() {
        return source;
    }

    /** Severity unless the reporter chooses another one. */
    public Severity severity() {
        return severity;
    }

    /** The code for {@code text} (exact lower_snake match, surrounding blanks ignored). */
    public static Optional<ErrorCode> fromCode(String text) {
        if (text == null) {
            return Optional.empty();
        }
        String wanted = text.trim();
        for (ErrorCode code : values()) {
            if (code.code().equals(wanted)) {
                return Optional.of(code);
            }
        }
        return Optional.empty();
    }
}
