package dev.strela.persistence;

import java.util.List;
import java.util.Optional;

import org.osgi.annotation.versioning.ProviderType;

import dev.strela.api.model.Bar;
import dev.strela.api.model.Instrument;
import dev.strela.api.model.Timeframe;

/** Instruments and candles ({@code candles_1m} ... {@code candles_1d}). */
@ProviderType
public interface MarketDataRepository {

    /** Where 1-minute candles came from ({@code candles_1m.source}). */
    enum CandleSource { TINKOFF, FILE, GENERATOR }

    /** Outcome of a bulk upsert: new rows, rows whose values changed, rows already stored as they are. */
    record UpsertCount(long inserted, long replaced, long unchanged) {
        public long stored() {
            return inserted + replaced;
        }
    }

    /** By instrument id, or else by ticker when exactly one instrument has it. */
    Optional<Instrument> findInstrument(String idOrTicker);

    /** Inserts or updates the instrument (lot, increment, currency by id). */
    void saveInstrument(Instrument instrument);

    List<Instrument> instruments();

    /**
     * Upserts 1-minute candles in one transaction with PostgreSQL COPY: the same instrument and minute twice
     * is one row, and a corrected candle replaces the stored one. Within the batch the last candle of a minute wins.
     */
    UpsertCount upsertMinutes(List<Bar> minutes, CandleSource source);

    /** Upserts closed (or revised) bars of 5m..1d into their tables, in one transaction. */
    void upsertBars(List<Bar> bars);

    /** The last {@code count} bars of the instrument and timeframe, oldest first. */
    List<Bar> lastBars(String instrumentId, Timeframe timeframe, int count);

    /** The last {@code count} bars that open at or before {@code upTo}, oldest first. */
    List<Bar> barsUpTo(String instrumentId, Timeframe timeframe, java.time.Instant upTo, int count);

    /**
     * Bars of the instruments and timeframe that open in {@code [from, to)}, in time order and, within one moment, in
     * the order of {@code instrumentIds} (an instrument named twice counts once, where it is first named); at most
     * {@code limit} of them. A replay reads its minutes with this, a slice at a time.
     */
    List<Bar> barsBetween(List<String> instrumentIds, Timeframe timeframe, java.time.Instant from, java.time.Instant to,
                          int limit);

    /** Number of bars of the instruments and timeframe that open in {@code [from, to)}. */
    long countBetween(List<String> instrumentIds, Timeframe timeframe, java.time.Instant from, java.time.Instant to);

    /** Number of stored bars of the instrument and timeframe. */
    long countBars(String instrumentId, Timeframe timeframe);
}
