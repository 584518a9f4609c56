package dev.strela.brokerfake.internal;

import dev.strela.api.ledger.Ledger;
import dev.strela.api.ledger.PositionSnapshot;
import dev.strela.api.model.Bar;
import dev.strela.api.model.Fill;
import dev.strela.api.model.Instrument;
import dev.strela.api.model.Order;
import dev.strela.api.model.OrderSide;
import dev.strela.api.model.OrderStatus;
import dev.strela.api.model.OrderType;
import dev.strela.api.model.Timeframe;
import dev.strela.brokerfake.internal.FillModelConfig.MarketFill;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/** A fake exchange with SBER (lot 10, tick 0.01), 1,000,000.00 of cash, and short ways to write orders and bars. */
final class Scenario {

    static final Instrument SBER = new Instrument("SBER", "SBER", "TQBR", 10, new BigDecimal("0.01"), "RUB");
    static final Instant T0 = Instant.parse("2024-03-01T07:00:00Z");
    static final BigDecimal INITIAL_CASH = new BigDecimal("1000000.00");
    static final long STRATEGY = 1;

    /** NEXT_OPEN, no spread, no slippage, 0.05% commission, no volume cap. */
    static final FillModelConfig PLAIN = new FillModelConfig(MarketFill.NEXT_OPEN, 0, 0,
            FillModelConfig.DEFAULT_COMMISSION_RATE, null);

    final Ledger account;
    final FakeExchange exchange;
    final List<ExchangeEvent> events = new ArrayList<>();
    private int minute;

    Scenario(FillModelConfig config) {
        this(config, INITIAL_CASH);
    }

    Scenario(FillModelConfig config, BigDecimal cash) {
        account = new Ledger(cash);
        exchange = FakeExchange.of(config, account, List.of(SBER));
    }

    static Scenario plain() {
        return new Scenario(PLAIN);
    }

    /** Submits and records the events; returns the events of this call. */
    List<ExchangeEvent> submit(Order order) {
        List<ExchangeEvent> out = exchange.submit(order);
        events.addAll(out);
        return out;
    }

    /** Feeds the next 1-minute SBER bar; returns the events of this bar. */
    List<ExchangeEvent> bar(String open, String high, String low, String close, long volume) {
        List<ExchangeEvent> out = exchange.onBar(new Bar(SBER.id(), Timeframe.M1, T0.plus(Duration.ofMinutes(minute++)),
                new BigDecimal(open), new BigDecimal(high), new BigDecimal(low), new BigDecimal(close), volume));
        events.addAll(out);
        return out;
    }

    List<ExchangeEvent> bar(String open, String high, String low, String close) {
        return bar(open, high, low, close, 1_000_000);
    }

    /** Open time of the bar fed as number {@code n} (0 is the first). */
    static Instant openTime(int n) {
        return T0.plus(Duration.ofMinutes(n));
    }

    static Order market(String id, OrderSide side, long lots) {
        return order(id, side, OrderType.MARKET, lots, null, null, null);
    }

    static Order limit(String id, OrderSide side, long lots, String price) {
        return order(id, side, OrderType.LIMIT, lots, price, null, null);
    }

    static Order stop(String id, OrderSide side, long lots, String trigger) {
        return order(id, side, OrderType.STOP, lots, trigger, null, null);
    }

    static Order order(String id, OrderSide side, OrderType type, long lots, String price, String stopLoss,
                       String takeProfit) {
        return new Order(0, id, STRATEGY, 0, SBER.id(), side, type, lots, dec(price), dec(stopLoss), dec(takeProfit),
                OrderStatus.NEW, null, T0);
    }

    /** The same order with a stop-loss and take-profit (either may be null). */
    static Order protect(Order o, String stopLoss, String takeProfit) {
        return new Order(o.id(), o.clientOrderId(), o.strategyUniverseId(), o.signalId(), o.instrumentId(), o.side(),
                o.type(), o.lots(), o.price(), dec(stopLoss), dec(takeProfit), o.status(), o.brokerOrderId(),
                o.createdAt());
    }

    static List<Fill> fills(List<ExchangeEvent> events) {
        return events.stream().filter(ExchangeEvent.Filled.class::isInstance)
                .map(e -> ((ExchangeEvent.Filled) e).fill()).toList();
    }

    List<Fill> fills() {
        return fills(events);
    }

    /** Protective orders the exchange created, in order. */
    List<ExchangeEvent.OrderCreated> created() {
        return events.stream().filter(ExchangeEvent.OrderCreated.class::isInstance)
                .map(ExchangeEvent.OrderCreated.class::cast).toList();
    }

    /** The status changes of one order, in order. */
    List<ExchangeEvent.StatusChanged> changes(String clientOrderId) {
        return events.stream().filter(ExchangeEvent.StatusChanged.class::isInstance)
                .map(ExchangeEvent.StatusChanged.class::cast)
                .filter(e -> e.clientOrderId().equals(clientOrderId)).toList();
    }

    /** The statuses one order went through after NEW. */
    List<OrderStatus> path(String clientOrderId) {
        return changes(clientOrderId).stream().map(ExchangeEvent.StatusChanged::to).toList();
    }

    OrderStatus status(String clientOrderId) {
        return exchange.order(clientOrderId).orElseThrow().status();
    }

    PositionSnapshot position() {
        return account.position(STRATEGY, SBER.id()).orElseThrow();
    }

    static BigDecimal dec(String value) {
        return value == null ? null : new BigDecimal(value);
    }
}
