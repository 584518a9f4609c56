package dev.strela.testing.tinkoff.internal;

import dev.strela.testing.tinkoff.TestInstrument;
import ru.tinkoff.piapi.contract.v1.Future;
import ru.tinkoff.piapi.contract.v1.GetTradingStatusResponse;
import ru.tinkoff.piapi.contract.v1.Instrument;
import ru.tinkoff.piapi.contract.v1.InstrumentType;
import ru.tinkoff.piapi.contract.v1.Share;

/** A {@link TestInstrument} as the contract's Instrument, Share, Future and trading-status messages. */
final class InstrumentViews {
    private static final String EXCHANGE = "MOEX";

    private InstrumentViews() {
    }

    static Instrument instrument(TestInstrument i) {
        return Instrument.newBuilder()
                .setFigi(i.figi()).setUid(i.uid()).setPositionUid(i.positionUid())
                .setTicker(i.ticker()).setClassCode(i.classCode()).setName(i.name()).setExchange(EXCHANGE)
                .setLot(i.lot()).setCurrency(i.currency())
                .setMinPriceIncrement(Decimals.quotation(i.minPriceIncrement()))
                .setTradingStatus(i.tradingStatus())
                .setApiTradeAvailableFlag(i.apiTradeAvailable())
                .setBuyAvailableFlag(i.buyAvailable()).setSellAvailableFlag(i.sellAvailable())
                .setInstrumentType(i.kind().apiName())
                .setInstrumentKind(i.kind() == TestInstrument.Kind.FUTURE
                        ? InstrumentType.INSTRUMENT_TYPE_FUTURES : InstrumentType.INSTRUMENT_TYPE_SHARE)
                .build();
    }

    static Share share(TestInstrument i) {
        return Share.newBuilder()
                .setFigi(i.figi()).setUid(i.uid()).setPositionUid(i.positionUid())
                .setTicker(i.ticker()).setClassCode(i.classCode()).setName(i.name()).setExchange(EXCHANGE)
                .setLot(i.lot()).setCurrency(i.currency())
                .setMinPriceIncrement(Decimals.quotation(i.minPriceIncrement()))
                .setTradingStatus(i.tradingStatus())
                .setApiTradeAvailableFlag(i.apiTradeAvailable())
                .setBuyAvailableFlag(i.buyAvailable()).setSellAvailableFlag(i.sellAvailable())
                .build();
    }

    static Future future(TestInstrument i) {
        return Future.newBuilder()
                .setFigi(i.figi()).setUid(i.uid()).setPositionUid(i.positionUid())
                .setTicker(i.ticker()).setClassCode(i.classCode()).setName(i.name()).setExchange(EXCHANGE)
                .setLot(i.lot()).setCurrency(i.currency())
                .setMinPriceIncrement(Decimals.quotation(i.minPriceIncrement()))
                .setTradingStatus(i.tradingStatus())
                .setApiTradeAvailableFlag(i.apiTradeAvailable())
                .setBuyAvailableFlag(i.buyAvailable()).setSellAvailableFlag(i.sellAvailable())
                .build();
    }

    static GetTradingStatusResponse tradingStatus(TestInstrument i) {
        return GetTradingStatusResponse.newBuilder()
                .setFigi(i.figi()).setInstrumentUid(i.uid())
                .setTradingStatus(i.tradingStatus())
                .setLimitOrderAvailableFlag(i.isTrading())
                .setMarketOrderAvailableFlag(i.isTrading())
                .setApiTradeAvailableFlag(i.apiTradeAvailable())
                .build();
    }
}
