package dev.strela.testing.tinkoff.internal;

import dev.strela.testing.tinkoff.TestInstrument;
import io.grpc.stub.StreamObserver;
import ru.tinkoff.piapi.contract.v1.FutureResponse;
import ru.tinkoff.piapi.contract.v1.FuturesResponse;
import ru.tinkoff.piapi.contract.v1.InstrumentRequest;
import ru.tinkoff.piapi.contract.v1.InstrumentResponse;
import ru.tinkoff.piapi.contract.v1.InstrumentsRequest;
import ru.tinkoff.piapi.contract.v1.InstrumentsServiceGrpc;
import ru.tinkoff.piapi.contract.v1.ShareResponse;
import ru.tinkoff.piapi.contract.v1.SharesResponse;

/**
 * InstrumentsService for the registered instruments: GetInstrumentBy, ShareBy, FutureBy, Shares, Futures. A
 * ShareBy for a future (or FutureBy for a share) is NOT_FOUND 50002, as for any unknown id. Bonds, ETFs,
 * currencies, options, schedules, assets and the rest are not implemented.
 */
public final class InstrumentsGrpcService extends InstrumentsServiceGrpc.InstrumentsServiceImplBase {
    private final Exchange exchange;

    public InstrumentsGrpcService(Exchange exchange) {
        this.exchange = exchange;
    }

    @Override
    public void getInstrumentBy(InstrumentRequest request, StreamObserver<InstrumentResponse> observer) {
        Unary.reply(observer, () -> InstrumentResponse.newBuilder()
                .setInstrument(InstrumentViews.instrument(lookup(request))).build());
    }

    @Override
    public void shareBy(InstrumentRequest request, StreamObserver<ShareResponse> observer) {
        Unary.reply(observer, () -> ShareResponse.newBuilder()
                .setInstrument(InstrumentViews.share(lookup(request, TestInstrument.Kind.SHARE))).build());
    }

    @Override
    public void futureBy(InstrumentRequest request, StreamObserver<FutureResponse> observer) {
        Unary.reply(observer, () -> FutureResponse.newBuilder()
                .setInstrument(InstrumentViews.future(lookup(request, TestInstrument.Kind.FUTURE))).build());
    }

    @Override
    public void shares(InstrumentsRequest request, StreamObserver<SharesResponse> observer) {
        Unary.reply(observer, () -> {
            SharesResponse.Builder answer = SharesResponse.newBuilder();
            exchange.instruments().all().stream().filter(i -> i.kind() == TestInstrument.Kind.SHARE)
                    .forEach(i -> answer.addInstruments(InstrumentViews.share(i)));
            return answer.build();
        });
    }

    @Override
    public void futures(InstrumentsRequest request, StreamObserver<FuturesResponse> observer) {
        Unary.reply(observer, () -> {
            FuturesResponse.Builder answer = FuturesResponse.newBuilder();
            exchange.instruments().all().stream().filter(i -> i.kind() == TestInstrument.Kind.FUTURE)
                    .forEach(i -> answer.addInstruments(InstrumentViews.future(i)));
            return answer.build();
        });
    }

    private TestInstrument lookup(InstrumentRequest request) {
        return exchange.instruments().requireBy(request.getIdType(), request.getId(), request.getClassCode());
    }

    private TestInstrument lookup(InstrumentRequest request, TestInstrument.Kind kind) {
        TestInstrument instrument = lookup(request);
        if (instrument.kind() != kind) {
            throw ApiError.INSTRUMENT_NOT_FOUND.exception("id=" + request.getId() + ", kind=" + instrument.kind());
        }
        return instrument;
    }
}
