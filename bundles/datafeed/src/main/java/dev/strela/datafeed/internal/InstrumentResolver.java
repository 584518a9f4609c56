package dev.strela.datafeed.internal;

import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

import dev.strela.api.model.Instrument;
import dev.strela.persistence.MarketDataRepository;

/** Resolves the instrument named in a file (id or ticker) once per name. */
final class InstrumentResolver {

    private final MarketDataRepository repository;
    private final Map<String, Optional<Instrument>> cache = new HashMap<>();

    InstrumentResolver(MarketDataRepository repository) {
        this.repository = repository;
    }

    Optional<Instrument> resolve(String idOrTicker) {
        return cache.computeIfAbsent(idOrTicker, repository::findInstrument);
    }
}
