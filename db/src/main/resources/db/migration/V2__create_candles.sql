-- Strela schema, part 2: candles, one table per timeframe.
-- Candles are market data, not state: live, paper and replay runs share them (no run_id).
-- PRIMARY KEY (instrument_id, open_time) serves "last N candles of an instrument"
-- (WHERE instrument_id = ? ORDER BY open_time DESC LIMIT N, a backward index scan) and makes
-- writes idempotent: INSERT ... ON CONFLICT (instrument_id, open_time) DO UPDATE.
-- open_time is the start of the bar's interval. For 1m to 1h it must lie on the interval's
-- boundary (epoch seconds divisible by its length; MSK is UTC+3, so hours align in both);
-- a 1d bar starts where the aggregator's exchange calendar says the trading day starts.

CREATE TABLE candles_1m (
    instrument_id text        NOT NULL REFERENCES instruments (id),
    open_time     timestamptz NOT NULL,
    open          numeric     NOT NULL,
    high          numeric     NOT NULL,
    low           numeric     NOT NULL,
    close         numeric     NOT NULL,
    volume        bigint      NOT NULL,
    source        text        NOT NULL,
    PRIMARY KEY (instrument_id, open_time),
    CONSTRAINT candles_1m_prices_positive CHECK (open > 0 AND high > 0 AND low > 0 AND close > 0),
    CONSTRAINT candles_1m_high_low        CHECK (high >= low),
    CONSTRAINT candles_1m_high_bounds     CHECK (high >= open AND high >= close),
    CONSTRAINT candles_1m_low_bounds      CHECK (low <= open AND low <= close),
    CONSTRAINT candles_1m_volume_not_negative CHECK (volume >= 0),
    CONSTRAINT candles_1m_source_values CHECK (source IN ('tinkoff', 'file', 'generator')),
    CONSTRAINT candles_1m_open_time_aligned CHECK (mod(extract(epoch FROM open_time), 60) = 0)
);
COMMENT ON TABLE candles_1m IS '1-minute candles from the data feed (Tinkoff stream or history, files, generators); the source of every higher timeframe.';

CREATE TABLE candles_5m (
    instrument_id text        NOT NULL REFERENCES instruments (id),
    open_time     timestamptz NOT NULL,
    open          numeric     NOT NULL,
    high          numeric     NOT NULL,
    low           numeric     NOT NULL,
    close         numeric     NOT NULL,
    volume        bigint      NOT NULL,
    PRIMARY KEY (instrument_id, open_time),
    CONSTRAINT candles_5m_prices_positive CHECK (open > 0 AND high > 0 AND low > 0 AND close > 0),
    CONSTRAINT candles_5m_high_low        CHECK (high >= low),
    CONSTRAINT candles_5m_high_bounds     CHECK (high >= open AND high >= close),
    CONSTRAINT candles_5m_low_bounds      CHECK (low <= open AND low <= close),
    CONSTRAINT candles_5m_volume_not_negative CHECK (volume >= 0),
    CONSTRAINT candles_5m_open_time_aligned CHECK (mod(extract(epoch FROM open_time), 300) = 0)
);
COMMENT ON TABLE candles_5m IS '5-minute bars aggregated from candles_1m, written when the bar closes.';

CREATE TABLE candles_15m (
    instrument_id text        NOT NULL REFERENCES instruments (id),
    open_time     timestamptz NOT NULL,
    open          numeric     NOT NULL,
    high          numeric     NOT NULL,
    low           numeric     NOT NULL,
    close         numeric     NOT NULL,
    volume        bigint      NOT NULL,
    PRIMARY KEY (instrument_id, open_time),
    CONSTRAINT candles_15m_prices_positive CHECK (open > 0 AND high > 0 AND low > 0 AND close > 0),
    CONSTRAINT candles_15m_high_low        CHECK (high >= low),
    CONSTRAINT candles_15m_high_bounds     CHECK (high >= open AND high >= close),
    CONSTRAINT candles_15m_low_bounds      CHECK (low <= open AND low <= close),
    CONSTRAINT candles_15m_volume_not_negative CHECK (volume >= 0),
    CONSTRAINT candles_15m_open_time_aligned CHECK (mod(extract(epoch FROM open_time), 900) = 0)
);
COMMENT ON TABLE candles_15m IS '15-minute bars aggregated from candles_1m, written when the bar closes.';

CREATE TABLE candles_1h (
    instrument_id text        NOT NULL REFERENCES instruments (id),
    open_time     timestamptz NOT NULL,
    open          numeric     NOT NULL,
    high          numeric     NOT NULL,
    low           numeric     NOT NULL,
    close         numeric     NOT NULL,
    volume        bigint      NOT NULL,
    PRIMARY KEY (instrument_id, open_time),
    CONSTRAINT candles_1h_prices_positive CHECK (open > 0 AND high > 0 AND low > 0 AND close > 0),
    CONSTRAINT candles_1h_high_low        CHECK (high >= low),
    CONSTRAINT candles_1h_high_bounds     CHECK (high >= open AND high >= close),
    CONSTRAINT candles_1h_low_bounds      CHECK (low <= open AND low <= close),
    CONSTRAINT candles_1h_volume_not_negative CHECK (volume >= 0),
    CONSTRAINT candles_1h_open_time_aligned CHECK (mod(extract(epoch FROM open_time), 3600) = 0)
);
COMMENT ON TABLE candles_1h IS '1-hour bars aggregated from candles_1m, written when the bar closes.';

CREATE TABLE candles_1d (
    instrument_id text        NOT NULL REFERENCES instruments (id),
    open_time     timestamptz NOT NULL,
    open          numeric     NOT NULL,
    high          numeric     NOT NULL,
    low           numeric     NOT NULL,
    close         numeric     NOT NULL,
    volume        bigint      NOT NULL,
    PRIMARY KEY (instrument_id, open_time),
    CONSTRAINT candles_1d_prices_positive CHECK (open > 0 AND high > 0 AND low > 0 AND close > 0),
    CONSTRAINT candles_1d_high_low        CHECK (high >= low),
    CONSTRAINT candles_1d_high_bounds     CHECK (high >= open AND high >= close),
    CONSTRAINT candles_1d_low_bounds      CHECK (low <= open AND low <= close),
    CONSTRAINT candles_1d_volume_not_negative CHECK (volume >= 0)
);
COMMENT ON TABLE candles_1d IS 'Daily bars (one per exchange trading day) aggregated from candles_1m, written when the day closes.';

COMMENT ON COLUMN candles_1m.source IS 'Where the minute came from: ''tinkoff'' (stream or history API), ''file'' (historical import) or ''generator'' (synthetic; use instrument ids of its own so it never overwrites real data).';
COMMENT ON COLUMN candles_1m.volume IS 'Traded volume in lots, as the Tinkoff API reports it.';
-- The feed clock and replays read all instruments' minutes by time range; BRIN is tiny and
-- cheap to maintain on append-mostly, time-ordered data.
CREATE INDEX candles_1m_open_time_brin ON candles_1m USING brin (open_time);
