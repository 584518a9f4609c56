package dev.strela.brokerfake.internal;

import java.time.Instant;
import java.util.List;

import org.apache.camel.Exchange;
import org.apache.camel.RoutesBuilder;
import org.apache.camel.builder.RouteBuilder;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

import dev.strela.api.bus.Endpoints;
import dev.strela.api.error.ErrorCode;
import dev.strela.api.error.ErrorEvent;
import dev.strela.api.error.ErrorLog;
import dev.strela.api.error.ErrorSource;
import dev.strela.api.model.Bar;
import dev.strela.persistence.ServiceStatusRepository;

/** FakeBroker's routes: new orders, stored minutes, and a poll for NEW orders (with the broker heartbeat). */
@Component(service = RoutesBuilder.class, configurationPid = FakeBrokerConfig.PID)
public final class FakeBrokerRoutes extends RouteBuilder {

    private final FakeBroker broker;
    private final ErrorLog errors;
    private final ServiceStatusRepository status;
    private final long pollMillis;

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
        // The message wakes the broker up; which orders are its own ('fake') the database says.
        from(Endpoints.ORDERS_NEW).routeId("broker-fake.orders").process(exchange -> broker.takeNewOrders());
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
                .process(exchange -> {
                    broker.takeNewOrders();
                    status.heartbeat(ErrorSource.BROKER.code(), "up", Instant.now());
                });
    }

    private static String run(Exchange exchange) {
        return exchange.getMessage().getHeader(Endpoints.RUN_HEADER, String.class);
    }

    @SuppressWarnings("unchecked")
    private static List<Bar> minutes(List<?> body) {
        return (List<Bar>) body;
    }
}
