package dev.strela.persistence.internal;

import java.time.Instant;
import java.util.List;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

import dev.strela.persistence.Heartbeat;
import dev.strela.persistence.ServiceStatusRepository;

/** Heartbeats in {@code service_status}, one row per component. */
@Component
public final class JdbiServiceStatusRepository implements ServiceStatusRepository {

    private final ConnectedDatabase db;

    @Activate
    public JdbiServiceStatusRepository(@Reference ConnectedDatabase db) {
        this.db = db;
    }

    @Override
    public void heartbeat(String component, String state, Instant at) {
        db.useHandle(h -> h.createUpdate("""
                INSERT INTO service_status (component, state, last_heartbeat, updated_at) VALUES (:c, :s, :at, now())
                ON CONFLICT (component) DO UPDATE SET state = EXCLUDED.state, last_heartbeat = EXCLUDED.last_heartbeat, updated_at = now()
                """).bind("c", component).bind("s", state).bind("at", at).execute());
    }

    @Override
    public List<Heartbeat> all() {
        return db.withHandle(h -> h.createQuery(
                        "SELECT component, state, last_heartbeat, details::text FROM service_status ORDER BY component")
                .map((rs, ctx) -> new Heartbeat(rs.getString(1), rs.getString(2),
                        JdbiTradingControlRepository.toInstant(rs.getTimestamp(3)), rs.getString(4)))
                .list());
    }
}
