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
import dev.strela.api.error.ErrorCode;
import dev.strela.api.error.ErrorEvent;
import dev.strela.api.error.ErrorLog;
import dev.strela.api.model.BarClose;

/**
 * The BAR_CLOSE subscribers right now: the endpoints of the running routes that read a queue under
 * {@link Endpoints#BAR_CLOSE_SUBSCRIBER_PREFIX}. Asked for every event, so a consumer bundle that starts
 * or stops is followed at once.
 */
final class BarCloseSubscribers {

    private static final String PREFIX = Endpoints.BAR_CLOSE_SUBSCRIBER_PREFIX.replace("seda:", "seda://");

    /**
     * The recipient list expression of the fan-out route (no bean language needed). A bar that closes while no
     * subscriber runs (the strategy runner is being updated or restarted) reaches no strategy: it is reported as
     * {@code bar_close_undelivered}, naming the bar, instead of vanishing.
     */
    static Expression expression(ErrorLog errors) {
        return new ExpressionAdapter() {
            @Override
            public Object evaluate(Exchange exchange) {
                List<Endpoint> subscribers = of(exchange);
                if (subscribers.isEmpty()) {
                    undelivered(exchange.getMessage().getBody(), errors);
                }
                return subscribers;
            }
        };
    }

    private static void undelivered(Object body, ErrorLog errors) {
        ErrorEvent event = ErrorEvent.of(ErrorCode.BAR_CLOSE_UNDELIVERED, "bar", body, "note",
                "no BAR_CLOSE subscriber was running (is the strategy runner started?); no strategy saw this bar");
        if (body instanceof BarClose bar) {
            event = event.forSymbol(bar.instrumentId(), bar.timeframe());
        }
        errors.record(event);
    }

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
