package dev.strela.strategyrunner.internal;

import dev.strela.api.model.Bar;
import dev.strela.api.model.Context;
import dev.strela.api.model.Direction;
import dev.strela.api.model.Instrument;
import dev.strela.api.model.Position;
import dev.strela.api.model.Timeframe;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Contexts for SBER (lot 10, tick 0.01) on a 5m bar that closed at 270.00, with or without a position. */
final class SberContexts {

    static final long STRATEGY_UNIVERSE_ID = 7;
    static final Instrument SBER = new Instrument("e6123145-9665-43e0-8413-cd61b8aa9b13", "SBER", "TQBR", 10,
            new BigDecimal("0.01"), "RUB");
    static final Instant BAR_TIME = Instant.parse("2025-03-14T10:35:00Z");
    static final BigDecimal LAST_CLOSE = price("270.00");
    static final Bar LAST_BAR = new Bar(SBER.id(), Timeframe.M5, BAR_TIME, price("269.62"), price("270.15"),
            price("269.40"), LAST_CLOSE, 18_430);

    private SberContexts() {
    }

    /** No position row at all. */
    static Context noPosition() {
        return context(Optional.empty());
    }

    /** A position row that is flat (quantity 0). */
    static Context flatPosition() {
        return context(Optional.of(Position.flat(STRATEGY_UNIVERSE_ID, SBER.id(), BAR_TIME)));
    }

    /** An open position of {@code lots} lots bought (or sold) at 268.40. */
    static Context holding(Direction direction, long lots) {
        return context(Optional.of(new Position(STRATEGY_UNIVERSE_ID, SBER.id(), direction, lots, price("268.40"),
                BigDecimal.ZERO, BAR_TIME)));
    }

    static BigDecimal price(String text) {
        return new BigDecimal(text);
    }

    private static Context context(Optional<Position> position) {
        return new Context(SBER, Timeframe.M5, BAR_TIME, List.of(LAST_BAR), position, List.of(), Map.of(),
                new BigDecimal("1000000.00"), new BigDecimal("0.02"), new BigDecimal("0.2"), STRATEGY_UNIVERSE_ID);
    }
}
