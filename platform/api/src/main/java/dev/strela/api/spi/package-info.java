/**
 * Service provider interfaces that plug-in bundles implement: {@link dev.strela.api.spi.Strategy}
 * (pure signal logic), {@link dev.strela.api.spi.BrokerAdapter} (a real or simulated broker) and
 * {@link dev.strela.api.spi.MarketDataSource} (live or replayed 1-minute candles), with the
 * callbacks the platform hands to them ({@link dev.strela.api.spi.FillListener},
 * {@link dev.strela.api.spi.CandleSink}). Implementations are registered as OSGi services.
 */
@org.osgi.annotation.versioning.Version("1.0.0")
package dev.strela.api.spi;
