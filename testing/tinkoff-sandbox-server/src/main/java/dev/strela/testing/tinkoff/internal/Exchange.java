package dev.strela.testing.tinkoff.internal;

import java.math.BigDecimal;
import java.time.Clock;

import dev.strela.testing.tinkoff.TestInstrument;

/**
 * The whole simulated broker: one lock over accounts, orders and stop orders, plus the instruments, prices and
 * streams they use. Every gRPC service and every test-side control reaches the state through here.
 */
public final class Exchange {
    private final Object lock = new Object();
    private final Clock clock;
    private final InstrumentRegistry instruments = new InstrumentRegistry();
    private final PriceBoard prices = new PriceBoard();
    private final TradeFeed trades = new TradeFeed();
    private final BookSettings settings = new BookSettings();
    private final MarketDataFeed marketData;
    private final Ledger ledger;
    private final OrderBook orders;
    private final StopOrderBook stops;
    private final PortfolioViews portfolio;

    public Exchange(Clock clock) {
        this.clock = clock;
        this.marketData = new MarketDataFeed(instruments, clock);
        this.ledger = new Ledger(lock, clock);
        this.orders = new OrderBook(lock, clock, instruments, prices, ledger, trades, settings);
        this.stops = new StopOrderBook(lock, clock, instruments, ledger, orders);
        this.portfolio = new PortfolioViews(lock, ledger, orders, prices);
    }

    /**
     * Moves an instrument's price: stop orders it reaches turn into orders, resting limit orders it reaches fill,
     * market orders waiting for a price fill, and last-price subscribers hear of it.
     */
    public void setPrice(String instrumentId, BigDecimal price) {
        TestInstrument instrument = instruments.find(instrumentId)
                .orElseThrow(() -> new IllegalArgumentException("unknown instrument: " + instrumentId));
        if (price.signum() <= 0) {
            throw new IllegalArgumentException("price must be positive: price=" + price);
        }
        synchronized (lock) {
            prices.setPrice(instrument.uid(), price, clock.instant());
            stops.onPrice(instrument, price);
            orders.onPrice(instrument, price);
        }
        marketData.pushLastPrice(instrument, price);
    }

    public Clock clock() {
        return clock;
    }

    public InstrumentRegistry instruments() {
        return instruments;
    }

    public PriceBoard prices() {
        return prices;
    }

    public TradeFeed trades() {
        return trades;
    }

    public MarketDataFeed marketData() {
        return marketData;
    }

    public Ledger ledger() {
        return ledger;
    }

    public OrderBook orders() {
        return orders;
    }

    public BookSettings settings() {
        return settings;
    }

    public StopOrderBook stops() {
        return stops;
    }

    public PortfolioViews portfolio() {
        return portfolio;
    }
}
