package dev.strela.api.model;

import java.util.UUID;

/**
 * Run ids ({@code runs.id}): the standing {@code live} and {@code paper} runs, and {@code replay-<uuid>} for each
 * historical replay. The one place that knows how a replay's id looks.
 */
public final class RunIds {

    /** Every replay's id starts with this (the schema checks it too). */
    public static final String REPLAY_PREFIX = "replay-";

    private RunIds() {
    }

    /** True for a replay's run id; false for null, {@code live} and {@code paper}. */
    public static boolean isReplay(String runId) {
        return runId != null && runId.startsWith(REPLAY_PREFIX);
    }

    /** A fresh replay run id. */
    public static String newReplay() {
        return REPLAY_PREFIX + UUID.randomUUID();
    }
}
