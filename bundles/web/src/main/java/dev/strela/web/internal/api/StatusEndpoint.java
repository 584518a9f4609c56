package dev.strela.web.internal.api;

import java.time.Instant;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Set;

import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;

import dev.strela.persistence.DatabaseStatus;
import dev.strela.persistence.Heartbeat;
import dev.strela.web.internal.auth.WebUser;

/**
 * {@code GET /strela/api/status}: what {@code strela:status} shows. The database part is always there; the trading
 * control and heartbeats are null while the database is not connected.
 */
public final class StatusEndpoint implements Endpoint {

    public record Database(String mode, String state, Instant since, int attempts, String url, String user,
                           String schemaVersion, String dataDirectory, String lastError) {
    }

    public record BundleView(String symbolicName, String state, String version) {
    }

    public record Status(Instant at, Database database, List<BundleView> bundles, ControlEndpoint.Flags tradingControl,
                         List<Heartbeat> heartbeats) {
    }

    private final DataServices data;

    public StatusEndpoint(DataServices data) {
        this.data = data;
    }

    @Override
    public Status handle(Params params, WebUser user) {
        params.only(Set.of());
        boolean up = data.connected();
        return new Status(params.now(), database(data.database()), bundles(data.bundleContext()),
                up ? ControlEndpoint.Flags.of(data.tradingControl().current()) : null,
                up ? data.serviceStatus().all() : null);
    }

    static Database database(DatabaseStatus db) {
        return new Database(db.embedded() ? "embedded" : "external", db.state().name(), db.since(), db.attempts(),
                db.jdbcUrl(), db.user(), db.schemaVersion().orElse(null), db.dataDirectory().orElse(null),
                db.lastError().orElse(null));
    }

    static List<BundleView> bundles(BundleContext context) {
        if (context == null) {
            return List.of();
        }
        return Arrays.stream(context.getBundles())
                .filter(b -> b.getSymbolicName() != null && b.getSymbolicName().startsWith("dev.strela."))
                .sorted(Comparator.comparing(Bundle::getSymbolicName))
                .map(b -> new BundleView(b.getSymbolicName(), state(b.getState()), b.getVersion().toString()))
                .toList();
    }

    private static String state(int state) {
        return switch (state) {
            case Bundle.ACTIVE -> "ACTIVE";
            case Bundle.RESOLVED -> "RESOLVED";
            case Bundle.INSTALLED -> "INSTALLED";
            case Bundle.STARTING -> "STARTING";
            case Bundle.STOPPING -> "STOPPING";
            default -> "UNINSTALLED";
        };
    }
}
