package dev.strela.api.model;

/** Side of a position or of a signal; FLAT means no position. */
public enum Direction {
    LONG,
    SHORT,
    FLAT;

    /** LONG for SHORT and back; FLAT stays FLAT. */
    public Direction opposite() {
        return switch (this) {
            case LONG -> SHORT;
            case SHORT -> LONG;
            case FLAT -> FLAT;
        };
    }
}
