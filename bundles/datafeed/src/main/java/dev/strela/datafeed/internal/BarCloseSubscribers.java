package dev.strela.datafeed.internal;

import java.util.ArrayList;
import java.util.List;

import org.apache.camel.CamelContext;
import org.apache.camel.Endpoint;
import org.apache.camel.Exchange;
import org.apache.camel.Expression;
import org.apache.camel.Route;
import org.apache.camel.support.ExpressionAdapter;

import dev.strela.api.bus.Endpoints;

/**
 * The BAR_CLOSE subscribers right now: the endpoints of the running routes that read a queue under
 * {@link Endpoints#BAR_CLOSE_SUBSCRIBER_PREFIX}. Asked for every event, so a consumer bundle that starts
 * or stops is followed at once.
 */
final class BarCloseSubscribers {

    private static final String PREFIX = Endpoints.BAR_CLOSE_SUBSCRIBER_PREFIX.replace("seda:", "seda://");

    /** The recipient list expression of the fan-out route (no bean language needed). */
    static final Expression EXPRESSION = new ExpressionAdapter() {
        @Override
        public Object evaluate(Exchange exchange) {
            return of(exchange);
        }
    };

    private BarCloseSubscribers() {
    }

    static List<Endpoint> of(Exchange exchange) {
        CamelContext camel = exchange.getContext();
        List<Endpoint> endpoints = new ArrayList<>();
        for (Route route : camel.getRoutes()) {
            Endpoint endpoint = route.getEndpoint();
            if (endpoint != null && endpoint.getEndpointUri().startsWith(PREFIX)
                    && camel.getRouteController().getRouteStatus(route.getRouteId()).isStarted()) {
                endpoints.add(endpoint);
            }
        }
        return endpoints;
    }
}
