package dev.strela.itests.ping;

import org.apache.camel.RoutesBuilder;
import org.apache.camel.builder.RouteBuilder;
import org.osgi.service.component.annotations.Component;

/** Sends a numbered ping every 100 ms to the queue the pong bundle consumes. */
@Component(service = RoutesBuilder.class)
public final class PingRoutes extends RouteBuilder {

    public static final String ROUTE_ID = "probe.ping";
    public static final String PINGS = "seda:strela.probe.pings";

    @Override
    public void configure() {
        from("timer:strela-probe-ping?period=100").routeId(ROUTE_ID)
                .setBody(exchangeProperty("CamelTimerCounter"))
                .to(PINGS);
    }
}
