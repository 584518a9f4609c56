package dev.strela.brokertinkoff.internal;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import ru.tinkoff.piapi.contract.v1.CandleInterval;
import ru.tinkoff.piapi.contract.v1.HistoricCandle;
import ru.tinkoff.piapi.core.InvestApi;

import dev.strela.api.model.SessionHours;
import dev.strela.api.error.ErrorCode;
import dev.strela.api.error.ErrorEvent;
import dev.strela.api.model.Bar;
import dev.strela.api.model.Timeframe;
import dev.strela.api.error.ErrorLog;
import dev.strela.persistence.MarketDataRepository;

/**
 * Reads back, with MarketDataService.GetCandles, the finished minutes a (re)subscribed stream did not deliver: per
 * instrument from the minute after the last one passed on (after a drop), or on the first subscription from the
 * minute after the last stored one but not before the start of today's session, up to the current minute
 * (excluded, it is not finished). Each request covers at most a day, Tinkoff's limit for 1-minute candles; every
 * request goes through the call policy, so it takes its place in the {@code market_data} rate budget and waits for
 * room like any other call.
 */
final class CandleBackfill {

    /** The longest period one GetCandles request may cover for 1-minute candles. */
    static final Duration MAX_REQUEST = Duration.ofDays(1);
    private static final Logger LOG = LoggerFactory.getLogger(CandleBackfill.class);

    private final InvestApi api;
    private final Retrier retrier;
    private final MarketDataRepository market;
    private final SessionHours hours;
    private final ErrorLog errors;

    CandleBackfill(InvestApi api, Retrier retrier, MarketDataRepository market, SessionHours hours, ErrorLog errors) {
        this.api = api;
        this.retrier = retrier;
        this.market = market;
        this.hours = hours;
        this.errors = errors;
    }

    /**
     * The finished minutes of {@code instruments} missing up to {@code now}, in time order over all instruments (one
     * moment: in the order of {@code instruments}), so the data feed's clock only moves forward. An instrument Tinkoff
     * refuses for good (unknown, bad argument) is reported and left out; a failure that may pass (network,
     * unavailable, rate limit) after its retries is thrown: nothing is sent, the stream is subscribed again later.
     *
     * @param lastSent the last minute passed on per instrument by this process; absent before its first
     */
    List<Bar> missing(List<String> instruments, Map<String, Instant> lastSent, Instant now)
            throws Retrier.Failure, InterruptedException {
        Instant to = now.truncatedTo(ChronoUnit.MINUTES);
        List<Bar> minutes = new ArrayList<>();
        for (String id : instruments) {
            Instant from = from(id, lastSent.get(id), now);
            if (!from.isBefore(to)) {
                continue;
            }
            try {
                minutes.addAll(read(id, from, to));
            } catch (Retrier.Failure f) {
                if (f.retryable()) {
                    throw f;
                }
                errors.record(ErrorEvent.of(ErrorCode.NO_MARKET_PRICE_FOR_SYMBOL, "instrument", id, "from", from, "to", to,
                        "problem", "Tinkoff refused the candles: " + f.getMessage()).forSymbol(id, Timeframe.M1));
                LOG.warn("Tinkoff candles of {} from {} to {} not read back: {}", id, from, to, f.getMessage());
            }
        }
        minutes.sort(Comparator.comparing(Bar::openTime).thenComparingInt(b -> instruments.indexOf(b.instrumentId())));
        return minutes;
    }

    /** Where the read-back of one instrument starts. */
    Instant from(String id, Instant lastSent, Instant now) {
        if (lastSent != null) {
            Instant next = lastSent.plus(1, ChronoUnit.MINUTES);
            Instant earliest = now.minus(MAX_REQUEST);
            return next.isAfter(earliest) ? next : earliest;
        }
        Instant sessionStart = hours.sessionStart(now);
        Optional<Instant> stored = market.lastBars(id, Timeframe.M1, 1).stream().map(Bar::openTime).findFirst();
        return stored.map(s -> s.plus(1, ChronoUnit.MINUTES)).filter(next -> next.isAfter(sessionStart)).orElse(sessionStart);
    }

    private List<Bar> read(String id, Instant from, Instant to) throws Retrier.Failure, InterruptedException {
        List<Bar> minutes = new ArrayList<>();
        for (Instant start = from; start.isBefore(to); ) {
            Instant end = start.plus(MAX_REQUEST).isBefore(to) ? start.plus(MAX_REQUEST) : to;
            Instant a = start;
            List<HistoricCandle> candles = retrier.call("candles of " + id + " " + a + ".." + end,
                    () -> api.getMarketDataService().getCandlesSync(id, a, end, CandleInterval.CANDLE_INTERVAL_1_MIN));
            for (HistoricCandle c : candles) {
                Instant t = Candles.instant(c.getTime());
                if (c.getIsComplete() && !t.isBefore(a) && t.isBefore(end)) {
                    convert(id, c).ifPresent(minutes::add);
                }
            }
            start = end;
        }
        return minutes;
    }

    private Optional<Bar> convert(String id, HistoricCandle c) {
        try {
            return Optional.of(Candles.minute(id, c));
        } catch (IllegalArgumentException e) {
            errors.record(ErrorEvent.of(ErrorCode.CANDLE_REJECTED, "instrument", id, "minute", Candles.instant(c.getTime()),
                    "source", CandleSink.SOURCE, "problem", e.getMessage()).forSymbol(id, Timeframe.M1));
            return Optional.empty();
        }
    }
}
