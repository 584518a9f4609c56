package dev.strela.brokertinkoff.internal;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import dev.strela.api.error.ErrorCode;
import dev.strela.api.error.ErrorEvent;
import dev.strela.api.error.ErrorLog;
import dev.strela.api.model.Order;

/** The error record of the live run's orders: each error against its order's universe row when it has one. */
final class OrderErrors {

    private static final Logger LOG = LoggerFactory.getLogger(OrderErrors.class);

    private final ErrorLog errors;

    OrderErrors(ErrorLog errors) {
        this.errors = errors;
    }

    /** One order's step failed unexpectedly: recorded with its stack trace; the round goes on with the next. */
    void failed(Order order, String step, RuntimeException e) {
        record(ErrorEvent.of(ErrorCode.ORDER_EXECUTION_FAILED, "order", order.clientOrderId(), "step", step,
                "error", String.valueOf(e)).withThrowable(e), order);
        LOG.error("Order {}: {} failed: {}", order.clientOrderId(), step, e.toString());
    }

    /** Records an error of an order, with its universe row when it has one. */
    void record(ErrorEvent event, Order order) {
        errors.record(order.strategyUniverseId() > 0 ? event.forRow(order.strategyUniverseId()) : event);
    }
}
