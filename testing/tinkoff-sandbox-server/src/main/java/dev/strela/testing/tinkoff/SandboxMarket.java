package dev.strela.testing.tinkoff;

import java.math.BigDecimal;
import java.util.List;
import java.util.Optional;

import dev.strela.testing.tinkoff.internal.Exchange;
import ru.tinkoff.piapi.contract.v1.SecurityTradingStatus;

/**
 * Test-side control of the market: which instruments exist, their prices, and their candles. Moving a price is
 * what makes resting limit orders fill and stop orders trigger.
 */
public final class SandboxMarket {
    private final Exchange exchange;

    SandboxMarket(Exchange exchange) {
        this.exchange = exchange;
    }

    /** Adds an instrument, or replaces the one with the same uid or figi. */
    public SandboxMarket register(TestInstrument instrument) {
        exchange.instruments().register(instrument);
        return this;
    }

    public Optional<TestInstrument> instrument(String figiOrUid) {
        return exchange.instruments().find(figiOrUid);
    }

    /** Changes the trading status, e.g. to a break in trading so that orders are refused with 30079. */
    public void setTradingStatus(String figiOrUid, SecurityTradingStatus status) {
        TestInstrument instrument = instrument(figiOrUid)
                .orElseThrow(() -> new IllegalArgumentException("unknown instrument: " + figiOrUid));
        exchange.instruments().register(instrument.withTradingStatus(status));
    }

    /** Sets the last price, e.g. {@code setPrice("BBG004730N88", "250.10")}; see {@link #setPrice(String, BigDecimal)}. */
    public void setPrice(String figiOrUid, String price) {
        setPrice(figiOrUid, new BigDecimal(price));
    }

    /**
     * Sets the last price. Active stop orders the price reaches turn into orders; resting limit orders it reaches
     * fill at their limit price; market orders waiting for a price fill at it (in {@link MarketFillMode#IMMEDIATE});
     * GetLastPrices and last-price subscribers see it. The price is not checked against the price increment.
     */
    public void setPrice(String figiOrUid, BigDecimal price) {
        exchange.setPrice(figiOrUid, price);
    }

    public Optional<BigDecimal> price(String figiOrUid) {
        return instrument(figiOrUid).flatMap(i -> exchange.prices().price(i.uid()));
    }

    /** Adds one-minute candles for GetCandles; a candle for a minute already loaded replaces it. */
    public void loadCandles(String figiOrUid, List<TestCandle> candles) {
        TestInstrument instrument = instrument(figiOrUid)
                .orElseThrow(() -> new IllegalArgumentException("unknown instrument: " + figiOrUid));
        exchange.prices().addCandles(instrument.uid(), candles);
    }

    /**
     * Sends a candle to the open MarketDataStream subscribers of the instrument's one-minute candles and, when it
     * is closed, adds it to the history GetCandles reads. It does not move the last price.
     */
    public void pushCandle(String figiOrUid, TestCandle candle) {
        TestInstrument instrument = instrument(figiOrUid)
                .orElseThrow(() -> new IllegalArgumentException("unknown instrument: " + figiOrUid));
        if (candle.closed()) {
            exchange.prices().addCandles(instrument.uid(), List.of(candle));
        }
        exchange.marketData().pushCandle(instrument, candle);
    }
}
