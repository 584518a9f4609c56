-- Strela schema, part 1: runs, instruments, accounts, strategy configuration, trading controls.
-- Conventions for every migration in this folder:
--   * timestamptz for every point in time, numeric for every price, ratio, cash and PnL amount
--     (exact; never double precision), bigint for quantities in lots or units;
--   * every enum-like column has a CHECK listing its values (or a format for open sets);
--   * every state table carries run_id (FK to runs) so replay, paper and live never mix;
--   * lower_snake codes as in ARCHITECTURE.md (error codes, components, sources).

-- Keeps updated_at current on UPDATE unless the statement set it itself
-- (replay code may write the feed clock's time; everything else gets now()).
CREATE FUNCTION touch_updated_at() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
    IF NEW.updated_at IS NOT DISTINCT FROM OLD.updated_at THEN
        NEW.updated_at := now();
    END IF;
    RETURN NEW;
END
$$;

-- ---------------------------------------------------------------------------------------------
-- runs
-- ---------------------------------------------------------------------------------------------
CREATE TABLE runs (
    id          text        PRIMARY KEY,
    kind        text        NOT NULL,
    params      jsonb       NOT NULL DEFAULT '{}',
    started_at  timestamptz NOT NULL DEFAULT now(),
    finished_at timestamptz,
    status      text        NOT NULL DEFAULT 'running',
    CONSTRAINT runs_id_format      CHECK (id ~ '^[a-z][a-z0-9-]*$'),
    CONSTRAINT runs_kind_values    CHECK (kind IN ('live', 'paper', 'replay')),
    CONSTRAINT runs_replay_id      CHECK ((kind = 'replay') = (id LIKE 'replay-%')),
    CONSTRAINT runs_status_values  CHECK (status IN ('created', 'running', 'finished', 'failed', 'cancelled')),
    CONSTRAINT runs_finished_when_done
        CHECK ((finished_at IS NOT NULL) = (status IN ('finished', 'failed', 'cancelled'))),
    CONSTRAINT runs_finished_after_start CHECK (finished_at IS NULL OR finished_at >= started_at),
    CONSTRAINT runs_params_object  CHECK (jsonb_typeof(params) = 'object')
);
COMMENT ON TABLE runs IS 'Namespaces for trading state: the standing ''live'' and ''paper'' runs and one ''replay-<uuid>'' row per historical replay.';
COMMENT ON COLUMN runs.id IS '''live'', ''paper'' (seeded, never deleted) or ''replay-<uuid>'' for replays.';
COMMENT ON COLUMN runs.params IS 'Replay parameters (period, instruments, speed, fill model, ...); {} for live and paper.';

-- Deleting a replay run removes all its state (ON DELETE CASCADE below); the standing runs stay.
CREATE FUNCTION runs_refuse_standing_delete() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
    RAISE EXCEPTION USING
        ERRCODE = '23503',
        MESSAGE = format('run_not_deletable: run_id=%s kind=%s', OLD.id, OLD.kind),
        HINT = 'Only replay runs may be deleted.';
END
$$;
CREATE TRIGGER runs_keep_standing_runs BEFORE DELETE ON runs
    FOR EACH ROW WHEN (OLD.kind <> 'replay') EXECUTE FUNCTION runs_refuse_standing_delete();

INSERT INTO runs (id, kind, status) VALUES ('live', 'live', 'running'), ('paper', 'paper', 'running');

-- ---------------------------------------------------------------------------------------------
-- instruments
-- ---------------------------------------------------------------------------------------------
CREATE TABLE instruments (
    id                  text        PRIMARY KEY,
    ticker              text        NOT NULL,
    class_code          text        NOT NULL,
    figi                text,
    lot                 int         NOT NULL,
    min_price_increment numeric     NOT NULL,
    currency            text        NOT NULL,
    name                text,
    api_trade_available boolean     NOT NULL DEFAULT true,
    created_at          timestamptz NOT NULL DEFAULT now(),
    updated_at          timestamptz NOT NULL DEFAULT now(),
    CONSTRAINT instruments_ticker_class_code_key UNIQUE (ticker, class_code),
    CONSTRAINT instruments_id_not_blank      CHECK (id <> ''),
    CONSTRAINT instruments_lot_positive      CHECK (lot > 0),
    CONSTRAINT instruments_increment_positive CHECK (min_price_increment > 0),
    CONSTRAINT instruments_currency_format   CHECK (currency ~ '^[a-z]{3}$')
);
COMMENT ON TABLE instruments IS 'Tradable instruments: lot size, minimum price increment and currency used for sizing and price rounding.';
COMMENT ON COLUMN instruments.id IS 'Tinkoff instrument_uid, or our own id for instruments from files or generators.';
COMMENT ON COLUMN instruments.currency IS 'Lower-case ISO 4217 code as the Tinkoff API spells it (''rub'', ''usd'').';
CREATE TRIGGER instruments_touch BEFORE UPDATE ON instruments
    FOR EACH ROW EXECUTE FUNCTION touch_updated_at();

-- ---------------------------------------------------------------------------------------------
-- accounts
-- ---------------------------------------------------------------------------------------------
CREATE TABLE accounts (
    id           text        PRIMARY KEY,
    run_id       text        NOT NULL REFERENCES runs (id) ON DELETE CASCADE,
    broker       text        NOT NULL,
    currency     text        NOT NULL DEFAULT 'rub',
    initial_cash numeric,
    cash         numeric     NOT NULL,
    created_at   timestamptz NOT NULL DEFAULT now(),
    updated_at   timestamptz NOT NULL DEFAULT now(),
    CONSTRAINT accounts_id_not_blank         CHECK (id <> ''),
    -- Open set: broker adapters are hot-deployable bundles ('fake', 'tinkoff', ...).
    CONSTRAINT accounts_broker_format        CHECK (broker ~ '^[a-z][a-z0-9_]*$'),
    CONSTRAINT accounts_currency_format      CHECK (currency ~ '^[a-z]{3}$'),
    CONSTRAINT accounts_initial_cash_not_negative CHECK (initial_cash IS NULL OR initial_cash >= 0)
);
COMMENT ON TABLE accounts IS 'Trading accounts and their cash: the paper account kept by FakeBroker, the broker''s live account, one per replay.';
COMMENT ON COLUMN accounts.id IS 'Broker account id for live (Tinkoff account_id); our own id for paper and replay accounts.';
COMMENT ON COLUMN accounts.initial_cash IS 'Starting cash for paper and replay accounts (from configuration); NULL for live.';
CREATE INDEX accounts_run_idx ON accounts (run_id);
CREATE TRIGGER accounts_touch BEFORE UPDATE ON accounts
    FOR EACH ROW EXECUTE FUNCTION touch_updated_at();

-- ---------------------------------------------------------------------------------------------
-- strategy_universe
-- ---------------------------------------------------------------------------------------------
CREATE TABLE strategy_universe (
    id                         bigserial   PRIMARY KEY,
    strategy                   text        NOT NULL,
    symbol                     text        NOT NULL REFERENCES instruments (id),
    timeframe                  text        NOT NULL,
    enabled                    boolean     NOT NULL DEFAULT false,
    mode                       text        NOT NULL DEFAULT 'off',
    priority                   int         NOT NULL DEFAULT 0,
    params_json                jsonb       NOT NULL DEFAULT '{}',
    -- numeric, not double precision as the design notes say: money and ratios must be exact.
    risk_per_trade             numeric              DEFAULT 0.02,
    max_stop_loss_fraction     numeric     NOT NULL DEFAULT 0.2,
    max_positions_per_strategy int         NOT NULL DEFAULT 1,
    consecutive_failures       int         NOT NULL DEFAULT 0,
    disabled_reason            text,
    created_at                 timestamptz NOT NULL DEFAULT now(),
    updated_at                 timestamptz NOT NULL DEFAULT now(),
    CONSTRAINT strategy_universe_strategy_not_blank CHECK (strategy <> ''),
    CONSTRAINT strategy_universe_timeframe_values   CHECK (timeframe IN ('1m', '5m', '15m', '1h', '1d')),
    CONSTRAINT strategy_universe_mode_values        CHECK (mode IN ('off', 'paper', 'live')),
    CONSTRAINT strategy_universe_params_object      CHECK (jsonb_typeof(params_json) = 'object'),
    CONSTRAINT strategy_universe_risk_range         CHECK (risk_per_trade > 0 AND risk_per_trade <= 1),
    CONSTRAINT strategy_universe_stop_fraction_range
        CHECK (max_stop_loss_fraction > 0 AND max_stop_loss_fraction < 1),
    CONSTRAINT strategy_universe_max_positions_positive CHECK (max_positions_per_strategy > 0),
    CONSTRAINT strategy_universe_failures_not_negative  CHECK (consecutive_failures >= 0),
    -- The design notes let risk_per_trade stay NULL until configured, but never on an enabled row.
    CONSTRAINT strategy_universe_enabled_has_risk   CHECK (NOT enabled OR risk_per_trade IS NOT NULL)
);
COMMENT ON TABLE strategy_universe IS 'Strategy configuration only: which strategy runs on which instrument and timeframe, in which mode, with which parameters and risk limits.';
COMMENT ON COLUMN strategy_universe.strategy IS 'Service name of the strategy bundle''s Strategy service.';
COMMENT ON COLUMN strategy_universe.symbol IS 'Instrument id (instruments.id), not the ticker.';
COMMENT ON COLUMN strategy_universe.risk_per_trade IS 'Share of equity risked per trade (0.02 = 2%). numeric rather than the design notes'' double precision: ratios must be exact. NULL only while the row is disabled.';
COMMENT ON COLUMN strategy_universe.max_stop_loss_fraction IS 'Farthest allowed stop as a share of entry price (0.2 = 20%), else too_wide_stop. numeric rather than the design notes'' double precision: ratios must be exact.';
COMMENT ON COLUMN strategy_universe.consecutive_failures IS 'Strategy exceptions in a row; reset on a successful onBar. The runner may disable the row and fill disabled_reason.';
CREATE INDEX strategy_universe_bar_close_idx ON strategy_universe (symbol, timeframe) WHERE enabled;
CREATE TRIGGER strategy_universe_touch BEFORE UPDATE ON strategy_universe
    FOR EACH ROW EXECUTE FUNCTION touch_updated_at();

-- ---------------------------------------------------------------------------------------------
-- trading_control and trading_control_log
-- ---------------------------------------------------------------------------------------------
CREATE TABLE trading_control (
    scope        text        PRIMARY KEY,
    stop_trading boolean     NOT NULL DEFAULT false,
    safe_mode    boolean     NOT NULL DEFAULT false,
    reason       text,
    changed_by   text,
    changed_at   timestamptz NOT NULL DEFAULT now(),
    -- 'global' today; narrower scopes later as '<kind>:<id>' (e.g. 'run:replay-...', 'instrument:...').
    CONSTRAINT trading_control_scope_format CHECK (scope ~ '^(global|[a-z][a-z0-9_]*:.+)$')
);
COMMENT ON TABLE trading_control IS 'Current trading controls per scope: stop_trading (no new orders) and safe_mode (no new positions).';
COMMENT ON COLUMN trading_control.changed_at IS 'Set to now() by trigger when an UPDATE does not set it.';

CREATE TABLE trading_control_log (
    id         bigserial   PRIMARY KEY,
    scope      text        NOT NULL REFERENCES trading_control (scope),
    flag       text        NOT NULL,
    value      boolean     NOT NULL,
    reason     text        NOT NULL,
    changed_by text        NOT NULL,
    changed_at timestamptz NOT NULL DEFAULT now(),
    CONSTRAINT trading_control_log_flag_values CHECK (flag IN ('stop_trading', 'safe_mode'))
);
COMMENT ON TABLE trading_control_log IS 'History of trading control changes, one row per flag change; written by trigger from trading_control, never by hand.';
CREATE INDEX trading_control_log_scope_idx ON trading_control_log (scope, changed_at DESC);

-- A flag change without reason or changed_by fails on the log's NOT NULL columns: every change
-- is explained.
CREATE FUNCTION trading_control_touch() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
    IF NEW.changed_at IS NOT DISTINCT FROM OLD.changed_at THEN
        NEW.changed_at := now();
    END IF;
    RETURN NEW;
END
$$;
CREATE TRIGGER trading_control_touch BEFORE UPDATE ON trading_control
    FOR EACH ROW EXECUTE FUNCTION trading_control_touch();

CREATE FUNCTION trading_control_write_log() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP = 'INSERT' OR NEW.stop_trading IS DISTINCT FROM OLD.stop_trading THEN
        INSERT INTO trading_control_log (scope, flag, value, reason, changed_by, changed_at)
        VALUES (NEW.scope, 'stop_trading', NEW.stop_trading, NEW.reason, NEW.changed_by, NEW.changed_at);
    END IF;
    IF TG_OP = 'INSERT' OR NEW.safe_mode IS DISTINCT FROM OLD.safe_mode THEN
        INSERT INTO trading_control_log (scope, flag, value, reason, changed_by, changed_at)
        VALUES (NEW.scope, 'safe_mode', NEW.safe_mode, NEW.reason, NEW.changed_by, NEW.changed_at);
    END IF;
    RETURN NULL;
END
$$;
CREATE TRIGGER trading_control_write_log AFTER INSERT OR UPDATE ON trading_control
    FOR EACH ROW EXECUTE FUNCTION trading_control_write_log();

INSERT INTO trading_control (scope, stop_trading, safe_mode, reason, changed_by)
VALUES ('global', false, false, 'initial state', 'migration');
