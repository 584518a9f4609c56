package dev.strela.testing.tinkoff.internal;

import java.math.BigDecimal;

import io.grpc.stub.StreamObserver;
import ru.tinkoff.piapi.contract.v1.CancelOrderRequest;
import ru.tinkoff.piapi.contract.v1.CancelOrderResponse;
import ru.tinkoff.piapi.contract.v1.CloseSandboxAccountRequest;
import ru.tinkoff.piapi.contract.v1.CloseSandboxAccountResponse;
import ru.tinkoff.piapi.contract.v1.GetAccountsRequest;
import ru.tinkoff.piapi.contract.v1.GetAccountsResponse;
import ru.tinkoff.piapi.contract.v1.GetOrderStateRequest;
import ru.tinkoff.piapi.contract.v1.GetOrdersRequest;
import ru.tinkoff.piapi.contract.v1.GetOrdersResponse;
import ru.tinkoff.piapi.contract.v1.OpenSandboxAccountRequest;
import ru.tinkoff.piapi.contract.v1.OpenSandboxAccountResponse;
import ru.tinkoff.piapi.contract.v1.OperationsRequest;
import ru.tinkoff.piapi.contract.v1.OperationsResponse;
import ru.tinkoff.piapi.contract.v1.OrderState;
import ru.tinkoff.piapi.contract.v1.PortfolioRequest;
import ru.tinkoff.piapi.contract.v1.PortfolioResponse;
import ru.tinkoff.piapi.contract.v1.PositionsRequest;
import ru.tinkoff.piapi.contract.v1.PositionsResponse;
import ru.tinkoff.piapi.contract.v1.PostOrderRequest;
import ru.tinkoff.piapi.contract.v1.PostOrderResponse;
import ru.tinkoff.piapi.contract.v1.ReplaceOrderRequest;
import ru.tinkoff.piapi.contract.v1.SandboxPayInRequest;
import ru.tinkoff.piapi.contract.v1.SandboxPayInResponse;
import ru.tinkoff.piapi.contract.v1.SandboxServiceGrpc;
import ru.tinkoff.piapi.contract.v1.WithdrawLimitsRequest;
import ru.tinkoff.piapi.contract.v1.WithdrawLimitsResponse;

/**
 * SandboxService: the sandbox-only account RPCs and the sandbox twins of the order, position, portfolio and
 * operations RPCs, over the same book as OrdersService and OperationsService. GetSandboxOperationsByCursor is not
 * implemented.
 */
public final class SandboxGrpcService extends SandboxServiceGrpc.SandboxServiceImplBase {
    private final Exchange exchange;

    public SandboxGrpcService(Exchange exchange) {
        this.exchange = exchange;
    }

    @Override
    public void openSandboxAccount(OpenSandboxAccountRequest request, StreamObserver<OpenSandboxAccountResponse> observer) {
        Unary.reply(observer, () -> OpenSandboxAccountResponse.newBuilder()
                .setAccountId(exchange.ledger().open(null, "Sandbox account").id()).build());
    }

    @Override
    public void getSandboxAccounts(GetAccountsRequest request, StreamObserver<GetAccountsResponse> observer) {
        Unary.reply(observer, () -> AccountViews.accounts(exchange.ledger()));
    }

    @Override
    public void closeSandboxAccount(CloseSandboxAccountRequest request, StreamObserver<CloseSandboxAccountResponse> observer) {
        Unary.reply(observer, () -> {
            exchange.ledger().close(request.getAccountId());
            return CloseSandboxAccountResponse.getDefaultInstance();
        });
    }

    @Override
    public void postSandboxOrder(PostOrderRequest request, StreamObserver<PostOrderResponse> observer) {
        Unary.reply(observer, () -> OrderViews.postResponse(exchange.orders().post(request).order()));
    }

    @Override
    public void replaceSandboxOrder(ReplaceOrderRequest request, StreamObserver<PostOrderResponse> observer) {
        Unary.reply(observer, () -> OrderViews.postResponse(exchange.orders().replace(request).order()));
    }

    @Override
    public void getSandboxOrders(GetOrdersRequest request, StreamObserver<GetOrdersResponse> observer) {
        Unary.reply(observer, () -> OrdersGrpcService.orders(exchange, request.getAccountId()));
    }

    @Override
    public void cancelSandboxOrder(CancelOrderRequest request, StreamObserver<CancelOrderResponse> observer) {
        Unary.reply(observer, () -> OrdersGrpcService.cancel(exchange, request));
    }

    @Override
    public void getSandboxOrderState(GetOrderStateRequest request, StreamObserver<OrderState> observer) {
        Unary.reply(observer, () -> OrderViews.state(exchange.orders().require(request.getAccountId(), request.getOrderId())));
    }

    @Override
    public void getSandboxPositions(PositionsRequest request, StreamObserver<PositionsResponse> observer) {
        Unary.reply(observer, () -> exchange.portfolio().positions(request.getAccountId()));
    }

    @Override
    public void getSandboxOperations(OperationsRequest request, StreamObserver<OperationsResponse> observer) {
        Unary.reply(observer, () -> exchange.portfolio().operations(request));
    }

    @Override
    public void getSandboxPortfolio(PortfolioRequest request, StreamObserver<PortfolioResponse> observer) {
        Unary.reply(observer, () -> exchange.portfolio().portfolio(request.getAccountId()));
    }

    @Override
    public void sandboxPayIn(SandboxPayInRequest request, StreamObserver<SandboxPayInResponse> observer) {
        Unary.reply(observer, () -> {
            String currency = request.getAmount().getCurrency().isEmpty() ? "rub" : request.getAmount().getCurrency();
            BigDecimal balance = exchange.ledger().payIn(request.getAccountId(), Decimals.of(request.getAmount()), currency);
            return SandboxPayInResponse.newBuilder().setBalance(Decimals.money(balance, currency)).build();
        });
    }

    @Override
    public void getSandboxWithdrawLimits(WithdrawLimitsRequest request, StreamObserver<WithdrawLimitsResponse> observer) {
        Unary.reply(observer, () -> exchange.portfolio().withdrawLimits(request.getAccountId()));
    }
}
