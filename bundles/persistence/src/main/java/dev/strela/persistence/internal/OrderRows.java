package dev.strela.persistence.internal;

import java.math.BigDecimal;
import java.sql.ResultSet;
import java.sql.SQLException;

import dev.strela.api.model.Order;
import dev.strela.api.model.OrderSide;
import dev.strela.api.model.OrderStatus;
import dev.strela.api.model.OrderType;
import dev.strela.persistence.WorkingOrderRow;

/** Maps {@code live_orders} rows ({@code SELECT *} or {@code RETURNING *}) to {@link Order}. */
final class OrderRows {

    /** Statuses of an order that may still fill or be cancelled, as an SQL list. */
    static final String ACTIVE_STATUSES = "('NEW', 'SUBMITTED', 'PARTIALLY_FILLED')";
    /** Statuses of an order a broker has taken and still works on, as an SQL list. */
    static final String WORKING_STATUSES = "('SUBMITTED', 'PARTIALLY_FILLED')";

    private OrderRows() {
    }

    /** Protective orders are stored as STOP_LOSS / TAKE_PROFIT; to a strategy they are a stop and a limit. */
    static OrderType orderType(String stored) {
        return switch (stored) {
            case "STOP_LOSS" -> OrderType.STOP;
            case "TAKE_PROFIT" -> OrderType.LIMIT;
            default -> OrderType.valueOf(stored);
        };
    }

    /** The role of a stored order type: STOP_LOSS, TAKE_PROFIT, else REGULAR (see {@code WorkingOrderRow}). */
    static String role(String stored) {
        return switch (stored) {
            case "STOP_LOSS" -> WorkingOrderRow.STOP_LOSS;
            case "TAKE_PROFIT" -> WorkingOrderRow.TAKE_PROFIT;
            default -> WorkingOrderRow.REGULAR;
        };
    }

    static Order order(ResultSet rs) throws SQLException {
        long signal = rs.getLong("signal_id");
        OrderType type = orderType(rs.getString("order_type"));
        BigDecimal price = rs.getBigDecimal("price");
        if (price == null && type != OrderType.MARKET) {
            price = type == OrderType.STOP ? rs.getBigDecimal("stop_loss") : rs.getBigDecimal("take_profit");
        }
        return new Order(rs.getLong("id"), rs.getString("client_order_id"), rs.getLong("strategy_universe_id"), signal,
                rs.getString("symbol"), OrderSide.valueOf(rs.getString("side")), type, rs.getLong("lots"), price,
                rs.getBigDecimal("stop_loss"), rs.getBigDecimal("take_profit"), OrderStatus.valueOf(rs.getString("status")),
                rs.getString("broker_order_id"), rs.getTimestamp("created_at").toInstant());
    }
}
