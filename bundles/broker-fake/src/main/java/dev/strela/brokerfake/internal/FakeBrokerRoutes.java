package dev.strela.brokerfake.internal;

import java.time.Instant;
import java.util.List;

import org.apache.camel.Exchange;
import org.apache.camel.RoutesBuilder;
import org.apache.camel.builder.RouteBuilder;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import dev.strela.api.bus.Endpoints;
import dev.strela.api.error.ErrorCode;
import dev.strela.api.error.ErrorEvent;
import dev.strela.api.error.ErrorLog;
import dev.strela.api.error.ErrorSource;
import dev.strela.api.error.Severity;
import dev.strela.api.model.Bar;
import dev.strela.persistence.ServiceStatusRepository;

/**
 * FakeBroker's routes: new orders, stored minutes, and a poll for NEW orders with the broker heartbeat. The poll asks
 * the broker first: while its calls fail the heartbeat says {@code down} (the watchdog stops trading on it) and the
 * first failure of an outage is reported with its text ({@code broker_down}).
 */
@Component(service = RoutesBuilder.class, configurationPid = FakeBrokerConfig.PID)
public final class FakeBrokerRoutes extends RouteBuilder {

    private static final Logger LOG = LoggerFactory.getLogger(FakeBrokerRoutes.class);
    private final FakeBroker broker;
    private final ErrorLog errors;
    private final ServiceStatusRepository status;
    private final long pollMillis;
    private volatile boolean down;

    @Activate
    public FakeBrokerRoutes(@Reference FakeBroker broker, @Reference ErrorLog errors,
                            @Reference ServiceStatusRepository status, FakeBrokerConfig config) {
        this.broker = broker;
        this.errors = errors;
        this.status = status;
        this.pollMillis = Math.max(100, config.pollMillis());
    }

    @Override
    public void configure() {
        onException(Exception.class).handled(true).process(exchange -> {
            Exception e = exchange.getProperty(Exchange.EXCEPTION_CAUGHT, Exception.class);
            errors.record(ErrorEvent.of(ErrorCode.ORDER_EXECUTION_FAILED, "route", exchange.getFromRouteId(), "error",
                    String.valueOf(e)).withSource(ErrorSource.BROKER).withThrowable(e));
        });
        // The message wakes the broker up; which orders are its own ('fake') the database says. While the link to the
        // broker is down the orders stay NEW (the poll reports the outage and the watchdog stops trading). The exception
        // is caught here: Camel's onException resolves classes by name and cannot see this bundle's own.
        from(Endpoints.ORDERS_NEW).routeId("broker-fake.orders").process(exchange -> {
            try {
                broker.takeNewOrders();
            } catch (BrokerDrill.BrokerUnavailableException e) {
                LOG.debug("FakeBroker unreachable: {}", e.getMessage());
            }
        });
        from(Endpoints.MINUTES_STORED).routeId("broker-fake.minutes")
                .process(exchange -> broker.onMinutes(minutes(exchange.getMessage().getMandatoryBody(List.class))));
        // A replay's messages, on the replay's thread; failures go back to the replay, which stops and says why.
        from(Endpoints.REPLAY_ORDERS_NEW).routeId("broker-fake.replay-orders").onException(Exception.class).handled(false).end()
                .process(exchange -> broker.replayOrders(run(exchange)));
        from(Endpoints.REPLAY_MINUTES).routeId("broker-fake.replay-minutes").onException(Exception.class).handled(false).end()
                .process(exchange -> broker.replayMinutes(run(exchange), minutes(exchange.getMessage().getMandatoryBody(List.class))));
        from(Endpoints.REPLAY_FINISHED).routeId("broker-fake.replay-finished")
                .process(exchange -> broker.replayFinished(exchange.getMessage().getMandatoryBody(String.class)));
        from("timer:strela.broker-fake-poll?delay=" + pollMillis + "&period=" + pollMillis).routeId("broker-fake.poll")
                .process(exchange -> poll());
    }

    private void poll() {
        try {
            broker.probe();
        } catch (BrokerDrill.BrokerUnavailableException e) {
            status.heartbeat(ErrorSource.BROKER.code(), "down", Instant.now());
            if (!down) {
                down = true;
                errors.record(ErrorEvent.of(ErrorCode.BROKER_DOWN, "broker", broker.name(), "error", e.getMessage())
                        .withSeverity(Severity.ERROR));
            }
            broker.rejectUnsentWhileStopped();
            return;
        }
        if (down) {
            down = false;
            LOG.info("FakeBroker answers again");
        }
        status.heartbeat(ErrorSource.BROKER.code(), "up", Instant.now());
        broker.takeNewOrders();
    }

    private static String run(Exchange exchange) {
        return exchange.getMessage().getHeader(Endpoints.RUN_HEADER, String.class);
    }

    @SuppressWarnings("unchecked")
    private static List<Bar> minutes(List<?> body) {
        return (List<Bar>) body;
    }
}
