package dev.strela.health.internal;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import dev.strela.api.error.ErrorCode;
import dev.strela.api.error.ErrorEvent;
import dev.strela.api.error.ErrorLog;
import dev.strela.api.model.AccountState;
import dev.strela.api.model.BrokerPosition;
import dev.strela.api.spi.BrokerAdapter;
import dev.strela.health.ReconcileReport;
import dev.strela.health.Reconciliation;
import dev.strela.persistence.BrokerStore;
import dev.strela.persistence.PositionRow;
import dev.strela.persistence.TradingControlRepository;

/**
 * {@link Reconciliation}: the broker's net position per instrument against the sum of the run's per-strategy
 * {@code live_positions}, and the broker's cash against the run's account. A difference is looked at again after
 * {@value #RECHECK_MILLIS} ms (a fill may be between the broker and the database) and reported only if it is still
 * there: a critical {@code reconciliation_mismatch} and stop-trading.
 */
@Component(immediate = true)
public final class Reconciler implements Reconciliation {

    static final String WHO = "reconciliation";
    static final long RECHECK_MILLIS = 2000;
    /** How long after an adapter comes up it is reconciled (it restores its state first). */
    static final long AFTER_BIND_MILLIS = 3000;
    private static final Logger LOG = LoggerFactory.getLogger(Reconciler.class);

    private final BrokerStore store;
    private final ErrorLog errors;
    private final TradingControlRepository controls;
    private final Clock clock;
    private final long recheckMillis;
    private final List<BrokerAdapter> brokers = new CopyOnWriteArrayList<>();
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "strela-reconciliation");
        t.setDaemon(true);
        return t;
    });
    private volatile boolean active;

    @Activate
    public Reconciler(@Reference BrokerStore store, @Reference ErrorLog errors, @Reference TradingControlRepository controls) {
        this(store, errors, controls, Clock.systemUTC(), RECHECK_MILLIS);
        active = true;
        for (BrokerAdapter broker : brokers) {
            scheduleFor(broker);
        }
    }

    Reconciler(BrokerStore store, ErrorLog errors, TradingControlRepository controls, Clock clock, long recheckMillis) {
        this.store = store;
        this.errors = errors;
        this.controls = controls;
        this.clock = clock;
        this.recheckMillis = recheckMillis;
    }

    @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC)
    void bindBroker(BrokerAdapter broker) {
        brokers.add(broker);
        if (active) {
            scheduleFor(broker);
        }
    }

    void unbindBroker(BrokerAdapter broker) {
        brokers.remove(broker);
    }

    @Deactivate
    void deactivate() {
        active = false;
        timer.shutdownNow();
    }

    private void scheduleFor(BrokerAdapter broker) {
        timer.schedule(() -> {
            if (brokers.contains(broker)) {
                ReconcileReport report = reconcile(broker);
                LOG.info("Reconciliation of '{}' after it came up: {}", broker.name(), describe(report));
            }
        }, AFTER_BIND_MILLIS, TimeUnit.MILLISECONDS);
    }

    @Override
    public List<ReconcileReport> reconcileNow() {
        List<ReconcileReport> reports = new ArrayList<>();
        for (BrokerAdapter broker : brokers) {
            reports.add(reconcile(broker));
        }
        return reports;
    }

    /** One broker: compared, compared again if different, reported. Never throws. */
    ReconcileReport reconcile(BrokerAdapter broker) {
        ReconcileReport first = compare(broker);
        if (first.failure() != null || first.matches()) {
            return first;
        }
        try {
            Thread.sleep(recheckMillis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        ReconcileReport second = compare(broker);
        if (second.failure() == null && !second.matches()) {
            mismatch(second);
        }
        return second;
    }

    private ReconcileReport compare(BrokerAdapter broker) {
        Instant at = clock.instant();
        AccountState account;
        List<BrokerPosition> held;
        try {
            account = broker.getCash();
            held = broker.getPositions();
        } catch (Exception e) {
            // the watchdog sees a broker that does not answer; here it is only "not reconciled"
            return new ReconcileReport(broker.name(), null, at, List.of(), "the broker did not answer: " + e.getMessage());
        }
        String run = account.accountId();
        try {
            return new ReconcileReport(broker.name(), run, at,
                    differences(held, store.positions(run), account.cash(), store.cash(run)), null);
        } catch (RuntimeException e) {
            return new ReconcileReport(broker.name(), run, at, List.of(), "the database did not answer: " + e.getMessage());
        }
    }

    /**
     * What differs between the broker's net positions (units) and the sum of the stored per-strategy positions by
     * instrument, and between the broker's cash and the stored account cash (compared numerically: 100.0 = 100.00).
     */
    static List<String> differences(List<BrokerPosition> broker, List<PositionRow> stored, BigDecimal brokerCash,
                                    Optional<BigDecimal> storedCash) {
        Map<String, Long> atBroker = new TreeMap<>();
        broker.forEach(p -> atBroker.merge(p.instrumentId(), p.quantityUnits(), Long::sum));
        Map<String, Long> ours = new TreeMap<>();
        stored.forEach(p -> ours.merge(p.symbol(), p.quantity(), Long::sum));
        List<String> differences = new ArrayList<>();
        TreeSet<String> instruments = new TreeSet<>(atBroker.keySet());
        instruments.addAll(ours.keySet());
        for (String instrument : instruments) {
            long theirs = atBroker.getOrDefault(instrument, 0L);
            long mine = ours.getOrDefault(instrument, 0L);
            if (theirs != mine) {
                differences.add(instrument + ": broker holds " + theirs + ", live_positions sum to " + mine);
            }
        }
        if (storedCash.isEmpty()) {
            differences.add("cash: broker has " + brokerCash.toPlainString() + ", the run has no account");
        } else if (storedCash.get().compareTo(brokerCash) != 0) {
            differences.add("cash: broker has " + brokerCash.toPlainString() + ", the account says "
                    + storedCash.get().toPlainString());
        }
        return differences;
    }

    private void mismatch(ReconcileReport report) {
        errors.record(ErrorEvent.of(ErrorCode.RECONCILIATION_MISMATCH, "broker", report.broker(), "run", report.runId(),
                "differences", String.join("; ", report.differences()),
                "action", "stop_trading until acknowledged (strela:acknowledge)").withCreatedAt(report.at()));
        if (!controls.current().stopTrading()) {
            controls.setStopTrading(true, "reconciliation: " + report.broker() + " differs from what is stored ("
                    + report.differences().size() + " difference(s)); strela:errors --code reconciliation_mismatch,"
                    + " then strela:acknowledge", WHO);
        }
        LOG.error("Reconciliation of '{}' (run {}): {}: TRADING STOPPED", report.broker(), report.runId(),
                report.differences());
    }

    static String describe(ReconcileReport report) {
        if (report.failure() != null) {
            return "not reconciled: " + report.failure();
        }
        return report.matches() ? "positions and cash match (run " + report.runId() + ")"
                : report.differences().size() + " difference(s): " + String.join("; ", report.differences());
    }
}
