package dev.strela.brokertinkoff.internal;

import java.time.Instant;
import java.util.Collections;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import ru.tinkoff.piapi.contract.v1.Candle;
import ru.tinkoff.piapi.contract.v1.MarketDataResponse;
import ru.tinkoff.piapi.contract.v1.SubscriptionInterval;

import dev.strela.api.error.ErrorCode;
import dev.strela.api.error.ErrorEvent;
import dev.strela.api.error.ErrorLog;
import dev.strela.api.model.Bar;
import dev.strela.api.model.Timeframe;

/**
 * Where minutes leave the adapter: per instrument only a minute after the last one passed on goes to the
 * {@link CandleSink}, so a minute read back and streamed too, or streamed again after a resubscription, goes out once.
 * The last minute is remembered only once the sink took it. One thread (the candle stream's) uses it.
 */
final class MinuteGate {

    /** The sink did not take a minute; it is not remembered as passed on. */
    static final class NotTaken extends Exception {
        private static final long serialVersionUID = 1L;

        NotTaken(RuntimeException cause) {
            super(cause);
        }
    }

    private static final Logger LOG = LoggerFactory.getLogger(MinuteGate.class);

    private final CandleSink sink;
    private final InstrumentIds ids;
    private final ErrorLog errors;
    private final Map<String, Instant> lastSent = new HashMap<>();

    MinuteGate(CandleSink sink, InstrumentIds ids, ErrorLog errors) {
        this.sink = sink;
        this.ids = ids;
        this.errors = errors;
    }

    /** The last minute passed on per instrument, read-only. */
    Map<String, Instant> lastSent() {
        return Collections.unmodifiableMap(lastSent);
    }

    /** A stream message: a finished 1-minute candle of a known instrument is passed on; anything else is ignored. */
    void onMessage(MarketDataResponse message) throws NotTaken {
        if (!message.hasCandle()) {
            return;
        }
        Candle c = message.getCandle();
        if (c.getInterval() != SubscriptionInterval.SUBSCRIPTION_INTERVAL_ONE_MINUTE) {
            return;
        }
        Optional<String> id = ids.of(c.getInstrumentUid(), c.getFigi());
        if (id.isEmpty()) {
            LOG.debug("Tinkoff candle of an instrument not subscribed (uid {}, figi {}): ignored", c.getInstrumentUid(),
                    c.getFigi());
            return;
        }
        Bar minute;
        try {
            minute = Candles.minute(id.get(), c);
        } catch (IllegalArgumentException e) {
            errors.record(ErrorEvent.of(ErrorCode.CANDLE_REJECTED, "instrument", id.get(), "minute",
                    Candles.instant(c.getTime()), "source", CandleSink.SOURCE, "problem", e.getMessage())
                    .forSymbol(id.get(), Timeframe.M1));
            return;
        }
        pass(minute);
    }

    /** Passes the minute on unless one at or after it went out for the instrument already. */
    void pass(Bar minute) throws NotTaken {
        Instant last = lastSent.get(minute.instrumentId());
        if (last != null && !minute.openTime().isAfter(last)) {
            LOG.debug("Tinkoff candle {} {} went out already: not sent again", minute.instrumentId(), minute.openTime());
            return;
        }
        try {
            sink.send(minute);
        } catch (RuntimeException e) {
            throw new NotTaken(e);
        }
        lastSent.put(minute.instrumentId(), minute.openTime());
    }
}
