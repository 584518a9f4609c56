package dev.strela.testing.tinkoff.internal;

import io.grpc.stub.StreamObserver;
import ru.tinkoff.piapi.contract.v1.GetAccountsRequest;
import ru.tinkoff.piapi.contract.v1.GetAccountsResponse;
import ru.tinkoff.piapi.contract.v1.GetInfoRequest;
import ru.tinkoff.piapi.contract.v1.GetInfoResponse;
import ru.tinkoff.piapi.contract.v1.GetUserTariffRequest;
import ru.tinkoff.piapi.contract.v1.GetUserTariffResponse;
import ru.tinkoff.piapi.contract.v1.UsersServiceGrpc;

/** UsersService: the sandbox accounts, a plain user profile; GetMarginAttributes is not implemented. */
public final class UsersGrpcService extends UsersServiceGrpc.UsersServiceImplBase {
    private final Exchange exchange;

    public UsersGrpcService(Exchange exchange) {
        this.exchange = exchange;
    }

    @Override
    public void getAccounts(GetAccountsRequest request, StreamObserver<GetAccountsResponse> observer) {
        Unary.reply(observer, () -> AccountViews.accounts(exchange.ledger()));
    }

    @Override
    public void getInfo(GetInfoRequest request, StreamObserver<GetInfoResponse> observer) {
        Unary.reply(observer, () -> GetInfoResponse.newBuilder()
                .setPremStatus(false).setQualStatus(false).setTariff("sandbox").build());
    }

    @Override
    public void getUserTariff(GetUserTariffRequest request, StreamObserver<GetUserTariffResponse> observer) {
        Unary.reply(observer, GetUserTariffResponse::getDefaultInstance);
    }
}
