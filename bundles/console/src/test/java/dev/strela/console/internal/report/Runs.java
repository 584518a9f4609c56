package dev.strela.console.internal.report;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import dev.strela.api.model.Bar;
import dev.strela.api.model.Timeframe;
import dev.strela.persistence.PositionRow;
import dev.strela.persistence.RunRepository.TradeRow;

/** Builds {@link RunReport.Inputs} for the tests: one strategy ("sma", universe row 1), lots of 10 units. */
final class Runs {

    static final long ROW = 1;
    static final String STRATEGY = "sma";
    static final Instant FROM = Instant.parse("2024-03-04T10:00:00Z");

    final List<TradeRow> trades = new ArrayList<>();
    final List<PositionRow> stored = new ArrayList<>();
    final List<Bar> hourly = new ArrayList<>();
    final Map<String, BigDecimal> marks = new HashMap<>();
    BigDecimal initialCash = new BigDecimal("100000.00");
    BigDecimal accountCash;
    Instant to = Instant.parse("2024-03-04T18:00:00Z");

    /** {@code time} is "HH:mm" on 2024-03-04. */
    static Instant at(String time) {
        return Instant.parse("2024-03-04T" + time + ":00Z");
    }

    Runs trade(String time, String side, String symbol, long quantity, String price, String commission) {
        long id = trades.size() + 1;
        trades.add(new TradeRow(id, id, "c" + id, ROW, STRATEGY, symbol, side, "MARKET", quantity / 10, quantity,
                new BigDecimal(price), new BigDecimal(commission), at(time), null));
        return this;
    }

    Runs buy(String time, long quantity, String price, String commission) {
        return trade(time, "BUY", "SBER", quantity, price, commission);
    }

    Runs sell(String time, long quantity, String price, String commission) {
        return trade(time, "SELL", "SBER", quantity, price, commission);
    }

    /** An hourly bar of {@code symbol} opening at {@code time} (closing an hour later) with close {@code close}. */
    Runs hour(String symbol, String time, String close) {
        BigDecimal c = new BigDecimal(close);
        hourly.add(new Bar(symbol, Timeframe.H1, at(time), c, c, c, c, 100));
        return this;
    }

    Runs stored(String symbol, long quantity, String average, String realized, String commission) {
        stored.add(new PositionRow(ROW, STRATEGY, symbol, quantity, quantity / 10,
                average == null ? null : new BigDecimal(average), new BigDecimal(realized), new BigDecimal(commission),
                null, to));
        return this;
    }

    RunReport.Inputs inputs() {
        Map<String, Long> refusals = new LinkedHashMap<>();
        refusals.put("max_position", 2L);
        return new RunReport.Inputs("replay-test", "finished", FROM, to, initialCash, accountCash, trades, stored,
                hourly, marks, refusals, Map.of(), 7, 5);
    }

    RunReport build() {
        return RunReport.build(inputs());
    }
}
