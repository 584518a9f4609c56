package dev.strela.testing.tinkoff.internal;

import io.grpc.stub.StreamObserver;
import ru.tinkoff.piapi.contract.v1.OrdersStreamServiceGrpc;
import ru.tinkoff.piapi.contract.v1.TradesStreamRequest;
import ru.tinkoff.piapi.contract.v1.TradesStreamResponse;

/** OrdersStreamService.TradesStream: every fill of the requested accounts (all when none are named). */
public final class OrdersStreamGrpcService extends OrdersStreamServiceGrpc.OrdersStreamServiceImplBase {
    private final Exchange exchange;

    public OrdersStreamGrpcService(Exchange exchange) {
        this.exchange = exchange;
    }

    @Override
    public void tradesStream(TradesStreamRequest request, StreamObserver<TradesStreamResponse> observer) {
        exchange.trades().open(request, observer);
    }
}
