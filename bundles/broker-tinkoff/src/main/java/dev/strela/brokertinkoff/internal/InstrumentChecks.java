package dev.strela.brokertinkoff.internal;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import dev.strela.api.model.Instrument;
import dev.strela.persistence.MarketDataRepository;

/**
 * What the adapter asks Tinkoff about an instrument before it sends an order (its lot, price step and currency
 * against the platform's, once per process; whether it trades now, for a few seconds), and how it names the
 * instruments Tinkoff reports by figi.
 */
final class InstrumentChecks {

    private static final Logger LOG = LoggerFactory.getLogger(InstrumentChecks.class);
    private static final Duration TRADABILITY_TTL = Duration.ofSeconds(30);

    private final TinkoffClient client;
    private final MarketDataRepository market;
    private final Clock clock;
    private final Map<String, TimedTradability> tradability = new ConcurrentHashMap<>();
    private final Map<String, String> instrumentByFigi = new ConcurrentHashMap<>();
    private final Set<String> checkedInstruments = ConcurrentHashMap.newKeySet();

    private record TimedTradability(TinkoffClient.Tradability value, Instant at) {
    }

    InstrumentChecks(TinkoffClient client, MarketDataRepository market, Clock clock) {
        this.client = client;
        this.market = market;
        this.clock = clock;
    }

    /**
     * The platform's lot, price step and currency of the instrument against Tinkoff's, once per instrument and process.
     * Tinkoff's figures are kept in {@code instruments}; when the platform's differed, the order (sized on them) is
     * not sent, and the next decisions size on the corrected figures.
     */
    Optional<String> mismatch(String instrumentId) throws Retrier.Failure, InterruptedException {
        if (checkedInstruments.contains(instrumentId)) {
            return Optional.empty();
        }
        TinkoffClient.InstrumentInfo tinkoff = client.instrument(instrumentId);
        Optional<Instrument> ours = market.findInstrument(instrumentId);
        Instrument corrected = new Instrument(instrumentId, ours.map(Instrument::ticker).orElse(tinkoff.ticker()),
                ours.map(Instrument::classCode).orElse(tinkoff.classCode()), tinkoff.lot(), tinkoff.minPriceIncrement(),
                tinkoff.currency());
        if (!tinkoff.figi().isEmpty()) {
            instrumentByFigi.put(tinkoff.figi(), instrumentId);
        }
        if (ours.isPresent() && ours.get().lot() == tinkoff.lot()
                && ours.get().minPriceIncrement().compareTo(tinkoff.minPriceIncrement()) == 0
                && ours.get().currency().equalsIgnoreCase(tinkoff.currency())) {
            checkedInstruments.add(instrumentId);
            return Optional.empty();
        }
        market.saveInstrument(corrected);
        checkedInstruments.add(instrumentId);
        String was = ours.map(i -> "lot " + i.lot() + ", step " + i.minPriceIncrement().toPlainString() + ", " + i.currency())
                .orElse("not known");
        LOG.warn("Instrument {}: the platform had {}, Tinkoff says lot {}, step {}, {}: corrected in instruments",
                instrumentId, was, tinkoff.lot(), tinkoff.minPriceIncrement().toPlainString(), tinkoff.currency());
        return Optional.of("instrument " + instrumentId + " was " + was + ", Tinkoff says lot " + tinkoff.lot() + ", step "
                + tinkoff.minPriceIncrement().toPlainString() + ", " + tinkoff.currency()
                + "; instruments corrected, this order (sized on the old figures) is not sent");
    }

    /** Whether the instrument trades now for a market or a limit order, as Tinkoff said at most 30 s ago. */
    TinkoffClient.Tradability tradability(String instrument, boolean marketOrder) throws Retrier.Failure, InterruptedException {
        String key = instrument + (marketOrder ? ":market" : ":limit");
        TimedTradability cached = tradability.get(key);
        if (cached != null && cached.at().plus(TRADABILITY_TTL).isAfter(clock.instant())) {
            return cached.value();
        }
        TinkoffClient.Tradability t = client.tradability(instrument, marketOrder);
        tradability.put(key, new TimedTradability(t, clock.instant()));
        return t;
    }

    /** Tinkoff reported the instrument under this figi. */
    void seen(String figi, String instrumentId) {
        instrumentByFigi.put(figi, instrumentId);
    }

    /** The platform's id of a Tinkoff instrument: the one it was ordered under, else the figi itself. */
    String instrumentOf(String figi) {
        return instrumentByFigi.computeIfAbsent(figi, f -> market.findInstrument(f).map(Instrument::id).orElse(f));
    }
}
