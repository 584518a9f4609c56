package dev.strela.brokertinkoff.internal;

import dev.strela.api.model.SessionHours;

import java.time.Duration;
import java.util.Arrays;
import java.util.List;

/**
 * The candle stream's part of {@link TinkoffConfig}, checked.
 *
 * @param enabled          stream at all
 * @param extraInstruments instruments (uid or figi) streamed besides those of enabled live rows
 * @param silence          no message for this long during {@code hours}: the stream is replaced
 * @param retryInitial     first backoff step before subscribing again
 * @param retryMax         longest backoff step
 * @param hours            when silence counts, and where a day's first read-back starts
 * @param refresh          how often the live rows are read again
 */
record CandleSettings(boolean enabled, List<String> extraInstruments, Duration silence, Duration retryInitial,
                      Duration retryMax, SessionHours hours, Duration refresh) {

    /** How often the instruments of the live rows are read again. */
    static final Duration REFRESH = Duration.ofMinutes(1);

    /** Throws {@link IllegalArgumentException} naming a bad value and what is expected. */
    static CandleSettings from(TinkoffConfig c) {
        if (c.streamSilenceSeconds() < 2) {
            throw new IllegalArgumentException("streamSilenceSeconds: at least 2, was " + c.streamSilenceSeconds());
        }
        if (c.streamRetryInitialMillis() <= 0) {
            throw new IllegalArgumentException("streamRetryInitialMillis: must be positive, was " + c.streamRetryInitialMillis());
        }
        if (c.streamRetryMaxMillis() < c.streamRetryInitialMillis()) {
            throw new IllegalArgumentException("streamRetryMaxMillis: at least streamRetryInitialMillis ("
                    + c.streamRetryInitialMillis() + "), was " + c.streamRetryMaxMillis());
        }
        String extra = c.candleInstruments() == null ? "" : c.candleInstruments();
        List<String> instruments = Arrays.stream(extra.split(",")).map(String::trim).filter(s -> !s.isEmpty())
                .distinct().toList();
        return new CandleSettings(c.candles(), instruments, Duration.ofSeconds(c.streamSilenceSeconds()),
                Duration.ofMillis(c.streamRetryInitialMillis()), Duration.ofMillis(c.streamRetryMaxMillis()),
                SessionHours.parse("candleWatchHours", c.candleWatchHours()), REFRESH);
    }
}
