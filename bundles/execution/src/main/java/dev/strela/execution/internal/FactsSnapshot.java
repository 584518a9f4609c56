package dev.strela.execution.internal;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import dev.strela.api.model.SignalJson;
import dev.strela.execution.facts.AccountFacts;
import dev.strela.execution.facts.Controls;
import dev.strela.execution.facts.Decision;
import dev.strela.execution.facts.GlobalLimits;
import dev.strela.execution.facts.InstrumentFacts;
import dev.strela.execution.facts.PositionBook;
import dev.strela.execution.facts.StrategyLimits;
import dev.strela.execution.facts.TradeRequest;

/** The JSON stored in {@code decisions.facts_json}: every input fact as the rules saw it, and what they computed. */
final class FactsSnapshot {

    private FactsSnapshot() {
    }

    static String json(List<Object> facts, Decision decision) {
        Map<String, Object> root = new LinkedHashMap<>();
        for (Object fact : facts) {
            if (fact instanceof TradeRequest r) {
                root.put("signal", map("id", r.signalId(), "symbol", r.symbol(), "type", r.type(), "direction", r.direction(),
                        "entry_type", r.entryType(), "entry_price", r.entryPrice(), "stop_loss", r.stopLoss(),
                        "take_profit", r.takeProfit(), "size_value", r.sizeValue()));
            } else if (fact instanceof StrategyLimits s) {
                root.put("strategy", map("universe_row", s.universeRowId(), "strategy", s.strategy(), "mode", s.mode(),
                        "priority", s.priority(), "risk_per_trade", s.riskPerTrade(),
                        "max_stop_loss_fraction", s.maxStopLossFraction(),
                        "max_positions_per_strategy", s.maxPositionsPerStrategy()));
            } else if (fact instanceof AccountFacts a) {
                root.put("account", map("id", a.accountId(), "equity", a.equity(), "free_cash", a.freeCash()));
            } else if (fact instanceof PositionBook p) {
                root.put("positions", map("total_open", p.totalOpenPositions(), "open_for_strategy",
                        p.openPositionsForStrategy(), "current_lots", p.currentLots(), "pending_lots", p.pendingLots()));
            } else if (fact instanceof InstrumentFacts i) {
                root.put("instrument", map("symbol", i.symbol(), "ticker", i.ticker(), "lot", i.lot(),
                        "min_price_increment", i.minPriceIncrement()));
            } else if (fact instanceof Controls c) {
                root.put("controls", map("stop_trading", c.stopTrading(), "safe_mode", c.safeMode()));
            } else if (fact instanceof GlobalLimits g) {
                root.put("limits", map("max_total_positions", g.maxTotalPositions(), "cash_safety_coeff",
                        g.cashSafetyCoeff(), "reduce_on_insufficient_cash", g.reduceOnInsufficientCash()));
            }
        }
        if (decision != null) {
            root.put("computed", map("risk_span", decision.getRiskSpan(), "max_loss_money", decision.getMaxLossMoney(),
                    "size_money", decision.getSizeMoney(), "entry_lots", decision.getEntryLots(), "close_lots",
                    decision.getCloseLots(), "required_cash", decision.getRequiredCash(), "entry_refusal",
                    decision.getEntryRefusal(), "reasons", decision.getReasons()));
        }
        return SignalJson.mapToJson(root);
    }

    private static Map<String, Object> map(Object... keyValues) {
        Map<String, Object> map = new LinkedHashMap<>();
        for (int i = 0; i < keyValues.length; i += 2) {
            map.put((String) keyValues[i], keyValues[i + 1]);
        }
        return map;
    }
}
