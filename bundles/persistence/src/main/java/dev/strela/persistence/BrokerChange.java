package dev.strela.persistence;

import java.math.BigDecimal;
import java.util.Objects;

import dev.strela.api.model.Fill;
import dev.strela.api.model.OrderSide;
import dev.strela.api.model.OrderStatus;

/**
 * One change a broker call made, for {@link BrokerStore#apply}. Orders are found by {@code client_order_id}
 * (unique across all runs); an unknown one throws {@code IllegalArgumentException("order_not_found: ...")}.
 */
public sealed interface BrokerChange {

    /**
     * Sets {@code live_orders.status} and {@code filled_lots} of the order with this client id (whatever its run),
     * {@code broker_order_id} when not null (else kept), and {@code reject_reason} when {@code to} is REJECTED (else
     * kept). The transition must be allowed by {@link OrderStatus#canTransitionTo} from the stored status, else
     * {@code IllegalStateException("order_transition_refused: ...")}; filled lots never decrease, else
     * {@code IllegalStateException("order_filled_lots_decrease: ...")}. The order's row is locked (FOR UPDATE) while
     * the transaction lasts.
     *
     * @param filledLots lots filled so far, after the change
     * @param reason     stored as {@code reject_reason} only when REJECTED; may be null
     */
    record StatusChange(String clientOrderId, OrderStatus to, long filledLots, String brokerOrderId, String reason)
            implements BrokerChange {

        public StatusChange {
            Objects.requireNonNull(clientOrderId, "clientOrderId");
            Objects.requireNonNull(to, "to");
        }
    }

    /**
     * A broker-held protective order: a {@code live_orders} row with {@code parent_order_id} = the parent's id, the
     * parent's run, {@code strategy_universe_id} and symbol, {@code signal_id} NULL, status NEW, {@code price} = the
     * trigger (STOP_LOSS) or limit (TAKE_PROFIT) level.
     *
     * @param orderType STOP_LOSS or TAKE_PROFIT, else {@code IllegalArgumentException}
     */
    record ProtectiveOrder(String clientOrderId, String parentClientOrderId, OrderSide side, String orderType, long lots,
                           BigDecimal price, String broker) implements BrokerChange {

        public ProtectiveOrder {
            Objects.requireNonNull(clientOrderId, "clientOrderId");
            Objects.requireNonNull(parentClientOrderId, "parentClientOrderId");
            Objects.requireNonNull(side, "side");
            Objects.requireNonNull(orderType, "orderType");
            Objects.requireNonNull(price, "price");
            Objects.requireNonNull(broker, "broker");
            if (!orderType.equals("STOP_LOSS") && !orderType.equals("TAKE_PROFIT")) {
                throw new IllegalArgumentException("orderType: STOP_LOSS or TAKE_PROFIT expected, got " + orderType);
            }
        }
    }

    /**
     * One fill of the order with this client id, which must belong to the applied run (else
     * {@code IllegalArgumentException("order_of_other_run: ...")}) and be in the fill's instrument:
     * <ul>
     * <li>a {@code live_trades} row, inserted with {@code ON CONFLICT (order_id, broker_trade_id) DO NOTHING}: a
     * repeated fill ({@link Fill#tradeId()}) changes nothing at all, not even the position and cash below;</li>
     * <li>the {@code live_positions} row of (run, {@code strategyUniverseId}, the order's symbol) set to the given
     * state (inserted or updated): {@code average_price} NULL when flat; {@code opened_at} the fill's time when the
     * position goes from flat (or from the other side) to open, kept while it stays open on one side, NULL when
     * flat; {@code updated_at} the time of writing;</li>
     * <li>the run's account cash (the account with the lowest id) set to {@code cashAfter}; left as it is when
     * cashAfter is null; {@code IllegalStateException("account_not_found: ...")} when the run has no account.</li>
     * </ul>
     *
     * @param positionQuantity   signed units after the fill
     * @param positionLots       signed lots after the fill
     * @param averagePrice       average entry price after the fill; ignored (stored NULL) when flat
     * @param realizedPnl        the position's realized PnL after the fill
     * @param positionCommission the position's commission after the fill
     */
    record Trade(String clientOrderId, Fill fill, long strategyUniverseId, long positionQuantity, long positionLots,
                 BigDecimal averagePrice, BigDecimal realizedPnl, BigDecimal positionCommission, BigDecimal cashAfter)
            implements BrokerChange {

        public Trade {
            Objects.requireNonNull(clientOrderId, "clientOrderId");
            Objects.requireNonNull(fill, "fill");
            Objects.requireNonNull(realizedPnl, "realizedPnl");
            Objects.requireNonNull(positionCommission, "positionCommission");
        }
    }
}
