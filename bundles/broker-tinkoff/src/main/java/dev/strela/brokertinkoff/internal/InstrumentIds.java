package dev.strela.brokertinkoff.internal;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import dev.strela.api.model.Instrument;
import dev.strela.persistence.MarketDataRepository;

/**
 * The platform's instrument id of a Tinkoff candle: the subscribed id when the candle's uid or figi is it (the usual
 * case, ids being Tinkoff uids or figis), else the instrument the {@code instruments} table finds under the uid, then
 * the figi, as the broker does for positions. Lookups are remembered (also a miss). One thread uses it.
 */
final class InstrumentIds {

    private final MarketDataRepository market;
    private final Map<String, Optional<String>> looked = new HashMap<>();
    private Set<String> subscribed = Set.of();

    InstrumentIds(MarketDataRepository market) {
        this.market = market;
    }

    /** The ids subscribed now; a changed table is read again from here. */
    void subscribed(List<String> ids) {
        subscribed = Set.copyOf(ids);
        looked.clear();
    }

    /** The platform's id of the candle of {@code uid} / {@code figi} (either may be empty), or empty when unknown. */
    Optional<String> of(String uid, String figi) {
        if (subscribed.contains(uid)) {
            return Optional.of(uid);
        }
        if (subscribed.contains(figi)) {
            return Optional.of(figi);
        }
        for (String key : new String[] {uid, figi}) {
            if (key == null || key.isEmpty()) {
                continue;
            }
            Optional<String> found = looked.computeIfAbsent(key, k -> market.findInstrument(k).map(Instrument::id));
            if (found.isPresent()) {
                return found;
            }
        }
        return Optional.empty();
    }
}
