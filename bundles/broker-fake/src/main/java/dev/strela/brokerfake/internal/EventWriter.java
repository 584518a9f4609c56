package dev.strela.brokerfake.internal;

import java.util.ArrayList;
import java.util.List;

import dev.strela.api.ledger.Ledger;
import dev.strela.api.ledger.PositionSnapshot;
import dev.strela.persistence.BrokerChange;
import dev.strela.persistence.BrokerStore;

/** Turns what the simulated exchange did into {@code live_orders}, {@code live_trades}, positions and cash, in one transaction. */
final class EventWriter {

    static final String BROKER = "fake";

    private final BrokerStore store;

    EventWriter(BrokerStore store) {
        this.store = store;
    }

    void write(String runId, List<ExchangeEvent> events, Ledger account) {
        if (events.isEmpty()) {
            return;
        }
        List<BrokerChange> changes = new ArrayList<>(events.size());
        for (ExchangeEvent event : events) {
            changes.add(change(event, account));
        }
        store.apply(runId, changes);
    }

    private static BrokerChange change(ExchangeEvent event, Ledger account) {
        if (event instanceof ExchangeEvent.OrderCreated created) {
            var o = created.order();
            return new BrokerChange.ProtectiveOrder(o.clientOrderId(), created.parentClientOrderId(), o.side(),
                    created.role().storedType(o.type()), o.lots(), o.price(), BROKER);
        }
        if (event instanceof ExchangeEvent.StatusChanged status) {
            return new BrokerChange.StatusChange(status.clientOrderId(), status.to(), status.filledLots(),
                    status.clientOrderId(), status.reason());
        }
        ExchangeEvent.Filled filled = (ExchangeEvent.Filled) event;
        PositionSnapshot p = filled.position();
        long lotSize = filled.fill().quantity() / filled.fill().lots();
        return new BrokerChange.Trade(filled.fill().clientOrderId(), filled.fill(), p.strategyUniverseId(), p.quantity(),
                p.quantity() / lotSize, p.isFlat() ? null : p.averagePrice(), p.realizedPnl(), p.commission(),
                account.cash());
    }
}
