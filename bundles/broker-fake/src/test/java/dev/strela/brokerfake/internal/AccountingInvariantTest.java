package dev.strela.brokerfake.internal;

import static org.assertj.core.api.Assertions.assertThat;

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
import java.math.RoundingMode;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Random orders from three strategies over 400 generated bars of three instruments (one with a tick of
 * 0.000005 and lots of 10,000), checked after every call: cash + market value = initial cash + realized PnL +
 * unrealized PnL - commissions to the kopeck, cash recomputed from the fills alone, every fill's quantity = lots *
 * lot size, commission = notional * 0.05% to the kopeck, order statuses consistent with filled lots, no
 * protective order left on a flat or reversed position, and the broker's net positions = the strategies' sum.
 */
class AccountingInvariantTest {

    private static final List<Instrument> INSTRUMENTS = List.of(Scenario.SBER,
            new Instrument("GAZP", "GAZP", "TQBR", 10, new BigDecimal("0.01"), "RUB"),
            new Instrument("VTBR", "VTBR", "TQBR", 10_000, new BigDecimal("0.000005"), "RUB"));
    private static final long[] START_TICKS = {25_000, 16_000, 4_600};
    private static final BigDecimal INITIAL_CASH = new BigDecimal("3000000.00");
    private static final int BARS = 400;

    static Stream<Arguments> runs() {
        FillModelConfig base = FillModelConfig.defaults();
        return Stream.of(
                Arguments.of(1L, base),
                Arguments.of(2L, base.withTicks(2, 3).withVolumeCapShare(new BigDecimal("0.05"))),
                Arguments.of(3L, base.withMarketFill(MarketFill.CURRENT_CLOSE).withTicks(1, 1)),
                Arguments.of(4L, base.withMarketFill(MarketFill.CURRENT_CLOSE).withVolumeCapShare(new BigDecimal("0.3"))),
                Arguments.of(5L, base.withTicks(0, 0).withCommissionRate(new BigDecimal("0.0004"))));
    }

    private Random random;
    private Ledger account;
    private FakeExchange exchange;
    private FillModelConfig config;
    private final long[] closeTicks = START_TICKS.clone();
    private BigDecimal cashFromFills = INITIAL_CASH;
    private final Map<String, Long> filledByOrder = new HashMap<>();
    private final Map<String, OrderStatus> lastStatus = new HashMap<>();
    private int nextId;
    private int fillCount;

    @ParameterizedTest(name = "seed {0}: {1}")
    @MethodSource("runs")
    void randomOrders_whenBarsRun_thenAccountReconcilesToTheKopeckAfterEveryCall(long seed, FillModelConfig cfg) {
        random = new Random(seed);
        config = cfg;
        account = new Ledger(INITIAL_CASH);
        exchange = FakeExchange.of(cfg, account, INSTRUMENTS);
        for (int minute = 0; minute < BARS; minute++) {
            for (int i = 0; i < INSTRUMENTS.size(); i++) {
                check(exchange.onBar(nextBar(i, minute)));
                if (random.nextInt(3) == 0) {
                    act(INSTRUMENTS.get(i), i);
                }
            }
        }
        assertThat(fillCount).as("fills in the run").isGreaterThan(150);
    }

    private void act(Instrument instrument, int i) {
        long strategy = 1 + random.nextInt(3);
        int choice = random.nextInt(10);
        if (choice == 0) {
            exchange.activeOrders().stream().filter(o -> o.instrumentId().equals(instrument.id())).findAny()
                    .ifPresent(o -> check(exchange.cancel(o.clientOrderId())));
            return;
        }
        long held = account.quantity(strategy, instrument.id());
        if (choice == 1 && held != 0) {
            OrderSide side = held > 0 ? OrderSide.SELL : OrderSide.BUY;
            check(exchange.submit(order(strategy, instrument, side, OrderType.MARKET, Math.abs(held) / instrument.lot(),
                    null, null, null)));
            return;
        }
        OrderSide side = random.nextBoolean() ? OrderSide.BUY : OrderSide.SELL;
        OrderType type = OrderType.values()[random.nextInt(3)];
        long sign = side == OrderSide.BUY ? 1 : -1;
        long reference = closeTicks[i] + (type == OrderType.MARKET ? 0 : (type == OrderType.LIMIT ? -sign : sign)
                * random.nextInt(15));
        BigDecimal price = type == OrderType.MARKET ? null : price(instrument, reference);
        BigDecimal stopLoss = random.nextInt(4) == 0 ? null : price(instrument, reference - sign * (5 + random.nextInt(40)));
        BigDecimal takeProfit = random.nextInt(3) == 0 ? null : price(instrument, reference + sign * (5 + random.nextInt(60)));
        check(exchange.submit(order(strategy, instrument, side, type, 1 + random.nextInt(8), price, stopLoss, takeProfit)));
    }

    private Order order(long strategy, Instrument instrument, OrderSide side, OrderType type, long lots,
                        BigDecimal price, BigDecimal stopLoss, BigDecimal takeProfit) {
        return new Order(0, "o" + nextId++, strategy, 0, instrument.id(), side, type, lots, price, stopLoss, takeProfit,
                OrderStatus.NEW, null, Scenario.T0);
    }

    /** A random walk in ticks with an occasional gap; the high and low wrap open and close. */
    private Bar nextBar(int i, int minute) {
        long open = Math.max(10, closeTicks[i] + (random.nextInt(25) == 0 ? 1 : 0) * (random.nextInt(81) - 40)
                + random.nextInt(3) - 1);
        long close = Math.max(10, open + random.nextInt(21) - 10);
        long high = Math.max(open, close) + random.nextInt(6);
        long low = Math.max(5, Math.min(open, close) - random.nextInt(6));
        closeTicks[i] = close;
        Instrument instrument = INSTRUMENTS.get(i);
        return new Bar(instrument.id(), Timeframe.M1, Scenario.T0.plus(Duration.ofMinutes(minute)), price(instrument, open),
                price(instrument, high), price(instrument, low), price(instrument, close), random.nextInt(120));
    }

    private static BigDecimal price(Instrument instrument, long ticks) {
        return instrument.minPriceIncrement().multiply(BigDecimal.valueOf(Math.max(1, ticks)));
    }

    private void check(List<ExchangeEvent> events) {
        for (ExchangeEvent event : events) {
            if (event instanceof ExchangeEvent.Filled filled) {
                checkFill(filled.fill());
            } else if (event instanceof ExchangeEvent.StatusChanged change) {
                checkChange(change);
            } else if (event instanceof ExchangeEvent.OrderCreated created) {
                assertThat(lastStatus.put(created.clientOrderId(), OrderStatus.NEW)).isNull();
            }
        }
        assertReconciles();
        assertNoOrphanedProtection();
        assertNetPositionsAreTheSum();
    }

    private void checkFill(Fill fill) {
        fillCount++;
        Instrument instrument = INSTRUMENTS.stream().filter(x -> x.id().equals(fill.instrumentId())).findFirst().orElseThrow();
        assertThat(fill.quantity()).isEqualTo(fill.lots() * instrument.lot());
        assertThat(instrument.onTick(fill.price())).as("fill price on the tick").isTrue();
        BigDecimal notional = fill.price().multiply(BigDecimal.valueOf(fill.quantity()));
        assertThat(fill.commission()).isEqualTo(notional.multiply(config.commissionRate()).setScale(2, RoundingMode.HALF_UP));
        cashFromFills = (fill.side() == OrderSide.BUY ? cashFromFills.subtract(notional) : cashFromFills.add(notional))
                .subtract(fill.commission());
        filledByOrder.merge(fill.clientOrderId(), fill.lots(), Long::sum);
        assertThat(filledByOrder.get(fill.clientOrderId()))
                .isLessThanOrEqualTo(exchange.order(fill.clientOrderId()).orElseThrow().lots());
    }

    private void checkChange(ExchangeEvent.StatusChanged change) {
        String id = change.clientOrderId();
        assertThat(change.from()).isEqualTo(lastStatus.getOrDefault(id, OrderStatus.NEW));
        assertThat(change.from().canTransitionTo(change.to())).isTrue();
        long filled = filledByOrder.getOrDefault(id, 0L);
        assertThat(change.filledLots()).isEqualTo(filled);
        long lots = exchange.order(id).orElseThrow().lots();
        switch (change.to()) {
            case FILLED -> assertThat(filled).isEqualTo(lots);
            case PARTIALLY_FILLED -> assertThat(filled).isBetween(1L, lots - 1);
            case REJECTED, SUBMITTED -> assertThat(filled).isZero();
            default -> assertThat(filled).isLessThan(lots);
        }
        lastStatus.put(id, change.to());
    }

    private void assertReconciles() {
        Map<String, BigDecimal> marks = exchange.marks();
        BigDecimal marketValue = BigDecimal.ZERO;
        for (PositionSnapshot p : account.positions()) {
            marketValue = marketValue.add(marks.get(p.instrumentId()).multiply(BigDecimal.valueOf(p.quantity())));
        }
        BigDecimal left = account.cash().add(marketValue);
        BigDecimal right = INITIAL_CASH.add(account.realizedPnl()).add(account.unrealizedPnl(marks))
                .subtract(account.commissions());
        assertThat(left.setScale(2, RoundingMode.HALF_UP)).isEqualTo(right.setScale(2, RoundingMode.HALF_UP));
        assertThat(account.cash()).isEqualByComparingTo(cashFromFills);
        assertThat(account.equity(marks)).isEqualByComparingTo(left);
    }

    private void assertNoOrphanedProtection() {
        List<Order> active = exchange.activeOrders();
        for (Order o : active) {
            if (o.signalId() == 0 && !o.clientOrderId().startsWith("o")) {
                long held = account.quantity(o.strategyUniverseId(), o.instrumentId());
                assertThat(o.side() == OrderSide.SELL ? held > 0 : held < 0)
                        .as("protective %s on position %d", o.clientOrderId(), held).isTrue();
            }
        }
    }

    private void assertNetPositionsAreTheSum() {
        Map<String, Long> sum = new HashMap<>();
        account.positions().forEach(p -> sum.merge(p.instrumentId(), p.quantity(), Long::sum));
        List<String> expected = new ArrayList<>();
        sum.forEach((id, q) -> {
            if (q != 0) {
                expected.add(id + "=" + q);
            }
        });
        assertThat(account.netPositions()).extracting(b -> b.instrumentId() + "=" + b.quantityUnits())
                .containsExactlyInAnyOrderElementsOf(expected);
        assertThat(account.netPositions()).allSatisfy(b -> assertThat(b.averagePrice().signum()).isPositive());
    }
}
