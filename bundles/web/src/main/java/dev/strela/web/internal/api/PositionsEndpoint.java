package dev.strela.web.internal.api;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;

import dev.strela.persistence.MonitorQueries;
import dev.strela.persistence.MonitorQueries.PositionKey;
import dev.strela.persistence.PositionRow;
import dev.strela.web.internal.auth.WebUser;

/**
 * {@code GET /strela/api/positions?run=paper&open=true&limit=100&afterRow=&afterSymbol=}: one page of a run's positions
 * by universe row and symbol, each with its instrument's last 1-minute close and the unrealized PnL at it; {@code total}
 * counts them all and {@code next} is where the next page starts (null on the last). The account's cash comes along.
 */
public final class PositionsEndpoint implements Endpoint {

    public static final int MAX_LIMIT = 1000;

    public record Position(long strategyUniverseId, String strategy, String symbol, long lots, long quantity,
                           BigDecimal averagePrice, BigDecimal lastPrice, BigDecimal unrealizedPnl, BigDecimal realizedPnl,
                           BigDecimal commission, Instant openedAt, Instant updatedAt) {
    }

    public record Page(String run, BigDecimal cash, long total, List<Position> positions, PositionKey next) {
    }

    private final DataServices data;

    public PositionsEndpoint(DataServices data) {
        this.data = data;
    }

    @Override
    public Page handle(Params params, WebUser user) {
        params.only(Set.of("run", "open", "limit", "afterRow", "afterSymbol"));
        String run = params.run("run", "paper");
        boolean open = params.flag("open", true);
        int limit = params.limit("limit", 100, MAX_LIMIT);
        Long afterRow = params.id("afterRow");
        String afterSymbol = params.text("afterSymbol");
        if ((afterRow == null) != (afterSymbol == null)) {
            throw ApiException.badRequest("afterRow and afterSymbol: give both (the 'next' of the previous page) or neither");
        }
        MonitorQueries monitor = data.monitor();
        List<PositionRow> rows = monitor.positions(run, open, afterRow == null ? null : new PositionKey(afterRow, afterSymbol),
                limit);
        Map<String, BigDecimal> last = monitor.lastCloses(rows.stream().map(PositionRow::symbol).distinct().toList());
        List<Position> positions = rows.stream().map(p -> position(p, last.get(p.symbol()))).toList();
        PositionRow tail = rows.size() == limit ? rows.get(rows.size() - 1) : null;
        return new Page(run, data.runs().account(run).map(a -> a.cash()).orElse(null), monitor.countPositions(run, open),
                positions, tail == null ? null : new PositionKey(tail.strategyUniverseId(), tail.symbol()));
    }

    private static Position position(PositionRow p, BigDecimal lastPrice) {
        BigDecimal unrealized = lastPrice == null || p.averagePrice() == null || p.quantity() == 0 ? null
                : lastPrice.subtract(p.averagePrice()).multiply(BigDecimal.valueOf(p.quantity()));
        return new Position(p.strategyUniverseId(), p.strategy(), p.symbol(), p.lots(), p.quantity(), p.averagePrice(),
                lastPrice, unrealized, p.realizedPnl(), p.commission(), p.openedAt(), p.updatedAt());
    }
}
