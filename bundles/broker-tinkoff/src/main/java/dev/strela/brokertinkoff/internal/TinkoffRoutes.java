package dev.strela.brokertinkoff.internal;

import org.apache.camel.builder.RouteBuilder;

import dev.strela.api.error.ErrorCode;
import dev.strela.api.error.ErrorEvent;
import dev.strela.api.error.ErrorLog;
import dev.strela.api.error.ErrorSource;

/**
 * The adapter's rounds, on its own timer: NEW orders of the live run and the working ones (execution's notice on the
 * orders queue goes to one consumer, the paper broker's; the timer of {@code pollMillis} is this adapter's notice), and
 * a heartbeat call.
 */
final class TinkoffRoutes extends RouteBuilder {

    /** A round of the adapter that may be interrupted. */
    private interface Round {
        void run() throws InterruptedException;
    }

    private final TinkoffBroker broker;
    private final ErrorLog errors;
    private final long pollMillis;

    TinkoffRoutes(TinkoffBroker broker, ErrorLog errors, long pollMillis) {
        this.broker = broker;
        this.errors = errors;
        this.pollMillis = pollMillis;
    }

    @Override
    public void configure() {
        from("timer:strela.broker-tinkoff-poll?delay=" + pollMillis + "&period=" + pollMillis).routeId("broker-tinkoff.poll")
                .process(exchange -> {
                    guarded("poll", broker::takeNewOrders);
                    guarded("poll", broker::pollWorking);
                });
        from("timer:strela.broker-tinkoff-probe?delay=1000&period=5000").routeId("broker-tinkoff.probe")
                .process(exchange -> guarded("probe", broker::probe));
    }

    private void guarded(String what, Round round) {
        try {
            round.run();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (RuntimeException e) {
            errors.record(ErrorEvent.of(ErrorCode.ORDER_EXECUTION_FAILED, "route", "broker-tinkoff." + what, "error",
                    String.valueOf(e)).withSource(ErrorSource.BROKER).withThrowable(e));
        }
    }
}
