package dev.strela.testing.tinkoff.internal;

import io.grpc.stub.StreamObserver;
import ru.tinkoff.piapi.contract.v1.CancelStopOrderRequest;
import ru.tinkoff.piapi.contract.v1.CancelStopOrderResponse;
import ru.tinkoff.piapi.contract.v1.GetStopOrdersRequest;
import ru.tinkoff.piapi.contract.v1.GetStopOrdersResponse;
import ru.tinkoff.piapi.contract.v1.PostStopOrderRequest;
import ru.tinkoff.piapi.contract.v1.PostStopOrderResponse;
import ru.tinkoff.piapi.contract.v1.StopOrdersServiceGrpc;

/** StopOrdersService: PostStopOrder, GetStopOrders (active ones), CancelStopOrder. */
public final class StopOrdersGrpcService extends StopOrdersServiceGrpc.StopOrdersServiceImplBase {
    private final Exchange exchange;

    public StopOrdersGrpcService(Exchange exchange) {
        this.exchange = exchange;
    }

    @Override
    public void postStopOrder(PostStopOrderRequest request, StreamObserver<PostStopOrderResponse> observer) {
        Unary.reply(observer, () -> PostStopOrderResponse.newBuilder()
                .setStopOrderId(exchange.stops().post(request)).build());
    }

    @Override
    public void getStopOrders(GetStopOrdersRequest request, StreamObserver<GetStopOrdersResponse> observer) {
        Unary.reply(observer, () -> {
            GetStopOrdersResponse.Builder answer = GetStopOrdersResponse.newBuilder();
            exchange.stops().active(request.getAccountId()).forEach(s -> answer.addStopOrders(OrderViews.stopOrder(s)));
            return answer.build();
        });
    }

    @Override
    public void cancelStopOrder(CancelStopOrderRequest request, StreamObserver<CancelStopOrderResponse> observer) {
        Unary.reply(observer, () -> CancelStopOrderResponse.newBuilder()
                .setTime(Times.timestamp(exchange.stops().cancel(request.getAccountId(), request.getStopOrderId())))
                .build());
    }
}
