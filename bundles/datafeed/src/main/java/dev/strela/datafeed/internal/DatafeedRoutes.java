package dev.strela.datafeed.internal;

import org.apache.camel.RoutesBuilder;
import org.apache.camel.builder.RouteBuilder;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

import dev.strela.api.bus.Endpoints;
import dev.strela.api.error.ErrorCode;
import dev.strela.api.error.ErrorEvent;
import dev.strela.api.error.ErrorLog;
import dev.strela.api.model.Bar;
import dev.strela.persistence.MarketDataRepository.CandleSource;

/**
 * The data feed's routes: live 1-minute candles in, the once-a-second watch of the live feed, and the
 * in-order fan-out of BAR_CLOSE events to every consumer's own queue. A candle
 * that fails (bad body, database down) is reported, never silently dropped, and the route keeps running.
 */
@Component(service = RoutesBuilder.class)
public final class DatafeedRoutes extends RouteBuilder {

    /** Optional header naming the candle source: {@code tinkoff} (default), {@code generator}, {@code file}. */
    public static final String SOURCE_HEADER = Endpoints.CANDLE_SOURCE_HEADER;

    private final LiveFeed live;
    private final ErrorLog errors;

    @Activate
    public DatafeedRoutes(@Reference LiveFeed live, @Reference ErrorLog errors) {
        this.live = live;
        this.errors = errors;
    }

    @Override
    public void configure() {
        onException(Exception.class).handled(true).process(exchange -> {
            Exception e = exchange.getProperty(org.apache.camel.Exchange.EXCEPTION_CAUGHT, Exception.class);
            errors.record(ErrorEvent.of(ErrorCode.CANDLE_REJECTED, "route", exchange.getFromRouteId(),
                    "error", String.valueOf(e)).withThrowable(e));
        });

        from(Endpoints.CANDLES_1M).routeId("datafeed.candles-in")
                .process(exchange -> {
                    Bar minute = exchange.getMessage().getMandatoryBody(Bar.class);
                    String source = exchange.getMessage().getHeader(SOURCE_HEADER, "tinkoff", String.class);
                    live.onCandle(minute, CandleSource.valueOf(source.toUpperCase(java.util.Locale.ROOT)));
                });

        from("timer:strela-datafeed-watch?period=1000").routeId("datafeed.live-watch")
                .process(exchange -> live.tick());

        from(Endpoints.BAR_CLOSE).routeId("datafeed.bar-close-fanout")
                .recipientList(BarCloseSubscribers.expression(errors, java.time.Clock.systemUTC()));
    }
}
