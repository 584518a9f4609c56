package dev.strela.health;

import java.util.List;

import org.osgi.annotation.versioning.ProviderType;

/**
 * Compares each connected broker's positions and cash with {@code live_positions} and the run's account. It runs by
 * itself when a broker adapter comes up (at start, after a restart of the adapter) and on demand. A difference is a
 * critical {@code reconciliation_mismatch} error and stops trading; trading cannot be resumed until a person has
 * acknowledged that error ({@code strela:acknowledge}).
 */
@ProviderType
public interface Reconciliation {

    /** Reconciles every connected broker now, one report per broker. */
    List<ReconcileReport> reconcileNow();
}
