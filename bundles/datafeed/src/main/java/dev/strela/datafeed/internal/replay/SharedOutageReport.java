package dev.strela.datafeed.internal.replay;

import java.time.Duration;
import java.util.Objects;
import java.util.function.LongSupplier;

import dev.strela.persistence.DatabaseOutage;

/**
 * One outage report for the threads of one replay. Each thread that waits for the database tells its own
 * {@link DatabaseOutage.Listener}; through this one, the first thread to wait reports the outage and the last one to go
 * on reports its end, with the time since the first began to wait. So an outage both the replay thread and its reader
 * meet is reported once, not once per thread.
 *
 * <p>A thread that gives up waiting (its limit passed, or it was interrupted) is never told to go on: its failure ends
 * the replay, and no end of the outage is reported.
 */
final class SharedOutageReport implements DatabaseOutage.Listener {

    private final DatabaseOutage.Listener report;
    private final LongSupplier nanoClock;
    private int waitingThreads;
    private long firstWaitNanos;

    SharedOutageReport(DatabaseOutage.Listener report) {
        this(report, System::nanoTime);
    }

    SharedOutageReport(DatabaseOutage.Listener report, LongSupplier nanoClock) {
        this.report = Objects.requireNonNull(report, "report");
        this.nanoClock = Objects.requireNonNull(nanoClock, "nanoClock");
    }

    @Override
    public synchronized void waiting(RuntimeException cause, Duration limit) {
        if (waitingThreads++ == 0) {
            firstWaitNanos = nanoClock.getAsLong();
            report.waiting(cause, limit);
        }
    }

    @Override
    public synchronized void resumed(Duration waited) {
        if (waitingThreads == 0) {
            return;
        }
        if (--waitingThreads == 0) {
            report.resumed(Duration.ofNanos(nanoClock.getAsLong() - firstWaitNanos));
        }
    }
}
