package dev.strela.strategy.testkit;

import dev.strela.api.model.Bar;
import dev.strela.api.model.Context;
import dev.strela.api.model.Direction;
import dev.strela.api.model.Instrument;
import dev.strela.api.model.Position;
import dev.strela.api.model.Timeframe;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Hand-made daily bars and the contexts around them. */
public final class TestBars {

    public static final long UNIVERSE_ID = 7;
    public static final Instrument SBER = new Instrument("sber-uid", "SBER", "TQBR", 10, new BigDecimal("0.01"), "RUB");
    private static final Instant FIRST_DAY = Instant.parse("2024-01-09T07:00:00Z");
    private static final BigDecimal HALF = new BigDecimal("0.5");

    private TestBars() {
    }

    /** Daily bars with these closes; open = close, high and low half a point away (true range at least 1). */
    public static List<Bar> closes(Instrument instrument, String... closes) {
        List<Bar> bars = new ArrayList<>();
        for (int i = 0; i < closes.length; i++) {
            BigDecimal close = new BigDecimal(closes[i]);
            bars.add(new Bar(instrument.id(), Timeframe.D1, FIRST_DAY.plus(i, ChronoUnit.DAYS), close,
                    close.add(HALF), close.subtract(HALF), close, 1000));
        }
        return bars;
    }

    public static Context context(Instrument instrument, List<Bar> bars, Direction held, Map<String, Object> params) {
        Bar last = bars.get(bars.size() - 1);
        Optional<Position> position = held == Direction.FLAT ? Optional.empty()
                : Optional.of(new Position(UNIVERSE_ID, instrument.id(), held, 3, last.close(), BigDecimal.ZERO,
                        last.openTime()));
        return new Context(instrument, last.timeframe(), last.openTime(), bars, position, List.of(), params,
                new BigDecimal("1000000"), new BigDecimal("0.02"), new BigDecimal("0.2"), UNIVERSE_ID);
    }

    public static Context context(List<Bar> bars, Direction held, Map<String, Object> params) {
        return context(SBER, bars, held, params);
    }
}
