-- Strela schema, part 3: the trading flow's state, signal -> decision -> order -> fill -> position.
-- Every table carries run_id. Child rows repeat their parent's run_id and a composite foreign key
-- (parent_id, run_id) makes the database refuse a replay order on a live signal, a live fill on a
-- paper order, and so on. Deleting a replay run (DELETE FROM runs) cascades to all of it.

-- ---------------------------------------------------------------------------------------------
-- live_signals
-- ---------------------------------------------------------------------------------------------
CREATE TABLE live_signals (
    id                   bigserial   PRIMARY KEY,
    run_id               text        NOT NULL REFERENCES runs (id) ON DELETE CASCADE,
    strategy_universe_id bigint      NOT NULL REFERENCES strategy_universe (id),
    symbol               text        NOT NULL REFERENCES instruments (id),
    timeframe            text        NOT NULL,
    signal_timestamp     timestamptz NOT NULL,
    bar_timestamp        timestamptz NOT NULL,
    signal_json          jsonb       NOT NULL,
    created_at           timestamptz NOT NULL DEFAULT now(),
    processed            boolean     NOT NULL DEFAULT false,
    processed_at         timestamptz,
    CONSTRAINT live_signals_one_per_bar UNIQUE (run_id, strategy_universe_id, bar_timestamp),
    CONSTRAINT live_signals_id_run_key  UNIQUE (id, run_id),
    CONSTRAINT live_signals_timeframe_values CHECK (timeframe IN ('1m', '5m', '15m', '1h', '1d')),
    CONSTRAINT live_signals_json_object CHECK (jsonb_typeof(signal_json) = 'object'),
    CONSTRAINT live_signals_processed_at_iff_processed CHECK (processed = (processed_at IS NOT NULL))
);
COMMENT ON TABLE live_signals IS 'Valid signals written by the StrategyRunner, at most one per strategy_universe row and bar per run; Execution consumes the unprocessed ones.';
COMMENT ON COLUMN live_signals.bar_timestamp IS 'open_time of the closed bar that produced the signal.';
COMMENT ON COLUMN live_signals.signal_timestamp IS 'Feed-clock time at which the strategy produced the signal.';
COMMENT ON COLUMN live_signals.signal_json IS 'The Signal DTO: type, direction, entry_type, entry_price, stop_loss, take_profit, size_mode, size_value, meta.';
COMMENT ON COLUMN live_signals.processed IS 'Set (with processed_at) in the same transaction that inserts the signal''s decision; a deferred trigger refuses a processed signal without one.';
CREATE INDEX live_signals_unprocessed_idx ON live_signals (run_id, id) WHERE NOT processed;

-- ---------------------------------------------------------------------------------------------
-- decisions
-- ---------------------------------------------------------------------------------------------
CREATE TABLE decisions (
    id               bigserial   PRIMARY KEY,
    run_id           text        NOT NULL REFERENCES runs (id) ON DELETE CASCADE,
    signal_id        bigint      NOT NULL,
    decision         text        NOT NULL,
    refusal_code     text,
    rule_set_version text,
    rules_fired      text[]      NOT NULL DEFAULT '{}',
    facts_json       jsonb       NOT NULL DEFAULT '{}',
    lots             bigint,
    created_at       timestamptz NOT NULL DEFAULT now(),
    CONSTRAINT decisions_one_per_signal UNIQUE (signal_id),
    CONSTRAINT decisions_signal_fk FOREIGN KEY (signal_id, run_id) REFERENCES live_signals (id, run_id),
    CONSTRAINT decisions_decision_values CHECK (decision IN ('order', 'refused', 'not_sent')),
    CONSTRAINT decisions_refusal_code_format CHECK (refusal_code ~ '^[a-z][a-z0-9_]*$'),
    -- 'refused' and 'not_sent' say why (too_wide_stop, trading_disabled_by_control, ...); 'order' does not.
    CONSTRAINT decisions_code_iff_not_order CHECK ((decision = 'order') = (refusal_code IS NULL)),
    CONSTRAINT decisions_lots_not_negative CHECK (lots >= 0),
    CONSTRAINT decisions_order_has_lots CHECK (decision <> 'order' OR lots > 0),
    CONSTRAINT decisions_facts_object CHECK (jsonb_typeof(facts_json) = 'object')
);
COMMENT ON TABLE decisions IS 'Exactly one Execution decision per processed signal (order, refused or not_sent) with the rules that fired and the facts they saw.';
COMMENT ON COLUMN decisions.refusal_code IS 'Error code of the refusal (lower_snake, as in live_errors.code); NULL for decision = ''order''.';
COMMENT ON COLUMN decisions.rules_fired IS 'Names of the DRL rules that fired, e.g. {"too_wide_stop: stop farther than allowed"}.';
COMMENT ON COLUMN decisions.rule_set_version IS 'Version or content hash of the DRL rule set in force.';
COMMENT ON COLUMN decisions.lots IS 'Computed size in lots (> 0 for an order; 0 or NULL when refused before or at sizing).';

-- "Each signal has exactly one decision": UNIQUE (signal_id) gives at most one; this deferred
-- trigger gives at least one for every processed signal, checked at commit.
CREATE FUNCTION live_signals_require_decision() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
    IF NOT EXISTS (SELECT 1 FROM decisions d WHERE d.signal_id = NEW.id) THEN
        RAISE EXCEPTION USING
            ERRCODE = '23514',
            MESSAGE = format('signal_without_decision: signal_id=%s', NEW.id),
            HINT = 'Insert the decision in the same transaction that marks the signal processed.';
    END IF;
    RETURN NULL;
END
$$;
CREATE CONSTRAINT TRIGGER live_signals_processed_has_decision
    AFTER INSERT OR UPDATE OF processed ON live_signals
    DEFERRABLE INITIALLY DEFERRED
    FOR EACH ROW WHEN (NEW.processed) EXECUTE FUNCTION live_signals_require_decision();

-- ---------------------------------------------------------------------------------------------
-- live_orders
-- ---------------------------------------------------------------------------------------------
CREATE TABLE live_orders (
    id                   bigserial   PRIMARY KEY,
    run_id               text        NOT NULL REFERENCES runs (id) ON DELETE CASCADE,
    client_order_id      varchar(36) NOT NULL,
    signal_id            bigint,
    parent_order_id      bigint,
    strategy_universe_id bigint      NOT NULL REFERENCES strategy_universe (id),
    symbol               text        NOT NULL REFERENCES instruments (id),
    side                 text        NOT NULL,
    order_type           text        NOT NULL,
    lots                 bigint      NOT NULL,
    filled_lots          bigint      NOT NULL DEFAULT 0,
    price                numeric,
    stop_loss            numeric,
    take_profit          numeric,
    status               text        NOT NULL DEFAULT 'NEW',
    broker               text        NOT NULL,
    broker_order_id      text,
    reject_reason        text,
    created_at           timestamptz NOT NULL DEFAULT now(),
    updated_at           timestamptz NOT NULL DEFAULT now(),
    CONSTRAINT live_orders_client_order_id_key UNIQUE (client_order_id),
    CONSTRAINT live_orders_id_run_key UNIQUE (id, run_id),
    CONSTRAINT live_orders_signal_fk FOREIGN KEY (signal_id, run_id) REFERENCES live_signals (id, run_id),
    CONSTRAINT live_orders_parent_fk FOREIGN KEY (parent_order_id, run_id) REFERENCES live_orders (id, run_id),
    CONSTRAINT live_orders_side_values CHECK (side IN ('BUY', 'SELL')),
    CONSTRAINT live_orders_type_values
        CHECK (order_type IN ('MARKET', 'LIMIT', 'STOP', 'STOP_LOSS', 'TAKE_PROFIT')),
    CONSTRAINT live_orders_status_values
        CHECK (status IN ('NEW', 'SUBMITTED', 'PARTIALLY_FILLED', 'FILLED', 'CANCELLED', 'REJECTED')),
    CONSTRAINT live_orders_client_order_id_not_blank CHECK (client_order_id <> ''),
    CONSTRAINT live_orders_broker_format CHECK (broker ~ '^[a-z][a-z0-9_]*$'),
    CONSTRAINT live_orders_lots_positive CHECK (lots > 0),
    CONSTRAINT live_orders_filled_range CHECK (filled_lots >= 0 AND filled_lots <= lots),
    -- NULL comparisons are unknown and pass: each present price must be positive.
    CONSTRAINT live_orders_prices_positive CHECK (price > 0 AND stop_loss > 0 AND take_profit > 0),
    CONSTRAINT live_orders_priced_unless_market CHECK (order_type = 'MARKET' OR price IS NOT NULL),
    CONSTRAINT live_orders_filled_when_filled CHECK (status <> 'FILLED' OR filled_lots = lots),
    CONSTRAINT live_orders_partial_when_partial
        CHECK (status <> 'PARTIALLY_FILLED' OR (filled_lots > 0 AND filled_lots < lots)),
    CONSTRAINT live_orders_rejected_unfilled CHECK (status <> 'REJECTED' OR filled_lots = 0)
);
COMMENT ON TABLE live_orders IS 'Orders created by Execution (entries from signals, protective stop/take orders from their parent) and their life cycle at the broker.';
COMMENT ON COLUMN live_orders.client_order_id IS 'Our idempotency key sent to the broker (a UUID; Tinkoff order_id), unique across all runs.';
COMMENT ON COLUMN live_orders.signal_id IS 'Signal that caused the order; NULL for protective and management orders.';
COMMENT ON COLUMN live_orders.parent_order_id IS 'Entry order that a STOP_LOSS / TAKE_PROFIT order protects.';
COMMENT ON COLUMN live_orders.price IS 'Limit price, or trigger price of STOP / STOP_LOSS / TAKE_PROFIT, rounded to min_price_increment; NULL for MARKET.';
COMMENT ON COLUMN live_orders.broker IS 'Broker adapter that holds the order (''fake'', ''tinkoff'', ...).';
COMMENT ON COLUMN live_orders.reject_reason IS 'Broker''s or adapter''s reason for REJECTED; the full error text goes to live_errors.';
CREATE INDEX live_orders_active_idx ON live_orders (run_id, strategy_universe_id, symbol)
    WHERE status IN ('NEW', 'SUBMITTED', 'PARTIALLY_FILLED');
CREATE UNIQUE INDEX live_orders_broker_order_key ON live_orders (run_id, broker, broker_order_id)
    WHERE broker_order_id IS NOT NULL;
CREATE INDEX live_orders_signal_idx ON live_orders (signal_id) WHERE signal_id IS NOT NULL;
CREATE INDEX live_orders_parent_idx ON live_orders (parent_order_id) WHERE parent_order_id IS NOT NULL;
CREATE TRIGGER live_orders_touch BEFORE UPDATE ON live_orders
    FOR EACH ROW EXECUTE FUNCTION touch_updated_at();

-- ---------------------------------------------------------------------------------------------
-- live_trades
-- ---------------------------------------------------------------------------------------------
CREATE TABLE live_trades (
    id              bigserial   PRIMARY KEY,
    run_id          text        NOT NULL REFERENCES runs (id) ON DELETE CASCADE,
    order_id        bigint      NOT NULL,
    broker_trade_id text        NOT NULL,
    symbol          text        NOT NULL REFERENCES instruments (id),
    side            text        NOT NULL,
    lots            bigint      NOT NULL,
    quantity        bigint      NOT NULL,
    price           numeric     NOT NULL,
    commission      numeric     NOT NULL DEFAULT 0,
    executed_at     timestamptz NOT NULL,
    created_at      timestamptz NOT NULL DEFAULT now(),
    CONSTRAINT live_trades_one_per_report UNIQUE (order_id, broker_trade_id),
    CONSTRAINT live_trades_order_fk FOREIGN KEY (order_id, run_id) REFERENCES live_orders (id, run_id),
    CONSTRAINT live_trades_side_values CHECK (side IN ('BUY', 'SELL')),
    CONSTRAINT live_trades_lots_positive CHECK (lots > 0),
    CONSTRAINT live_trades_quantity_covers_lots CHECK (quantity >= lots),
    CONSTRAINT live_trades_price_positive CHECK (price > 0),
    CONSTRAINT live_trades_commission_not_negative CHECK (commission >= 0)
);
COMMENT ON TABLE live_trades IS 'Fills reported by the broker (real or FakeBroker), one row per fill report; a repeated report is refused by the unique key.';
COMMENT ON COLUMN live_trades.broker_trade_id IS 'Broker''s fill id (Tinkoff trade_id); FakeBroker makes its own. Insert with ON CONFLICT (order_id, broker_trade_id) DO NOTHING.';
COMMENT ON COLUMN live_trades.quantity IS 'Units (shares), lots * instruments.lot at fill time.';
COMMENT ON COLUMN live_trades.commission IS 'Commission in the account currency.';
CREATE INDEX live_trades_run_symbol_idx ON live_trades (run_id, symbol, executed_at);

-- ---------------------------------------------------------------------------------------------
-- live_positions
-- ---------------------------------------------------------------------------------------------
CREATE TABLE live_positions (
    run_id               text        NOT NULL REFERENCES runs (id) ON DELETE CASCADE,
    strategy_universe_id bigint      NOT NULL REFERENCES strategy_universe (id),
    symbol               text        NOT NULL REFERENCES instruments (id),
    quantity             bigint      NOT NULL DEFAULT 0,
    lots                 bigint      NOT NULL DEFAULT 0,
    average_price        numeric,
    realized_pnl         numeric     NOT NULL DEFAULT 0,
    commission           numeric     NOT NULL DEFAULT 0,
    opened_at            timestamptz,
    updated_at           timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (run_id, strategy_universe_id, symbol),
    CONSTRAINT live_positions_same_sign CHECK (sign(quantity) = sign(lots)),
    CONSTRAINT live_positions_average_price_positive CHECK (average_price > 0),
    CONSTRAINT live_positions_open_has_price_and_time
        CHECK (quantity = 0 OR (average_price IS NOT NULL AND opened_at IS NOT NULL)),
    CONSTRAINT live_positions_commission_not_negative CHECK (commission >= 0)
);
COMMENT ON TABLE live_positions IS 'Position of each strategy_universe row per instrument and run (signed: negative is short); flat rows keep realized PnL.';
COMMENT ON COLUMN live_positions.quantity IS 'Signed units (shares); negative for a short.';
COMMENT ON COLUMN live_positions.lots IS 'Signed lots; same sign as quantity.';
COMMENT ON COLUMN live_positions.average_price IS 'Average entry price of the open quantity; may be NULL when flat.';
COMMENT ON COLUMN live_positions.opened_at IS 'When the current non-flat position was opened; may be NULL when flat.';
CREATE TRIGGER live_positions_touch BEFORE UPDATE ON live_positions
    FOR EACH ROW EXECUTE FUNCTION touch_updated_at();
