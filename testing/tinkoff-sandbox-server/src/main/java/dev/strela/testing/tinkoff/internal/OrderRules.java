package dev.strela.testing.tinkoff.internal;

import java.math.BigDecimal;

import dev.strela.testing.tinkoff.TestInstrument;
import ru.tinkoff.piapi.contract.v1.OrderDirection;
import ru.tinkoff.piapi.contract.v1.OrderType;
import ru.tinkoff.piapi.contract.v1.PostOrderRequest;
import ru.tinkoff.piapi.contract.v1.Quotation;

/** The checks PostOrder and PostStopOrder make before anything enters the book, each with its Tinkoff code. */
final class OrderRules {
    private static final int MAX_ORDER_ID_LENGTH = 36;

    private OrderRules() {
    }

    static String requireOrderId(String orderId) {
        if (orderId.isBlank()) {
            throw ApiError.MISSING_ORDER_ID.exception();
        }
        if (orderId.length() > MAX_ORDER_ID_LENGTH) {
            throw ApiError.ORDER_ID_TOO_LONG.exception("length=" + orderId.length());
        }
        return orderId;
    }

    static OrderRequest validate(PostOrderRequest request, TestInstrument instrument) {
        long lots = requireLots(request.getQuantity());
        OrderDirection direction = request.getDirection();
        if (direction != OrderDirection.ORDER_DIRECTION_BUY && direction != OrderDirection.ORDER_DIRECTION_SELL) {
            throw ApiError.MISSING_DIRECTION.exception();
        }
        OrderType type = switch (request.getOrderType()) {
            case ORDER_TYPE_LIMIT -> OrderType.ORDER_TYPE_LIMIT;
            case ORDER_TYPE_MARKET, ORDER_TYPE_BESTPRICE -> OrderType.ORDER_TYPE_MARKET;
            default -> throw ApiError.MISSING_ORDER_TYPE.exception();
        };
        BigDecimal limit = type == OrderType.ORDER_TYPE_LIMIT ? requirePrice(request.getPrice(), instrument) : null;
        requireTradable(instrument, direction == OrderDirection.ORDER_DIRECTION_BUY);
        return new OrderRequest(direction, type, lots, limit, null);
    }

    static long requireLots(long quantity) {
        if (quantity == 0) {
            throw ApiError.MISSING_QUANTITY.exception();
        }
        if (quantity < 0) {
            throw ApiError.NEGATIVE_QUANTITY.exception("quantity=" + quantity);
        }
        return quantity;
    }

    /** A positive price on the instrument's price grid. */
    static BigDecimal requirePrice(Quotation price, TestInstrument instrument) {
        if (!Decimals.isSet(price)) {
            throw ApiError.MISSING_PRICE.exception();
        }
        BigDecimal value = Decimals.of(price);
        if (value.signum() < 0) {
            throw ApiError.NEGATIVE_PRICE.exception("price=" + value.toPlainString());
        }
        if (!Decimals.isMultipleOf(value, instrument.minPriceIncrement())) {
            throw ApiError.PRICE_INCREMENT.exception("price=" + value.toPlainString()
                    + ", min_price_increment=" + instrument.minPriceIncrement().toPlainString());
        }
        return value;
    }

    static void requireTradable(TestInstrument instrument, boolean buy) {
        if (!instrument.apiTradeAvailable()) {
            throw ApiError.API_TRADING_FORBIDDEN.exception("ticker=" + instrument.ticker());
        }
        if (!instrument.isTrading()) {
            throw ApiError.NOT_AVAILABLE_FOR_TRADING.exception("ticker=" + instrument.ticker()
                    + ", trading_status=" + instrument.tradingStatus());
        }
        if (buy ? !instrument.buyAvailable() : !instrument.sellAvailable()) {
            throw ApiError.NOT_AVAILABLE_FOR_TRADING.exception("ticker=" + instrument.ticker()
                    + ", direction=" + (buy ? "buy" : "sell"));
        }
    }
}
