package dev.strela.persistence;

import java.time.Instant;
import java.util.List;

import org.osgi.annotation.versioning.ProviderType;

/** Heartbeats of the platform's components ({@code service_status}). */
@ProviderType
public interface ServiceStatusRepository {

    void heartbeat(String component, String state, Instant at);

    /** All components that ever reported, by name. */
    List<Heartbeat> all();
}
