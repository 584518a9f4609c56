package dev.strela.testing.tinkoff.internal;

import io.grpc.stub.StreamObserver;
import ru.tinkoff.piapi.contract.v1.OperationsRequest;
import ru.tinkoff.piapi.contract.v1.OperationsResponse;
import ru.tinkoff.piapi.contract.v1.OperationsServiceGrpc;
import ru.tinkoff.piapi.contract.v1.PortfolioRequest;
import ru.tinkoff.piapi.contract.v1.PortfolioResponse;
import ru.tinkoff.piapi.contract.v1.PositionsRequest;
import ru.tinkoff.piapi.contract.v1.PositionsResponse;
import ru.tinkoff.piapi.contract.v1.WithdrawLimitsRequest;
import ru.tinkoff.piapi.contract.v1.WithdrawLimitsResponse;

/** OperationsService: operations, portfolio, positions, withdraw limits; reports and cursors are not implemented. */
public final class OperationsGrpcService extends OperationsServiceGrpc.OperationsServiceImplBase {
    private final Exchange exchange;

    public OperationsGrpcService(Exchange exchange) {
        this.exchange = exchange;
    }

    @Override
    public void getOperations(OperationsRequest request, StreamObserver<OperationsResponse> observer) {
        Unary.reply(observer, () -> exchange.portfolio().operations(request));
    }

    @Override
    public void getPortfolio(PortfolioRequest request, StreamObserver<PortfolioResponse> observer) {
        Unary.reply(observer, () -> exchange.portfolio().portfolio(request.getAccountId()));
    }

    @Override
    public void getPositions(PositionsRequest request, StreamObserver<PositionsResponse> observer) {
        Unary.reply(observer, () -> exchange.portfolio().positions(request.getAccountId()));
    }

    @Override
    public void getWithdrawLimits(WithdrawLimitsRequest request, StreamObserver<WithdrawLimitsResponse> observer) {
        Unary.reply(observer, () -> exchange.portfolio().withdrawLimits(request.getAccountId()));
    }
}
