package dev.strela.persistence;

/** The execution layer's handling of one locked signal; see {@link ExecutionStore#processSignal}. */
@FunctionalInterface
public interface SignalWork<T> {

    /** Decides on the signal through {@code tx}; returns a non-null result. */
    T apply(SignalTransaction tx);
}
