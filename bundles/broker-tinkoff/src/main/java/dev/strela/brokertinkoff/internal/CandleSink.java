package dev.strela.brokertinkoff.internal;

import org.apache.camel.ProducerTemplate;

import dev.strela.api.bus.Endpoints;
import dev.strela.api.model.Bar;

/** Where the candle stream hands its finished 1-minute candles, one at a time, in time order. */
interface CandleSink {

    /** The {@code candles_1m.source} of every candle this adapter sends. */
    String SOURCE = "tinkoff";

    /** Passes one finished minute on; throws a RuntimeException when it could not be handed over. */
    void send(Bar minute);

    /**
     * The data feed's ingestion route, {@link Endpoints#CANDLES_1M}, with the source in
     * {@link Endpoints#CANDLE_SOURCE_HEADER}, as every live source sends its candles.
     */
    static CandleSink camel(ProducerTemplate producer) {
        return minute -> producer.sendBodyAndHeader(Endpoints.CANDLES_1M, minute, Endpoints.CANDLE_SOURCE_HEADER, SOURCE);
    }
}
