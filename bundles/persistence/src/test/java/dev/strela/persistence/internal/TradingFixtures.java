package dev.strela.persistence.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import org.jdbi.v3.core.Jdbi;

import dev.strela.api.model.Bar;
import dev.strela.api.model.OrderSide;
import dev.strela.api.model.Timeframe;
import dev.strela.persistence.NewOrder;

/** Rows of trading state written straight into the tables, for tests of what reads them. */
final class TradingFixtures {

    private final AtomicLong clientIds = new AtomicLong();
    private final Jdbi jdbi;

    TradingFixtures(Jdbi jdbi) {
        this.jdbi = jdbi;
    }

    /** A flat bar of {@code sber} (open = high = low = close). */
    static Bar bar(Timeframe tf, Instant open, String close) {
        BigDecimal c = new BigDecimal(close);
        return new Bar("sber", tf, open, c, c, c, c, 100);
    }

    /** A MARKET BUY of one lot at the 'fake' broker. */
    static NewOrder marketBuy(String clientOrderId) {
        return new NewOrder(clientOrderId, null, OrderSide.BUY, "MARKET", 1, null, null, null, "fake");
    }

    /** Waits for the latch; fails after 30 seconds. */
    static void await(CountDownLatch latch) {
        try {
            assertThat(latch.await(30, TimeUnit.SECONDS)).isTrue();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** A position of {@code lots} signed lots; units from the lot size of sber (10) or any other symbol (1). */
    void position(String run, long row, String symbol, long lots, String averagePrice) {
        long lot = symbol.equals("sber") ? 10 : 1;
        jdbi.useHandle(h -> h.createUpdate("INSERT INTO live_positions (run_id, strategy_universe_id, symbol,"
                        + " quantity, lots, average_price, opened_at) VALUES (:run, :row, :s, :q, :lots, :avg,"
                        + " CASE WHEN :lots = 0 THEN NULL ELSE now() END)")
                .bind("run", run).bind("row", row).bind("s", symbol).bind("q", lots * lot).bind("lots", lots)
                .bind("avg", averagePrice == null ? null : new BigDecimal(averagePrice)).execute());
    }

    /** An order without signal at the 'fake' broker, with a fresh client order id. */
    void order(String run, long row, String symbol, String side, String type, long lots, long filled, String price,
               String status) {
        order("o-" + clientIds.incrementAndGet(), "fake", run, row, symbol, side, type, lots, filled, price, status);
    }

    /** An order without signal with the given client order id and broker; returns its id. */
    long order(String clientOrderId, String broker, String run, long row, String symbol, String side, String type,
               long lots, long filled, String price, String status) {
        return jdbi.withHandle(h -> h.createQuery("INSERT INTO live_orders (run_id, client_order_id, strategy_universe_id,"
                        + " symbol, side, order_type, lots, filled_lots, price, status, broker)"
                        + " VALUES (:run, :client, :row, :s, :side, :type, :lots, :filled, :price, :status, :broker)"
                        + " RETURNING id")
                .bind("run", run).bind("client", clientOrderId).bind("row", row).bind("s", symbol)
                .bind("side", side).bind("type", type).bind("lots", lots).bind("filled", filled)
                .bind("price", price == null ? null : new BigDecimal(price)).bind("status", status)
                .bind("broker", broker).mapTo(Long.class).one());
    }
}
