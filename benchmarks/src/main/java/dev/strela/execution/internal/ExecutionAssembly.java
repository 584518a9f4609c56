package dev.strela.execution.internal;

/** Stops the execution engine outside OSGi, as Declarative Services would on deactivation. */
public final class ExecutionAssembly {

    private ExecutionAssembly() {
    }

    public static void stop(ExecutionEngine engine) {
        engine.stop();
    }
}
