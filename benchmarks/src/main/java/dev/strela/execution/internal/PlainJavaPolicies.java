package dev.strela.execution.internal;

import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;
import java.util.List;

import dev.strela.execution.facts.AccountFacts;
import dev.strela.execution.facts.Controls;
import dev.strela.execution.facts.Decision;
import dev.strela.execution.facts.GlobalLimits;
import dev.strela.execution.facts.InstrumentFacts;
import dev.strela.execution.facts.PositionBook;
import dev.strela.execution.facts.StrategyLimits;
import dev.strela.execution.facts.TradeRequest;

/**
 * The policies of the shipped {@code rules/*.drl} written as plain Java: the yardstick {@link DecisionBenchmark}
 * measures the rule engine against. Each block below is one rule, in salience order, with the rule's conditions
 * and its {@code then} part as written in the DRL (same refusal codes, same reason texts, same arithmetic), and
 * writes the same {@link Decision}.
 *
 * <p>One pass in salience order reaches the same result as the engine's match-fire loop: a rule's conditions only
 * read decision fields that rules of higher salience write (slots freed at 950, stop distance at 900, lots at 800,
 * required cash at 610); the one later write, insufficient_cash lowering the lots to a positive number, makes no
 * rule above it true; and {@code refused}/{@code entryAllowed} only ever go from true to false. So no rule can
 * become true after a rule of lower salience has fired. Rules of equal salience exclude each other (by signal
 * type, by {@code reduceOnInsufficientCash}), except the two {@code too_wide_stop} rules, which give the same code.
 * {@link DecisionBenchmark} checks the two agree on every input before it measures.
 *
 * <p>Expects at most one fact of each type, as {@code SignalProcessor} inserts them; a missing fact makes the rules
 * that match on it not apply, as in the engine.
 */
public final class PlainJavaPolicies {

    private PlainJavaPolicies() {
    }

    /** Decides the facts {@link RuleSet#decide} would be given. */
    public static Decision decide(List<Object> facts) {
        TradeRequest r = null;
        StrategyLimits s = null;
        AccountFacts a = null;
        InstrumentFacts i = null;
        PositionBook b = null;
        Controls c = null;
        GlobalLimits g = null;
        for (int k = 0, n = facts.size(); k < n; k++) {
            Object f = facts.get(k);
            if (f instanceof TradeRequest x) {
                r = x;
            } else if (f instanceof StrategyLimits x) {
                s = x;
            } else if (f instanceof AccountFacts x) {
                a = x;
            } else if (f instanceof InstrumentFacts x) {
                i = x;
            } else if (f instanceof PositionBook x) {
                b = x;
            } else if (f instanceof Controls x) {
                c = x;
            } else if (f instanceof GlobalLimits x) {
                g = x;
            }
        }
        return decide(r, s, a, i, b, c, g);
    }

    /** Decides one signal; any argument may be null (the fact is absent). */
    public static Decision decide(TradeRequest r, StrategyLimits s, AccountFacts a, InstrumentFacts i, PositionBook b,
                                  Controls c, GlobalLimits g) {
        Decision d = new Decision();
        String type = r != null ? r.getType() : null;
        boolean entry = r != null && r.isEntry();
        boolean safeMode = c != null && c.isSafeMode() && !c.isStopTrading();

        // trading_controls.drl, 1000: trading_disabled_by_control
        if (c != null && c.isStopTrading() && !d.isRefused()) {
            d.notSent("trading_disabled_by_control", "trading_disabled_by_control: stop_trading=true");
        }

        // trading_controls.drl, 990: new_positions_disabled_by_control (OPEN, ADD)
        if (safeMode && r != null && ("OPEN".equals(type) || "ADD".equals(type)) && d.isEntryAllowed()) {
            d.refuse("new_positions_disabled_by_control",
                    "new_positions_disabled_by_control: safe_mode=true, type=" + r.getType());
        }

        // signal_types.drl, 950: close_position
        if (r != null && b != null && ("CLOSE".equals(type) || "REVERSE".equals(type)) && b.getCurrentLots() != 0
                && ("CLOSE".equals(type) || b.getCurrentLots() * r.getSign() < 0)
                && !d.isRefused() && !d.isCloseSized()) {
            d.setCloseLots(Math.abs(b.getCurrentLots()));
            d.setSlotsFreed(1);
            d.setCloseSized(true);
        }

        // signal_types.drl, 940: no_position_to_close, position_already_open (OPEN, REVERSE), no_position_to_add_to
        if (r != null && b != null && !d.isRefused() && type != null) {
            switch (type) {
                case "CLOSE" -> {
                    if (b.getCurrentLots() == 0) {
                        d.refuse("no_position_to_close", "no_position_to_close: current_lots=0");
                    }
                }
                case "OPEN" -> {
                    if (b.getCurrentLots() != 0 || b.getPendingLots() != 0) {
                        d.refuse("position_already_open", "position_already_open: current_lots="
                                + b.getCurrentLots() + ", pending_lots=" + b.getPendingLots());
                    }
                }
                case "REVERSE" -> {
                    if (b.getCurrentLots() * r.getSign() > 0) {
                        d.refuse("position_already_open", "position_already_open: current_lots="
                                + b.getCurrentLots() + ", direction=" + r.getDirection());
                    }
                }
                case "ADD" -> {
                    if (b.getCurrentLots() * r.getSign() <= 0) {
                        d.refuse("no_position_to_add_to", "no_position_to_add_to: current_lots="
                                + b.getCurrentLots() + ", direction=" + r.getDirection());
                    }
                }
                default -> { }
            }
        }

        // signal_types.drl, 930: no_market_price_for_symbol
        if (entry && r.getEntryPrice() == null && d.isEntryAllowed()) {
            d.refuseEntry("no_market_price_for_symbol", "no_market_price_for_symbol: symbol=" + r.getSymbol()
                    + ", entry_type=" + r.getEntryType());
        }

        // trading_controls.drl, 920: new_positions_disabled_by_control (REVERSE keeps its closing leg)
        if (safeMode && r != null && "REVERSE".equals(type) && d.isEntryAllowed()) {
            d.refuseEntry("new_positions_disabled_by_control",
                    "new_positions_disabled_by_control: safe_mode=true, type=REVERSE, close_lots=" + d.getCloseLots());
        }

        BigDecimal entryPrice = r != null ? r.getEntryPrice() : null;
        BigDecimal stopLoss = r != null ? r.getStopLoss() : null;

        // stop_distance.drl, 905: invalid_stop
        if (entry && entryPrice != null && stopLoss != null && stopLoss.signum() > 0
                && entryPrice.subtract(stopLoss).signum() * r.getSign() <= 0 && d.isEntryAllowed()) {
            d.refuseEntry("invalid_stop", "invalid_stop: direction=" + r.getDirection() + ", entry="
                    + entryPrice + ", stop=" + stopLoss);
        }

        // stop_distance.drl, 890: too_wide_stop (stop farther than allowed)
        BigDecimal distance = r != null ? r.getStopDistance() : null;
        if (entry && s != null && distance != null && stopLoss.signum() > 0 && d.isEntryAllowed()
                && distance.compareTo(s.getMaxStopLossFraction().multiply(entryPrice)) > 0) {
            d.refuseEntry("too_wide_stop", "too_wide_stop: entry=" + entryPrice + ", stop=" + stopLoss
                    + ", risk_span=" + distance.divide(entryPrice, MathContext.DECIMAL64) + ", max="
                    + s.getMaxStopLossFraction());
        }

        // stop_distance.drl, 890: too_wide_stop (an entry without a stop)
        if (entry && entryPrice != null && (stopLoss == null || stopLoss.signum() <= 0) && d.isEntryAllowed()) {
            d.refuseEntry("too_wide_stop", "too_wide_stop: stop=" + stopLoss);
        }

        // risk_sizing.drl, 810: account_unavailable
        if (entry && (a == null || a.getEquity() == null) && d.isEntryAllowed()) {
            d.refuseEntry("account_unavailable", "account_unavailable: the run has no account");
        }

        // risk_sizing.drl, 800: risk_sizing
        if (entry && s != null && a != null && a.getEquity() != null && i != null && d.isEntryAllowed()
                && d.getEntryLots() == null && distance != null && distance.signum() > 0) {
            BigDecimal maxLoss = s.getRiskPerTrade().multiply(r.getSizeValue()).multiply(a.getEquity());
            BigDecimal sizeMoney = maxLoss.multiply(entryPrice).divide(distance, 2, RoundingMode.DOWN);
            long lots = maxLoss.divide(distance.multiply(BigDecimal.valueOf(i.getLot())), 0, RoundingMode.FLOOR)
                    .longValueExact();
            d.setStopDistance(distance);
            d.setRiskSpan(distance.divide(entryPrice, MathContext.DECIMAL64));
            d.setMaxLossMoney(maxLoss);
            d.setSizeMoney(sizeMoney);
            d.setEntryLots(lots);
        }

        // risk_sizing.drl, 790: size_too_small
        if (d.isEntryAllowed() && d.getEntryLots() != null && d.getEntryLots() <= 0) {
            d.refuseEntry("size_too_small", "size_too_small: size_lots=" + d.getEntryLots() + ", max_loss_money="
                    + d.getMaxLossMoney() + ", size_money=" + d.getSizeMoney());
        }

        // position_limits.drl, 700: max_total_positions_reached
        if (entry && g != null && b != null && d.isEntryAllowed() && d.getEntryLots() != null
                && b.getTotalOpenPositions() - d.getSlotsFreed() >= g.getMaxTotalPositions()) {
            d.refuseEntry("max_total_positions_reached", "max_total_positions_reached: open="
                    + b.getTotalOpenPositions() + ", max=" + g.getMaxTotalPositions());
        }

        // position_limits.drl, 690: max_positions_per_strategy_reached
        if (entry && s != null && b != null && d.isEntryAllowed() && d.getEntryLots() != null
                && b.getOpenPositionsForStrategy() - d.getSlotsFreed() >= s.getMaxPositionsPerStrategy()) {
            d.refuseEntry("max_positions_per_strategy_reached", "max_positions_per_strategy_reached: open="
                    + b.getOpenPositionsForStrategy() + ", max=" + s.getMaxPositionsPerStrategy());
        }

        // cash.drl, 600: insufficient_cash (reduce, or refuse when reduceOnInsufficientCash is off)
        if (entry && g != null && a != null && i != null && d.isEntryAllowed() && !d.isCashChecked()
                && d.getEntryLots() != null && d.getEntryLots() > 0) {
            BigDecimal perLot = entryPrice.multiply(BigDecimal.valueOf(i.getLot())).multiply(g.getCashSafetyCoeff());
            BigDecimal required = perLot.multiply(BigDecimal.valueOf(d.getEntryLots()));
            BigDecimal free = a.getFreeCash();
            if (required.compareTo(free) > 0) {
                if (g.isReduceOnInsufficientCash()) {
                    long affordable = free.signum() <= 0 ? 0 : free.divide(perLot, 0, RoundingMode.FLOOR).longValueExact();
                    if (affordable > 0) {
                        d.setEntryLots(affordable);
                        d.setRequiredCash(perLot.multiply(BigDecimal.valueOf(affordable)));
                        d.setCashChecked(true);
                    } else {
                        d.refuseEntry("insufficient_cash", "insufficient_cash: required=" + required
                                + ", free_cash=" + free + ", per_lot=" + perLot);
                    }
                } else {
                    d.refuseEntry("insufficient_cash", "insufficient_cash: required=" + required + ", free_cash=" + free);
                }
            }
        }
        return d;
    }
}
