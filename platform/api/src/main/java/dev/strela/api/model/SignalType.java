package dev.strela.api.model;

/** What a {@link Signal} asks for. */
public enum SignalType {
    /** Open a new position in {@link Signal#direction()}. */
    OPEN,
    /** Close this strategy's position (direction FLAT). */
    CLOSE,
    /** Close the position and open the opposite one in {@link Signal#direction()}. */
    REVERSE,
    /** Add to the existing position in {@link Signal#direction()}. */
    ADD
}
