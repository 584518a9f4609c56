package dev.strela.execution.internal;

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

/**
 * Execution's routes: a new signal's id decides it at once; a timer decides whatever is still unprocessed (after a
 * restart, a lost notification, or rules that compiled late) and sends the execution heartbeat.
 */
@Component(service = RoutesBuilder.class)
public final class ExecutionRoutes extends RouteBuilder {

    static final String SIGNALS_ROUTE = "execution.signals";
    static final String POLL_ROUTE = "execution.poll";
    private static final int POLL_BATCH = 500;

    private final ExecutionEngine engine;
    private final ErrorLog errors;
    private final long pollMillis;

    @Activate
    public ExecutionRoutes(@Reference ExecutionEngine engine, @Reference ErrorLog errors, ExecutionConfig config) {
        this.engine = engine;
        this.errors = errors;
        this.pollMillis = Math.max(100, config.pollMillis());
    }

    @Override
    public void configure() {
        onException(Exception.class).handled(true).process(exchange -> {
            Exception e = exchange.getProperty(Exchange.EXCEPTION_CAUGHT, Exception.class);
            errors.record(ErrorEvent.of(ErrorCode.INTERNAL_ERROR, "route", exchange.getFromRouteId(), "error",
                    String.valueOf(e)).withSource(ErrorSource.EXECUTION).withThrowable(e));
        });
        from(Endpoints.SIGNALS_NEW).routeId(SIGNALS_ROUTE)
                .process(exchange -> engine.processor().process(exchange.getMessage().getMandatoryBody(Long.class)));
        from("timer:strela.execution-poll?delay=" + pollMillis + "&period=" + pollMillis).routeId(POLL_ROUTE)
                .process(exchange -> {
                    exchange.getMessage().setBody(ErrorSource.EXECUTION.code());
                    engine.processor().processPending(POLL_BATCH);
                })
                .to(Endpoints.HEARTBEATS);
    }
}
