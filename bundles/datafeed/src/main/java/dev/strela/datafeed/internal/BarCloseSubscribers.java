package dev.strela.datafeed.internal;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
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
     * {@code bar_close_undelivered}, naming the bar, instead of vanishing. At most one report a minute: the next one
     * says how many bars went undelivered in between without a report of their own (an import run while the runner
     * is stopped would otherwise write a row per bar).
     */
    static Expression expression(ErrorLog errors, Clock clock) {
        Undelivered undelivered = new Undelivered(errors, clock);
        return new ExpressionAdapter() {
            @Override
            public Object evaluate(Exchange exchange) {
                List<Endpoint> subscribers = of(exchange);
                if (subscribers.isEmpty()) {
                    undelivered.bar(exchange.getMessage().getBody());
                }
                return subscribers;
            }
        };
    }

    /** Reports undelivered bars, at most once per {@link #EVERY}. */
    private static final class Undelivered {
        static final Duration EVERY = Duration.ofMinutes(1);
        private final ErrorLog errors;
        private final Clock clock;
        private Instant lastReport;
        private long unreported;

        Undelivered(ErrorLog errors, Clock clock) {
            this.errors = errors;
            this.clock = clock;
        }

        synchronized void bar(Object body) {
            Instant now = clock.instant();
            if (lastReport != null && now.isBefore(lastReport.plus(EVERY))) {
                unreported++;
                return;
            }
            ErrorEvent event = ErrorEvent.of(ErrorCode.BAR_CLOSE_UNDELIVERED, "bar", body, "unreported_before", unreported,
                    "note", "no BAR_CLOSE subscriber was running (is the strategy runner started?); no strategy saw this bar");
            if (body instanceof BarClose bar) {
                event = event.forSymbol(bar.instrumentId(), bar.timeframe());
            }
            errors.record(event);
            lastReport = now;
            unreported = 0;
        }
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
