package dev.strela.testing.tinkoff.internal;

import io.grpc.stub.StreamObserver;
import ru.tinkoff.piapi.contract.v1.MarketDataRequest;
import ru.tinkoff.piapi.contract.v1.MarketDataResponse;
import ru.tinkoff.piapi.contract.v1.MarketDataServerSideStreamRequest;
import ru.tinkoff.piapi.contract.v1.MarketDataStreamServiceGrpc;

/** MarketDataStreamService: the bidirectional stream and its server-side variant, both fed by the test. */
public final class MarketDataStreamGrpcService extends MarketDataStreamServiceGrpc.MarketDataStreamServiceImplBase {
    private final Exchange exchange;

    public MarketDataStreamGrpcService(Exchange exchange) {
        this.exchange = exchange;
    }

    @Override
    public StreamObserver<MarketDataRequest> marketDataStream(StreamObserver<MarketDataResponse> responses) {
        return exchange.marketData().open(responses);
    }

    @Override
    public void marketDataServerSideStream(MarketDataServerSideStreamRequest request,
                                           StreamObserver<MarketDataResponse> responses) {
        exchange.marketData().openServerSide(request, responses);
    }
}
