package dev.strela.strategyrunner.internal;

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
import dev.strela.api.model.BarClose;
import dev.strela.persistence.ServiceStatusRepository;
import dev.strela.persistence.UniverseRow;

/**
 * The runner's routes: its own queue of BAR_CLOSE events, one at a time, in order; a replay's bars, run on the
 * replay's thread; and the runner's heartbeat, every {@value #HEARTBEAT_MILLIS} ms, for the watchdog.
 */
@Component(service = RoutesBuilder.class)
public final class RunnerRoutes extends RouteBuilder {

    static final String BAR_CLOSE_ROUTE = "strategy-runner.bar-close";
    static final String REPLAY_ROUTE = "strategy-runner.replay-bar-close";
    static final long HEARTBEAT_MILLIS = 5000;
    private final StrategyRunner runner;
    private final ErrorLog errors;
    private final ServiceStatusRepository status;

    @Activate
    public RunnerRoutes(@Reference StrategyRunner runner, @Reference ErrorLog errors,
                        @Reference ServiceStatusRepository status) {
        this.runner = runner;
        this.errors = errors;
        this.status = status;
    }

    @Override
    public void configure() {
        onException(Exception.class).handled(true).process(exchange -> {
            Exception e = exchange.getProperty(Exchange.EXCEPTION_CAUGHT, Exception.class);
            errors.record(ErrorEvent.of(ErrorCode.INTERNAL_ERROR, "route", BAR_CLOSE_ROUTE, "error", String.valueOf(e))
                    .withSource(ErrorSource.STRATEGY_RUNNER).withThrowable(e));
        });
        from(Endpoints.barCloseSubscriber("strategy-runner")).routeId(BAR_CLOSE_ROUTE)
                .process(exchange -> runner.onBarClose(exchange.getMessage().getMandatoryBody(BarClose.class)));
        // A replay's bar: its errors go back to the replay (no onException handling here), which fails and says why.
        from(Endpoints.REPLAY_BAR_CLOSE).routeId(REPLAY_ROUTE).onException(Exception.class).handled(false).end()
                .process(exchange -> runner.onReplayBarCloses(replayBars(exchange.getMessage().getBody()),
                        exchange.getMessage().getHeader(Endpoints.RUN_HEADER, String.class),
                        replayRows(exchange.getMessage().getHeader(Endpoints.REPLAY_ROWS_HEADER))));
        from("timer:strela.strategy-runner-heartbeat?delay=1000&period=" + HEARTBEAT_MILLIS).routeId("strategy-runner.heartbeat")
                .process(exchange -> status.heartbeat(ErrorSource.STRATEGY_RUNNER.code(), "up", Instant.now()));
    }

    /** The bars that closed at one minute of a replay (a list), or one bar. */
    private static List<BarClose> replayBars(Object body) {
        if (body instanceof BarClose bar) {
            return List.of(bar);
        }
        if (!(body instanceof List<?> bars) || !bars.stream().allMatch(BarClose.class::isInstance)) {
            throw new IllegalArgumentException("replay_bars_missing: the body of " + Endpoints.REPLAY_BAR_CLOSE
                    + " must be a BarClose or a list of them, was " + body);
        }
        return bars.stream().map(BarClose.class::cast).toList();
    }

    private static List<UniverseRow> replayRows(Object header) {
        if (!(header instanceof List<?> rows) || !rows.stream().allMatch(UniverseRow.class::isInstance)) {
            throw new IllegalArgumentException("replay_rows_missing: header " + Endpoints.REPLAY_ROWS_HEADER
                    + " must be the list of the replay's universe rows, was " + header);
        }
        return rows.stream().map(UniverseRow.class::cast).toList();
    }
}
