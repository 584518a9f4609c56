package dev.strela.execution.internal;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.BiConsumer;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import dev.strela.api.error.ErrorCode;
import dev.strela.api.error.ErrorEvent;
import dev.strela.api.error.ErrorLog;
import dev.strela.api.error.ErrorSource;
import dev.strela.api.error.Severity;
import dev.strela.api.model.Direction;
import dev.strela.api.model.EntryType;
import dev.strela.api.model.Instrument;
import dev.strela.api.model.Order;
import dev.strela.api.model.OrderSide;
import dev.strela.api.model.Signal;
import dev.strela.api.model.SignalJson;
import dev.strela.api.model.Timeframe;
import dev.strela.api.model.RunIds;
import dev.strela.execution.facts.AccountFacts;
import dev.strela.execution.facts.Controls;
import dev.strela.execution.facts.Decision;
import dev.strela.execution.facts.InstrumentFacts;
import dev.strela.execution.facts.PositionBook;
import dev.strela.execution.facts.StrategyLimits;
import dev.strela.execution.facts.TradeRequest;
import dev.strela.persistence.AccountSnapshot;
import dev.strela.persistence.ExecutionStore;
import dev.strela.persistence.NewDecision;
import dev.strela.persistence.NewOrder;
import dev.strela.persistence.OpenPositions;
import dev.strela.persistence.SignalTransaction;
import dev.strela.persistence.StoredSignal;
import dev.strela.persistence.TradingControl;
import dev.strela.persistence.UniverseRow;

/**
 * Decides one signal: gathers the facts, lets the rules in force decide, and stores the decision, its orders and
 * {@code processed = true} in one transaction. Orders go to the broker only after that commit; a crash before it
 * leaves the signal unprocessed (decided again later, with the same client order ids), a crash after it leaves NEW
 * orders the broker adapter picks up. Calls are serialized: signals are decided one at a time, in the order given.
 */
public final class SignalProcessor {

    private static final Logger LOG = LoggerFactory.getLogger(SignalProcessor.class);

    private final ExecutionStore store;
    private final RuleBook rules;
    private final ErrorLog errors;
    private final BiConsumer<String, Order> broker;
    private volatile ExecutionSettings settings;
    private boolean warnedNoRules;
    private String lastFailure;

    public SignalProcessor(ExecutionStore store, RuleBook rules, ExecutionSettings settings, ErrorLog errors,
                           BiConsumer<String, Order> broker) {
        this.store = store;
        this.rules = rules;
        this.settings = settings;
        this.errors = errors;
        this.broker = broker;
    }

    void settings(ExecutionSettings newSettings) {
        this.settings = newSettings;
    }

    /**
     * Decides every unprocessed signal (a safety net after a restart or a lost notification); returns how many.
     * A signal whose processing fails outside the rules (the database, or a broken rule engine) stays unprocessed;
     * the batch stops there and the next poll tries again, logging the same failure only once.
     */
    public synchronized int processPending(int limit) {
        int done = 0;
        for (long id : store.unprocessedSignals(limit)) {
            try {
                if (process(id).isPresent()) {
                    done++;
                }
                lastFailure = null;
            } catch (RuntimeException | LinkageError e) {
                String failure = id + ": " + e;
                if (!failure.equals(lastFailure)) {
                    LOG.error("Signal {} could not be decided; it stays unprocessed and is tried again", id, e);
                    errors.record(ErrorEvent.of(ErrorCode.DECISION_FAILED, "signal_id", id, "error", String.valueOf(e))
                            .withSeverity(Severity.CRITICAL).withThrowable(e));
                    lastFailure = failure;
                }
                break;
            }
        }
        return done;
    }

    /** Decides signal {@code signalId}; empty when it is already decided, being decided elsewhere, or no rules are in force. */
    public synchronized Optional<Decided> process(long signalId) {
        RuleSet ruleSet = rules.current();
        if (ruleSet == null) {
            if (!warnedNoRules) {
                LOG.warn("No rule set is in force: signal {} and later ones wait until the rules compile", signalId);
                warnedNoRules = true;
            }
            return Optional.empty();
        }
        warnedNoRules = false;
        ExecutionSettings config = settings;
        Optional<Decided> decided = store.processSignal(signalId, tx -> decide(tx, ruleSet, config));
        decided.ifPresent(this::afterCommit);
        return decided;
    }

    private Decided decide(SignalTransaction tx, RuleSet ruleSet, ExecutionSettings config) {
        StoredSignal stored = tx.signal();
        UniverseRow row = tx.universeRow();
        // Database reads and writes stay outside the try below: their failures roll the transaction back and the
        // signal is decided again later. What fails inside it (bad JSON, missing data, a rule that throws) is
        // refused as decision_failed instead of being retried forever.
        Reads reads = Reads.of(tx);
        List<Object> facts = List.of();
        Signal signal;
        TradeRequest request;
        RuleSet.Outcome outcome;
        try {
            signal = SignalJson.fromJson(stored.signalJson());
            Instrument instrument = reads.instrument().orElseThrow(() -> new IllegalStateException(
                    "instrument " + stored.symbol() + " is not in the instruments table"));
            request = request(stored, signal, instrument, reads);
            facts = facts(request, instrument, row, reads, config);
            outcome = ruleSet.decide(facts);
        } catch (RuntimeException e) {
            String message = "decision_failed: signal_id=" + stored.id() + ", error=" + e;
            tx.recordDecision(new NewDecision(Decision.REFUSED, "decision_failed", ruleSet.version(), List.of(),
                    FactsSnapshot.json(facts, null), 0L));
            return new Decided(stored, row, Decision.REFUSED, "decision_failed", List.of(), ruleSet.version(),
                    List.of(message), e);
        }
        return record(tx, ruleSet, facts, outcome, signal, request, reads.positions().currentLots(), row, config);
    }

    /** What a decision reads from the database, read up front in the signal's transaction. */
    private record Reads(Optional<Instrument> instrument, Optional<BigDecimal> barClose, Optional<AccountSnapshot> account,
                         OpenPositions positions, TradingControl control) {

        static Reads of(SignalTransaction tx) {
            return new Reads(tx.instrument(), tx.barClose(), tx.account(), tx.positions(), tx.control());
        }
    }

    /** The signal with its prices on the tick; a MARKET entry is sized at the close of its bar. */
    private static TradeRequest request(StoredSignal stored, Signal signal, Instrument instrument, Reads reads) {
        Direction direction = signal.direction();
        BigDecimal entry = signal.entryType() == EntryType.MARKET ? reads.barClose().orElse(null) : signal.entryPrice();
        return new TradeRequest(stored.id(), instrument.id(), signal.type().name(), direction.name(),
                signal.entryType().name(), OrderPrices.entry(instrument, direction, signal.entryType(), entry),
                OrderPrices.stopLoss(instrument, direction, signal.stopLoss()),
                OrderPrices.takeProfit(instrument, direction, signal.takeProfit()), signal.sizeValue());
    }

    private static List<Object> facts(TradeRequest request, Instrument instrument, UniverseRow row, Reads reads,
                                      ExecutionSettings config) {
        List<Object> facts = new ArrayList<>();
        facts.add(request);
        facts.add(new StrategyLimits(row.id(), row.strategy(), row.mode().code(), row.priority(), row.riskPerTrade(),
                row.maxStopLossFraction(), row.maxPositionsPerStrategy()));
        reads.account().ifPresent(a -> facts.add(new AccountFacts(a.accountId(), a.equity(), a.freeCash())));
        OpenPositions open = reads.positions();
        facts.add(new PositionBook(open.totalOpen(), open.openForStrategy(), open.currentLots(), open.pendingLots()));
        facts.add(new InstrumentFacts(instrument.id(), instrument.ticker(), instrument.lot(), instrument.minPriceIncrement()));
        facts.add(new Controls(reads.control().stopTrading(), reads.control().safeMode()));
        facts.add(config.limits());
        return facts;
    }

    private static Decided record(SignalTransaction tx, RuleSet ruleSet, List<Object> facts, RuleSet.Outcome outcome,
                                  Signal signal, TradeRequest request, long held, UniverseRow row,
                                  ExecutionSettings config) {
        Decision d = outcome.decision();
        long closeLots = d.closeLotsToSend();
        long entryLots = d.entryLotsToSend();
        String kind = d.getKind();
        String code = d.getCode();
        if (Decision.ORDER.equals(kind) && closeLots + entryLots == 0) {
            // The rules in force approved nothing to send (e.g. a user removed the sizing file): refuse, visibly.
            kind = Decision.REFUSED;
            code = "no_rule_decided";
        }
        String factsJson = FactsSnapshot.json(facts, d);
        tx.recordDecision(new NewDecision(kind, code, ruleSet.version(), outcome.rulesFired(), factsJson,
                Decision.ORDER.equals(kind) ? closeLots + entryLots : Math.max(0, d.entryLotsToSend())));
        List<Order> orders = new ArrayList<>();
        if (Decision.ORDER.equals(kind)) {
            // a replay trades on the simulated broker whatever the row's mode: a replayed live row never reaches a real one
            String brokerName = RunIds.isReplay(tx.signal().runId()) ? config.paperBroker() : config.broker(row.mode());
            if (closeLots > 0) {
                orders.add(tx.insertOrder(new NewOrder(ClientOrderIds.forSignal(tx.signal().id(), "close"), null,
                        held > 0 ? OrderSide.SELL : OrderSide.BUY, "MARKET", closeLots, null, null, null, brokerName)));
            }
            if (entryLots > 0) {
                boolean buy = signal.direction() == Direction.LONG;
                BigDecimal price = signal.entryType() == EntryType.MARKET ? null : request.entryPrice();
                orders.add(tx.insertOrder(new NewOrder(ClientOrderIds.forSignal(tx.signal().id(), "entry"), null,
                        buy ? OrderSide.BUY : OrderSide.SELL, signal.entryType().name(), entryLots, price,
                        request.stopLoss(), request.takeProfit(), brokerName)));
            }
        }
        return new Decided(tx.signal(), row, kind, code, orders, ruleSet.version(), d.getReasons(), null);
    }

    private void afterCommit(Decided decided) {
        for (Order order : decided.orders()) {
            try {
                broker.accept(decided.signal().runId(), order);
            } catch (RuntimeException e) {
                if (RunIds.isReplay(decided.signal().runId())) {
                    throw e;   // a replay stops and says why rather than go on without its broker
                }
                // The order is stored as NEW; the broker adapter also picks NEW orders up from the database.
                LOG.warn("Order {} ({}) stored but not handed to the broker queue: {}", order.id(), order.clientOrderId(),
                        e.toString());
            }
        }
        if (decided.code() != null) {
            errors.record(refusalEvent(decided));
        }
        LOG.debug("Signal {}: {} {} {}", decided.signal().id(), decided.kind(), decided.code(), decided.orders());
    }

    private static ErrorEvent refusalEvent(Decided decided) {
        String message = (decided.reasons().isEmpty() ? decided.code() : String.join("; ", decided.reasons()))
                + " (signal_id=" + decided.signal().id() + ", rules " + decided.ruleSetVersion() + ")";
        ErrorEvent event = ErrorCode.fromCode(decided.code()).map(c -> ErrorEvent.of(c, message))
                .orElseGet(() -> ErrorEvent.of(ErrorCode.INTERNAL_ERROR, message).withSource(ErrorSource.RISK)
                        .withSeverity(Severity.WARNING));
        if (decided.error() != null) {
            event = event.withThrowable(decided.error());
        }
        event = event.forRow(decided.row().id()).forSymbol(decided.signal().symbol(), Timeframe.fromCode(decided.signal().timeframe()));
        return RunIds.isReplay(decided.signal().runId()) ? event.forRun(decided.signal().runId()) : event;
    }


    /** What one signal became. */
    public record Decided(StoredSignal signal, UniverseRow row, String kind, String code, List<Order> orders,
                          String ruleSetVersion, List<String> reasons, Throwable error) {
    }
}
