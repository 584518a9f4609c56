package dev.strela.datafeed.internal;

import java.util.ArrayList;
import java.util.List;

import dev.strela.api.error.ErrorEvent;
import dev.strela.api.error.ErrorLog;

/** An {@link ErrorLog} that keeps what it is given, for tests. */
public final class RecordingErrorLog implements ErrorLog {

    private final List<ErrorEvent> events = new ArrayList<>();

    @Override
    public synchronized void record(ErrorEvent event) {
        events.add(event);
    }

    public synchronized List<ErrorEvent> events() {
        return List.copyOf(events);
    }
}
