-- Strela schema, part 4: faults and health, the layer every component reports to.

-- ---------------------------------------------------------------------------------------------
-- live_errors
-- ---------------------------------------------------------------------------------------------
CREATE TABLE live_errors (
    id                   bigserial   PRIMARY KEY,
    run_id               text        REFERENCES runs (id) ON DELETE CASCADE,
    source               text        NOT NULL,
    severity             text        NOT NULL,
    code                 text        NOT NULL,
    strategy_universe_id bigint      REFERENCES strategy_universe (id) ON DELETE SET NULL,
    -- No FK: an error may name an instrument we do not know (no_market_price_for_symbol).
    symbol               text,
    timeframe            text,
    message              text        NOT NULL,
    stack_trace          text,
    occurrences          int         NOT NULL DEFAULT 1,
    first_seen           timestamptz NOT NULL DEFAULT now(),
    last_seen            timestamptz NOT NULL DEFAULT now(),
    created_at           timestamptz NOT NULL DEFAULT now(),
    acknowledged_at      timestamptz,
    acknowledged_by      text,
    CONSTRAINT live_errors_source_values
        CHECK (source IN ('data_feed', 'strategy_runner', 'execution', 'broker', 'risk', 'system')),
    CONSTRAINT live_errors_severity_values CHECK (severity IN ('info', 'warning', 'error', 'critical')),
    CONSTRAINT live_errors_code_format CHECK (code ~ '^[a-z][a-z0-9_]*$'),
    CONSTRAINT live_errors_timeframe_values CHECK (timeframe IN ('1m', '5m', '15m', '1h', '1d')),
    CONSTRAINT live_errors_occurrences_positive CHECK (occurrences >= 1),
    CONSTRAINT live_errors_seen_order CHECK (last_seen >= first_seen),
    CONSTRAINT live_errors_acknowledged_both
        CHECK ((acknowledged_at IS NULL) = (acknowledged_by IS NULL))
);
COMMENT ON TABLE live_errors IS 'Every error, refusal and alert any component reports (source, severity, lower_snake code, context, message); repeats may be folded into one row via occurrences/last_seen.';
COMMENT ON COLUMN live_errors.run_id IS 'Run the error belongs to; NULL for platform-wide errors (system, data feed).';
COMMENT ON COLUMN live_errors.message IS 'Reads ''code: key=value, ...''; for broker failures the full error text.';
COMMENT ON COLUMN live_errors.occurrences IS 'How many times this error was seen between first_seen and last_seen (1 for a single report).';
CREATE INDEX live_errors_created_idx ON live_errors (created_at DESC);
CREATE INDEX live_errors_source_severity_idx ON live_errors (source, severity, created_at DESC);
CREATE INDEX live_errors_code_idx ON live_errors (code, created_at DESC);
CREATE INDEX live_errors_unacknowledged_idx ON live_errors (created_at DESC) WHERE acknowledged_at IS NULL;

-- ---------------------------------------------------------------------------------------------
-- service_status
-- ---------------------------------------------------------------------------------------------
CREATE TABLE service_status (
    component      text        PRIMARY KEY,
    state          text        NOT NULL,
    last_heartbeat timestamptz,
    details        jsonb       NOT NULL DEFAULT '{}',
    updated_at     timestamptz NOT NULL DEFAULT now(),
    CONSTRAINT service_status_component_format CHECK (component ~ '^[a-z][a-z0-9_]*$'),
    CONSTRAINT service_status_state_values
        CHECK (state IN ('starting', 'up', 'degraded', 'down', 'stopped')),
    CONSTRAINT service_status_details_object CHECK (jsonb_typeof(details) = 'object')
);
COMMENT ON TABLE service_status IS 'Latest state and heartbeat of each component (data_feed, strategy_runner, execution, broker adapters, ...), one row per component.';
COMMENT ON COLUMN service_status.component IS 'lower_snake component name, e.g. data_feed, strategy_runner, execution, broker_fake, broker_tinkoff.';
COMMENT ON COLUMN service_status.last_heartbeat IS 'Last sign of life; the health monitor flags a component silent for N seconds and sets stop-trading.';
CREATE TRIGGER service_status_touch BEFORE UPDATE ON service_status
    FOR EACH ROW EXECUTE FUNCTION touch_updated_at();
