package dev.strela.strategyrunner.internal;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorCompletionService;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.IntConsumer;

/**
 * Runs calls on a pool, at most {@code parallelism} at a time, each under its own timeout counted from when it was
 * handed to the pool. A call still running at its deadline is cancelled (interrupted) and reported; the pool's thread it
 * holds is left to it, so a call that never returns cannot stop the rest.
 */
final class TimedCalls {

    private TimedCalls() {
    }

    /**
     * The futures of the calls that ended in time, by the calls' index, and {@code null} where a call timed out
     * ({@code timedOut} is told its index when it does).
     */
    static <T> List<Future<T>> runAll(ExecutorService pool, List<Callable<T>> calls, int parallelism, Duration timeout,
                                      IntConsumer timedOut) throws InterruptedException {
        ExecutorCompletionService<T> completion = new ExecutorCompletionService<>(pool);
        Map<Future<T>, Integer> running = new HashMap<>();
        Map<Future<T>, Long> deadlines = new HashMap<>();
        List<Future<T>> ended = new ArrayList<>(Collections.nCopies(calls.size(), null));
        int next = 0;
        try {
            while (next < calls.size() || !running.isEmpty()) {
                while (running.size() < parallelism && next < calls.size()) {
                    Future<T> future = completion.submit(calls.get(next));
                    running.put(future, next);
                    deadlines.put(future, System.nanoTime() + timeout.toNanos());
                    next++;
                }
                long earliest = deadlines.values().stream().mapToLong(Long::longValue).min().orElseThrow();
                Future<T> done = completion.poll(Math.max(0, earliest - System.nanoTime()), TimeUnit.NANOSECONDS);
                if (done != null) {
                    // a call cancelled as late may still come out of the queue: it is no longer running, so skipped
                    Integer index = running.remove(done);
                    deadlines.remove(done);
                    if (index != null) {
                        ended.set(index, done);
                    }
                    continue;
                }
                long now = System.nanoTime();
                for (Future<T> late : List.copyOf(running.keySet())) {
                    if (deadlines.get(late) - now <= 0) {
                        deadlines.remove(late);
                        int index = running.remove(late);
                        if (late.cancel(true)) {
                            timedOut.accept(index);
                        } else {
                            ended.set(index, late);   // it ended just now, in time after all
                        }
                    }
                }
            }
        } finally {
            // interrupted, or a report that failed: nothing still running is waited for, so it is stopped
            running.keySet().forEach(f -> f.cancel(true));
        }
        return ended;
    }
}
