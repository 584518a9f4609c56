package dev.strela.datafeed.internal.replay;

/** Stops the replay service outside OSGi (its running replays are cancelled), as Declarative Services would. */
public final class ReplayAssembly {

    private ReplayAssembly() {
    }

    public static void stop(ReplayService replays) throws Exception {
        replays.deactivate();
    }
}
