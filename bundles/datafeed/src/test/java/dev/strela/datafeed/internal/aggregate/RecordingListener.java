package dev.strela.datafeed.internal.aggregate;

import dev.strela.api.model.Bar;
import dev.strela.api.model.Timeframe;

import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;

/** Records every callback in order, for the tests. */
final class RecordingListener implements AggregationListener {

    enum Kind { CLOSED, REVISED, SKIPPED }

    /** One callback: the bar (or skipped minute) and, for a skip, the reason. */
    record Event(Kind kind, Bar bar, String reason) {

        /** Short form for order assertions, openTime in MSK: {@code "CLOSED SBER 5m 2024-03-04T10:00"}. */
        String brief() {
            return kind + " " + bar.instrumentId() + " " + bar.timeframe().code() + " "
                    + LocalDateTime.ofInstant(bar.openTime(), TradingCalendar.MSK);
        }
    }

    final List<Event> events = new ArrayList<>();

    @Override
    public void barClosed(Bar bar) {
        events.add(new Event(Kind.CLOSED, bar, null));
    }

    @Override
    public void barRevised(Bar bar) {
        events.add(new Event(Kind.REVISED, bar, null));
    }

    @Override
    public void minuteSkipped(Bar minute, String reason) {
        events.add(new Event(Kind.SKIPPED, minute, reason));
    }

    List<Bar> closed() {
        return bars(Kind.CLOSED);
    }

    List<Bar> closed(Timeframe tf) {
        return closed().stream().filter(b -> b.timeframe() == tf).toList();
    }

    List<Bar> revised() {
        return bars(Kind.REVISED);
    }

    List<Event> skipped() {
        return events.stream().filter(e -> e.kind() == Kind.SKIPPED).toList();
    }

    List<String> briefs() {
        return events.stream().map(Event::brief).toList();
    }

    void clear() {
        events.clear();
    }

    private List<Bar> bars(Kind kind) {
        return events.stream().filter(e -> e.kind() == kind).map(Event::bar).toList();
    }
}
