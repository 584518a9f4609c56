package dev.strela.itests.pong;

import org.apache.camel.RoutesBuilder;
import org.apache.camel.builder.RouteBuilder;
import org.osgi.service.component.annotations.Component;

/** Answers each ping from the ping bundle with "pong-N" on a queue the test reads. */
@Component(service = RoutesBuilder.class)
public final class PongRoutes extends RouteBuilder {

    public static final String ROUTE_ID = "probe.pong";
    public static final String PINGS = "seda:strela.probe.pings";
    public static final String PONGS = "seda:strela.probe.pongs";

    @Override
    public void configure() {
        from(PINGS).routeId(ROUTE_ID)
                .setBody(simple("pong-${body}"))
                .to(PONGS);
    }
}
