package dev.strela.brokerfake.internal;

import java.util.Locale;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Modified;
import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.Designate;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A broker outage on demand, to rehearse what the platform does when its broker stops answering
 * ({@code etc/dev.strela.brokerfake.drill.cfg}, or {@code config:property-set -p dev.strela.brokerfake.drill fault fail}):
 * with {@code fail} every call from the platform to FakeBroker fails at once, with {@code hang} each one answers nothing
 * for {@code hangMillis} and then fails as timed out. The simulated market goes on (fills of orders already at the
 * broker still happen); only the link to it is down. Changed while running, without restarting FakeBroker.
 */
@Component(service = BrokerDrill.class, configurationPid = BrokerDrill.PID)
@Designate(ocd = BrokerDrill.Config.class)
public final class BrokerDrill {

    static final String PID = "dev.strela.brokerfake.drill";
    private static final Logger LOG = LoggerFactory.getLogger(BrokerDrill.class);

    /** The drill's settings. */
    @ObjectClassDefinition(name = "Strela simulated broker: outage drill")
    public @interface Config {
        @AttributeDefinition(description = "none, fail (every call fails at once) or hang (every call times out)")
        String fault() default "none";

        @AttributeDefinition(description = "With 'hang': how long a call waits before it fails as timed out (ms)")
        long hangMillis() default 5000;
    }

    /** What the link to the broker does. */
    enum Fault { NONE, FAIL, HANG }

    /** A call to the broker failed: it did not reach the broker or got no answer. */
    static final class BrokerUnavailableException extends RuntimeException {
        BrokerUnavailableException(String message) {
            super(message);
        }
    }

    private volatile Fault fault = Fault.NONE;
    private volatile long hangMillis = 5000;

    @Activate
    public BrokerDrill(Config config) {
        modified(config);
    }

    @Modified
    void modified(Config config) {
        Fault requested;
        try {
            requested = parse(config.fault());
        } catch (IllegalArgumentException e) {
            LOG.error("Broker drill: {} in {}; the drill stays as it was ({})", e.getMessage(), PID, fault);
            return;
        }
        hangMillis = Math.max(0, config.hangMillis());
        if (requested != fault) {
            fault = requested;
            if (requested == Fault.NONE) {
                LOG.warn("Broker drill over: FakeBroker answers again");
            } else {
                LOG.warn("Broker drill: every call to FakeBroker now {}", requested == Fault.FAIL ? "fails"
                        : "times out after " + hangMillis + " ms");
            }
        }
    }

    static Fault parse(String text) {
        String value = text == null ? "" : text.trim().toUpperCase(Locale.ROOT);
        try {
            return value.isEmpty() ? Fault.NONE : Fault.valueOf(value);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("fault: none, fail or hang, was '" + text + "'");
        }
    }

    /**
     * Before each call from the platform to the broker.
     *
     * @throws BrokerUnavailableException while the drill's outage lasts
     */
    void call(String what) {
        Fault now = fault;
        if (now == Fault.NONE) {
            return;
        }
        if (now == Fault.HANG) {
            try {
                Thread.sleep(hangMillis);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            throw new BrokerUnavailableException("FakeBroker did not answer " + what + " within " + hangMillis
                    + " ms (outage drill: fault=hang in " + PID + ")");
        }
        throw new BrokerUnavailableException("FakeBroker refused the connection for " + what
                + " (outage drill: fault=fail in " + PID + ")");
    }
}
