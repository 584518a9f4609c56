package dev.strela.testing.tinkoff.internal;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import dev.strela.testing.tinkoff.TestCandle;
import dev.strela.testing.tinkoff.TestInstrument;
import io.grpc.stub.StreamObserver;
import ru.tinkoff.piapi.contract.v1.CandleInterval;
import ru.tinkoff.piapi.contract.v1.GetCandlesRequest;
import ru.tinkoff.piapi.contract.v1.GetCandlesResponse;
import ru.tinkoff.piapi.contract.v1.GetLastPricesRequest;
import ru.tinkoff.piapi.contract.v1.GetLastPricesResponse;
import ru.tinkoff.piapi.contract.v1.GetTradingStatusRequest;
import ru.tinkoff.piapi.contract.v1.GetTradingStatusResponse;
import ru.tinkoff.piapi.contract.v1.GetTradingStatusesRequest;
import ru.tinkoff.piapi.contract.v1.GetTradingStatusesResponse;
import ru.tinkoff.piapi.contract.v1.HistoricCandle;
import ru.tinkoff.piapi.contract.v1.LastPrice;
import ru.tinkoff.piapi.contract.v1.MarketDataServiceGrpc;

/**
 * MarketDataService: GetCandles (one-minute candles only, at most one day per request, {@code from} inclusive and
 * {@code to} exclusive), GetLastPrices (unknown or never-priced instruments are left out), GetTradingStatus(es).
 * Order books, last trades and close prices are not implemented.
 */
public final class MarketDataGrpcService extends MarketDataServiceGrpc.MarketDataServiceImplBase {
    private static final Duration MAX_ONE_MINUTE_PERIOD = Duration.ofDays(1);

    private final Exchange exchange;

    public MarketDataGrpcService(Exchange exchange) {
        this.exchange = exchange;
    }

    @Override
    public void getCandles(GetCandlesRequest request, StreamObserver<GetCandlesResponse> observer) {
        Unary.reply(observer, () -> candles(request));
    }

    private GetCandlesResponse candles(GetCandlesRequest request) {
        TestInstrument instrument = exchange.instruments().require(request.getInstrumentId(), request.getFigi());
        if (!request.hasFrom()) {
            throw ApiError.MISSING_FROM.exception();
        }
        if (!request.hasTo()) {
            throw ApiError.MISSING_TO.exception();
        }
        if (request.getInterval() != CandleInterval.CANDLE_INTERVAL_1_MIN) {
            throw ApiError.INVALID_INTERVAL.exception("interval=" + request.getInterval());
        }
        Instant from = Times.instant(request.getFrom());
        Instant to = Times.instant(request.getTo());
        if (to.isBefore(from)) {
            throw ApiError.TO_BEFORE_FROM.exception("from=" + from + ", to=" + to);
        }
        if (Duration.between(from, to).compareTo(MAX_ONE_MINUTE_PERIOD) > 0) {
            throw ApiError.PERIOD_TOO_LONG.exception("from=" + from + ", to=" + to);
        }
        GetCandlesResponse.Builder answer = GetCandlesResponse.newBuilder();
        for (TestCandle candle : exchange.prices().candles(instrument.uid(), from, to)) {
            answer.addCandles(HistoricCandle.newBuilder()
                    .setOpen(Decimals.quotation(candle.open()))
                    .setHigh(Decimals.quotation(candle.high()))
                    .setLow(Decimals.quotation(candle.low()))
                    .setClose(Decimals.quotation(candle.close()))
                    .setVolume(candle.volume())
                    .setTime(Times.timestamp(candle.time()))
                    .setIsComplete(candle.closed()));
        }
        return answer.build();
    }

    @Override
    public void getLastPrices(GetLastPricesRequest request, StreamObserver<GetLastPricesResponse> observer) {
        Unary.reply(observer, () -> {
            GetLastPricesResponse.Builder answer = GetLastPricesResponse.newBuilder();
            List<String> ids = new ArrayList<>(request.getInstrumentIdList());
            ids.addAll(request.getFigiList());
            for (String id : ids) {
                exchange.instruments().find(id).ifPresent(i -> exchange.prices().last(i.uid()).ifPresent(p ->
                        answer.addLastPrices(LastPrice.newBuilder()
                                .setFigi(i.figi()).setInstrumentUid(i.uid())
                                .setPrice(Decimals.quotation(p.price()))
                                .setTime(Times.timestamp(p.time())))));
            }
            return answer.build();
        });
    }

    @Override
    public void getTradingStatus(GetTradingStatusRequest request, StreamObserver<GetTradingStatusResponse> observer) {
        Unary.reply(observer, () -> InstrumentViews.tradingStatus(
                exchange.instruments().require(request.getInstrumentId(), request.getFigi())));
    }

    @Override
    public void getTradingStatuses(GetTradingStatusesRequest request, StreamObserver<GetTradingStatusesResponse> observer) {
        Unary.reply(observer, () -> {
            GetTradingStatusesResponse.Builder answer = GetTradingStatusesResponse.newBuilder();
            request.getInstrumentIdList().forEach(id -> answer.addTradingStatuses(
                    InstrumentViews.tradingStatus(exchange.instruments().require(id, ""))));
            return answer.build();
        });
    }
}
