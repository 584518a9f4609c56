package dev.strela.brokertinkoff.internal;

import java.time.Clock;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import dev.strela.api.error.ErrorCode;
import dev.strela.api.error.ErrorEvent;
import dev.strela.api.error.ErrorLog;
import dev.strela.api.error.Severity;
import dev.strela.persistence.ServiceStatusRepository;

/**
 * The adapter's heartbeat ({@code broker_tinkoff}): {@code up} while Tinkoff answers the calls of the rounds and the
 * probe, {@code down} while it does not (the watchdog then stops trading). Going down is recorded once as
 * {@code broker_down}; coming back is logged.
 */
final class Heartbeat {

    private static final Logger LOG = LoggerFactory.getLogger(Heartbeat.class);

    private final TinkoffClient client;
    private final ErrorLog errors;
    private final ServiceStatusRepository status;
    private final Clock clock;
    private volatile boolean down;

    Heartbeat(TinkoffClient client, ErrorLog errors, ServiceStatusRepository status, Clock clock) {
        this.client = client;
        this.errors = errors;
        this.status = status;
        this.clock = clock;
    }

    /** A call Tinkoff answers, or not. */
    void probe() throws InterruptedException {
        try {
            client.cash();
            beat(true);
        } catch (Retrier.Failure f) {
            beat(false);
            LOG.debug("Tinkoff does not answer: {}", f.getMessage());
        }
    }

    /** Writes the heartbeat: {@code up} when Tinkoff answered the last call, else {@code down}. */
    void beat(boolean up) {
        if (!up && !down) {
            errors.record(ErrorEvent.of(ErrorCode.BROKER_DOWN, "broker", TinkoffBroker.NAME, "note",
                    "Tinkoff does not answer").withSeverity(Severity.ERROR));
        } else if (up && down) {
            LOG.info("Tinkoff answers again");
        }
        down = !up;
        try {
            status.heartbeat(TinkoffBroker.COMPONENT, up ? "up" : "down", clock.instant());
        } catch (RuntimeException e) {
            LOG.debug("Heartbeat not written: {}", e.toString());
        }
    }
}
