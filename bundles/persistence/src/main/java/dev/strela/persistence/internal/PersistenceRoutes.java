package dev.strela.persistence.internal;

import org.apache.camel.RoutesBuilder;
import org.apache.camel.builder.RouteBuilder;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

import dev.strela.api.bus.Endpoints;
import dev.strela.api.error.ErrorEvent;
import dev.strela.api.error.ErrorLog;

/**
 * The persistence bundle's routes: error events sent on the bus by any bundle are stored through the
 * {@link ErrorLog}. A message that is not an {@link ErrorEvent} is itself reported, not dropped silently.
 */
@Component(service = RoutesBuilder.class)
public final class PersistenceRoutes extends RouteBuilder {

    static final String ERRORS_ROUTE = "persistence.errors-store";
    private final ErrorLog errorLog;

    @Activate
    public PersistenceRoutes(@Reference ErrorLog errorLog) {
        this.errorLog = errorLog;
    }

    @Override
    public void configure() {
        from(Endpoints.ERRORS).routeId(ERRORS_ROUTE)
                .process(exchange -> {
                    Object body = exchange.getMessage().getBody();
                    if (body instanceof ErrorEvent event) {
                        errorLog.record(event);
                    } else {
                        errorLog.record(ErrorEvent.of(dev.strela.api.error.ErrorCode.INTERNAL_ERROR,
                                "type", body == null ? "null" : body.getClass().getName(), "endpoint", Endpoints.ERRORS));
                    }
                });
    }
}
