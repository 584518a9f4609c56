package dev.strela.persistence;

import java.time.Instant;

/** The last heartbeat a component wrote to {@code service_status}. */
public record Heartbeat(String component, String state, Instant lastHeartbeat, String details) {
}
