package dev.strela.execution.internal;

import java.time.Instant;

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
import dev.strela.persistence.ServiceStatusRepository;

/**
 * Execution's routes: a new signal's id decides it at once; a timer decides whatever is still unprocessed (after a
 * restart, a lost notification, or rules that compiled late) and writes the execution heartbeat.
 */
@Component(service = RoutesBuilder.class, configurationPid = ExecutionConfig.PID)
public final class ExecutionRoutes extends RouteBuilder {

    private static final Logger LOG = LoggerFactory.getLogger(ExecutionRoutes.class);
    static final String SIGNALS_ROUTE = "execution.signals";
    static final String POLL_ROUTE = "execution.poll";
    static final String REPLAY_ROUTE = "execution.replay-signals";
    private static final int POLL_BATCH = 500;
    private static final java.time.Duration RULES_WAIT = java.time.Duration.ofSeconds(60);

    private final ExecutionEngine engine;
    private final ErrorLog errors;
    private final ServiceStatusRepository status;
    private final long pollMillis;

    @Activate
    public ExecutionRoutes(@Reference ExecutionEngine engine, @Reference ErrorLog errors,
                           @Reference ServiceStatusRepository status, ExecutionConfig config) {
        this.engine = engine;
        this.status = status;
        this.errors = errors;
        this.pollMillis = Math.max(100, config.pollMillis());
    }

    /**
     * Decides a replay's signal now. Right after a start the first rule set may still be compiling: the replay waits for
     * it (up to {@link #RULES_WAIT}) rather than skip the signal; without rules in force by then it fails and says why.
     */
    void decideReplaySignal(long id, String run) throws InterruptedException {
        long deadline = System.nanoTime() + RULES_WAIT.toNanos();
        while (true) {
            boolean rulesInForce = engine.status().activeVersion() != null;   // read before deciding: they may arrive meanwhile
            if (engine.processor().process(id).isPresent()) {
                return;
            }
            if (rulesInForce) {
                throw new IllegalStateException("signal_not_decided: signal_id=" + id + ", run " + run
                        + ": already decided or being decided elsewhere");
            }
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("signal_not_decided: signal_id=" + id + ", run " + run
                        + ": no rule set in force after " + RULES_WAIT.toSeconds() + " s (strela:rules shows why)");
            }
            Thread.sleep(100);
        }
    }

    @Override
    public void configure() {
        onException(Exception.class).handled(true).process(exchange -> {
            Exception e = exchange.getProperty(Exchange.EXCEPTION_CAUGHT, Exception.class);
            LOG.error("Route {} failed; it goes on with the next message", exchange.getFromRouteId(), e);
            errors.record(ErrorEvent.of(ErrorCode.INTERNAL_ERROR, "route", exchange.getFromRouteId(), "error",
                    String.valueOf(e)).withSource(ErrorSource.EXECUTION).withThrowable(e));
        });
        from(Endpoints.SIGNALS_NEW).routeId(SIGNALS_ROUTE)
                .process(exchange -> engine.processor().process(exchange.getMessage().getMandatoryBody(Long.class)));
        // A replay's signal, decided on the replay's thread; a failure goes back to the replay, which stops and says why.
        from(Endpoints.REPLAY_SIGNALS_NEW).routeId(REPLAY_ROUTE).onException(Exception.class).handled(false).end()
                .process(exchange -> decideReplaySignal(exchange.getMessage().getMandatoryBody(Long.class),
                        exchange.getMessage().getHeader(Endpoints.RUN_HEADER, String.class)));
        from("timer:strela.execution-poll?delay=" + pollMillis + "&period=" + pollMillis).routeId(POLL_ROUTE)
                .process(exchange -> {
                    engine.processor().processPending(POLL_BATCH);
                    status.heartbeat(ErrorSource.EXECUTION.code(), engine.status().activeVersion() == null
                            ? "degraded" : "up", Instant.now());
                });
    }
}
