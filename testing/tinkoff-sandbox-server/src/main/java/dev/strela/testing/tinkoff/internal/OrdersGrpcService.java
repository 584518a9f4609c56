package dev.strela.testing.tinkoff.internal;

import io.grpc.stub.StreamObserver;
import ru.tinkoff.piapi.contract.v1.CancelOrderRequest;
import ru.tinkoff.piapi.contract.v1.CancelOrderResponse;
import ru.tinkoff.piapi.contract.v1.GetOrderStateRequest;
import ru.tinkoff.piapi.contract.v1.GetOrdersRequest;
import ru.tinkoff.piapi.contract.v1.GetOrdersResponse;
import ru.tinkoff.piapi.contract.v1.OrderState;
import ru.tinkoff.piapi.contract.v1.OrdersServiceGrpc;
import ru.tinkoff.piapi.contract.v1.PostOrderRequest;
import ru.tinkoff.piapi.contract.v1.PostOrderResponse;
import ru.tinkoff.piapi.contract.v1.ReplaceOrderRequest;

/** OrdersService: PostOrder, CancelOrder, GetOrderState, GetOrders, ReplaceOrder; GetMaxLots is not implemented. */
public final class OrdersGrpcService extends OrdersServiceGrpc.OrdersServiceImplBase {
    private final Exchange exchange;

    public OrdersGrpcService(Exchange exchange) {
        this.exchange = exchange;
    }

    @Override
    public void postOrder(PostOrderRequest request, StreamObserver<PostOrderResponse> observer) {
        Unary.reply(observer, () -> OrderViews.postResponse(exchange.orders().post(request).order()));
    }

    @Override
    public void cancelOrder(CancelOrderRequest request, StreamObserver<CancelOrderResponse> observer) {
        Unary.reply(observer, () -> cancel(exchange, request));
    }

    @Override
    public void getOrderState(GetOrderStateRequest request, StreamObserver<OrderState> observer) {
        Unary.reply(observer, () -> OrderViews.state(exchange.orders().require(request.getAccountId(), request.getOrderId())));
    }

    @Override
    public void getOrders(GetOrdersRequest request, StreamObserver<GetOrdersResponse> observer) {
        Unary.reply(observer, () -> orders(exchange, request.getAccountId()));
    }

    @Override
    public void replaceOrder(ReplaceOrderRequest request, StreamObserver<PostOrderResponse> observer) {
        Unary.reply(observer, () -> OrderViews.postResponse(exchange.orders().replace(request).order()));
    }

    static GetOrdersResponse orders(Exchange exchange, String accountId) {
        GetOrdersResponse.Builder answer = GetOrdersResponse.newBuilder();
        exchange.orders().active(accountId).forEach(o -> answer.addOrders(OrderViews.state(o)));
        return answer.build();
    }

    static CancelOrderResponse cancel(Exchange exchange, CancelOrderRequest request) {
        exchange.orders().cancel(request.getAccountId(), request.getOrderId());
        return CancelOrderResponse.newBuilder().setTime(Times.timestamp(exchange.clock().instant())).build();
    }
}
