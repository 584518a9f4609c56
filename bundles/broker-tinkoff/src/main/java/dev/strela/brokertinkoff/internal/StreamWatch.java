package dev.strela.brokertinkoff.internal;

import dev.strela.api.model.SessionHours;

import java.time.Duration;
import java.time.Instant;

/**
 * Decides, by the clock it is given, whether the candle stream is alive. Silence counts only inside the trading
 * hours: outside them it is measured from the moment they begin, so a stream quiet all night is neither probed nor
 * replaced at night, nor at once at the opening. After half the limit without any message the stream is asked
 * whether it is alive ({@link Verdict#PROBE}, once per quiet spell: a live stream answers at once); at the limit it is
 * {@link Verdict#SILENT} and must be replaced. Pure logic, no threads; one thread calls it.
 */
final class StreamWatch {

    /** What a check found. */
    enum Verdict { OK, PROBE, SILENT }

    private final SessionHours hours;
    private final Duration limit;
    private final Duration probeAfter;
    private Instant quietSince;
    private boolean probed;

    StreamWatch(SessionHours hours, Duration limit) {
        this.hours = hours;
        this.limit = limit;
        this.probeAfter = limit.dividedBy(2);
    }

    /** A stream was opened at {@code now}: silence is measured from here. */
    void opened(Instant now) {
        quietSince = now;
        probed = false;
    }

    /** Any message (candle, ping, an answer) arrived at {@code now}. */
    void onMessage(Instant now) {
        quietSince = now;
        probed = false;
    }

    /** Periodic check. */
    Verdict check(Instant now) {
        if (quietSince == null) {
            return Verdict.OK;
        }
        if (!hours.contains(now)) {
            quietSince = now;
            probed = false;
            return Verdict.OK;
        }
        Duration quiet = Duration.between(quietSince, now);
        if (quiet.compareTo(limit) >= 0) {
            return Verdict.SILENT;
        }
        if (!probed && quiet.compareTo(probeAfter) >= 0) {
            probed = true;
            return Verdict.PROBE;
        }
        return Verdict.OK;
    }
}
