package dev.strela.testing.tinkoff;

/** How {@link SandboxStreams} drops the open streams. */
public enum StreamDropMode {
    /** The server ends every open stream with status UNAVAILABLE, as when Tinkoff restarts a node. */
    UNAVAILABLE,
    /** The streams stay open but nothing more is sent on them (no data, no pings): a half-dead connection. */
    SILENT
}
