package dev.strela.strategy.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import dev.strela.api.model.Bar;
import dev.strela.api.model.Direction;
import dev.strela.api.model.Instrument;
import dev.strela.api.model.Signal;
import dev.strela.api.spi.Strategy;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Walks a strategy over a series bar by bar as the runner would: each call sees at most
 * {@link Strategy#barsNeeded()} bars ending with the closed one, and the position its earlier
 * signals made (OPEN: that side, CLOSE: flat; no stops, no fills). Checks every entry's stop.
 */
public final class Replay {

    /** One decision: the bar index and what was decided there, e.g. {@code OPEN LONG} or {@code CLOSE}. */
    public record Event(int index, String action) {
        @Override
        public String toString() {
            return action + "@" + index;
        }
    }

    private Replay() {
    }

    public static List<Event> walk(Strategy strategy, Instrument instrument, List<Bar> bars, Map<String, Object> params) {
        List<Event> events = new ArrayList<>();
        Direction held = Direction.FLAT;
        for (int i = 0; i < bars.size(); i++) {
            List<Bar> window = bars.subList(Math.max(0, i + 1 - strategy.barsNeeded()), i + 1);
            Optional<Signal> signal = strategy.onBar(TestBars.context(instrument, window, held, params));
            if (signal.isEmpty()) {
                continue;
            }
            Signal s = signal.get();
            switch (s.type()) {
                case OPEN -> {
                    assertThat(held).as("OPEN at %d while %s", i, held).isEqualTo(Direction.FLAT);
                    checkStop(instrument, bars.get(i), s, i);
                    held = s.direction();
                    events.add(new Event(i, "OPEN " + s.direction()));
                }
                case CLOSE -> {
                    assertThat(held).as("CLOSE at %d while flat", i).isNotEqualTo(Direction.FLAT);
                    held = Direction.FLAT;
                    events.add(new Event(i, "CLOSE"));
                }
                default -> throw new AssertionError("unexpected signal at " + i + ": " + s);
            }
        }
        return events;
    }

    private static void checkStop(Instrument instrument, Bar bar, Signal signal, int index) {
        assertThat(signal.stopLoss()).as("stop at %d", index).isNotNull().isPositive();
        assertThat(instrument.onTick(signal.stopLoss())).as("stop %s on tick at %d", signal.stopLoss(), index).isTrue();
        if (signal.direction() == Direction.LONG) {
            assertThat(signal.stopLoss()).as("long stop at %d", index).isLessThan(bar.close());
        } else {
            assertThat(signal.stopLoss()).as("short stop at %d", index).isGreaterThan(bar.close());
        }
    }

    /** Trades (entries) among the events. */
    public static long trades(List<Event> events) {
        return events.stream().filter(e -> e.action().startsWith("OPEN")).count();
    }
}
