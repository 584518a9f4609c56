package dev.strela.web.internal.api;

import org.osgi.framework.BundleContext;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;

import dev.strela.persistence.DatabaseStatus;
import dev.strela.persistence.EquityHistory;
import dev.strela.persistence.ErrorRepository;
import dev.strela.persistence.MonitorQueries;
import dev.strela.persistence.RunRepository;
import dev.strela.persistence.ServiceStatusRepository;
import dev.strela.persistence.TradingControlRepository;

/**
 * The persistence services the API reads. The repositories exist only while the database is connected, so they are
 * optional and dynamic here: the API stays up and answers 503 {@code database_unavailable} for what needs them, while
 * {@code /api/status} still says why. {@link DatabaseStatus} is always there.
 */
@Component(service = DataServices.class)
public final class DataServices {

    private final DatabaseStatus database;
    private final BundleContext bundleContext;
    private volatile TradingControlRepository tradingControl;
    private volatile ServiceStatusRepository serviceStatus;
    private volatile ErrorRepository errors;
    private volatile MonitorQueries monitor;
    private volatile RunRepository runs;
    private volatile EquityHistory equity;

    @Activate
    public DataServices(@Reference DatabaseStatus database, BundleContext bundleContext) {
        this.database = database;
        this.bundleContext = bundleContext;
    }

    /** For tests: every service given (null for one the database would not provide). */
    public DataServices(DatabaseStatus database, BundleContext bundleContext, TradingControlRepository tradingControl,
                        ServiceStatusRepository serviceStatus, ErrorRepository errors, MonitorQueries monitor,
                        RunRepository runs, EquityHistory equity) {
        this(database, bundleContext);
        this.tradingControl = tradingControl;
        this.serviceStatus = serviceStatus;
        this.errors = errors;
        this.monitor = monitor;
        this.runs = runs;
        this.equity = equity;
    }

    public DatabaseStatus database() {
        return database;
    }

    /** Null outside OSGi (tests). */
    public BundleContext bundleContext() {
        return bundleContext;
    }

    public TradingControlRepository tradingControl() {
        return present(tradingControl, "the trading control");
    }

    public ServiceStatusRepository serviceStatus() {
        return present(serviceStatus, "the heartbeats");
    }

    public ErrorRepository errors() {
        return present(errors, "the error log");
    }

    public MonitorQueries monitor() {
        return present(monitor, "the trading state");
    }

    public RunRepository runs() {
        return present(runs, "the runs");
    }

    public EquityHistory equity() {
        return present(equity, "the equity history");
    }

    /** True when the repositories are there (the database is connected). */
    public boolean connected() {
        return tradingControl != null && serviceStatus != null;
    }

    private static <T> T present(T service, String what) {
        if (service == null) {
            throw ApiException.unavailable(what);
        }
        return service;
    }

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC)
    void bindTradingControl(TradingControlRepository s) {
        tradingControl = s;
    }

    void unbindTradingControl(TradingControlRepository s) {
        if (tradingControl == s) {
            tradingControl = null;
        }
    }

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC)
    void bindServiceStatus(ServiceStatusRepository s) {
        serviceStatus = s;
    }

    void unbindServiceStatus(ServiceStatusRepository s) {
        if (serviceStatus == s) {
            serviceStatus = null;
        }
    }

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC)
    void bindErrors(ErrorRepository s) {
        errors = s;
    }

    void unbindErrors(ErrorRepository s) {
        if (errors == s) {
            errors = null;
        }
    }

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC)
    void bindMonitor(MonitorQueries s) {
        monitor = s;
    }

    void unbindMonitor(MonitorQueries s) {
        if (monitor == s) {
            monitor = null;
        }
    }

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC)
    void bindRuns(RunRepository s) {
        runs = s;
    }

    void unbindRuns(RunRepository s) {
        if (runs == s) {
            runs = null;
        }
    }

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC)
    void bindEquity(EquityHistory s) {
        equity = s;
    }

    void unbindEquity(EquityHistory s) {
        if (equity == s) {
            equity = null;
        }
    }
}
