package dev.strela.memoryreplay;

import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;

/** One transaction's writes, undone in reverse when it fails; {@code now} is its {@code now()}. */
final class Undo {
    final Instant now;
    private final Deque<Runnable> steps = new ArrayDeque<>();

    Undo(Instant now) {
        this.now = now;
    }

    void add(Runnable step) {
        steps.push(step);
    }

    void rollback() {
        while (!steps.isEmpty()) {
            steps.pop().run();
        }
    }
}
