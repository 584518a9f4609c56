package dev.strela.persistence;

import dev.strela.api.model.Order;

/**
 * An order a broker holds (status SUBMITTED or PARTIALLY_FILLED), see {@link BrokerStore#workingOrders}.
 *
 * @param runId               {@code live_orders.run_id}
 * @param order               the order; a STOP_LOSS is a STOP and a TAKE_PROFIT a LIMIT order, see {@code role}
 * @param filledLots          {@code live_orders.filled_lots}
 * @param role                {@link #REGULAR}, {@link #STOP_LOSS} or {@link #TAKE_PROFIT}, from
 *                            {@code live_orders.order_type}
 * @param parentClientOrderId client order id of the order a protective order protects ({@code parent_order_id}),
 *                            else null
 */
public record WorkingOrderRow(String runId, Order order, long filledLots, String role, String parentClientOrderId) {

    /** An order the platform sent: an entry or a close. */
    public static final String REGULAR = "REGULAR";
    /** A broker-held protective stop ({@code order_type = 'STOP_LOSS'}). */
    public static final String STOP_LOSS = "STOP_LOSS";
    /** A broker-held protective take-profit ({@code order_type = 'TAKE_PROFIT'}). */
    public static final String TAKE_PROFIT = "TAKE_PROFIT";
}
