package dev.strela.web.internal.http;

import java.lang.reflect.Proxy;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

import dev.strela.api.model.Order;
import dev.strela.api.model.OrderSide;
import dev.strela.api.model.OrderStatus;
import dev.strela.api.model.OrderType;
import dev.strela.persistence.DatabaseStatus;
import dev.strela.persistence.EquityHistory.EquityPoint;
import dev.strela.persistence.ErrorRepository.ErrorFilter;
import dev.strela.persistence.ErrorRepository.ErrorRow;
import dev.strela.persistence.Heartbeat;
import dev.strela.persistence.MonitorQueries.OrderRow;
import dev.strela.persistence.PositionRow;
import dev.strela.persistence.RunRepository.AccountRow;
import dev.strela.persistence.RunRepository.RunRow;
import dev.strela.persistence.RunRepository.TradeRow;
import dev.strela.persistence.StoredSignal;
import dev.strela.persistence.TradingControl;
import dev.strela.persistence.TradingControlRepository;
import dev.strela.persistence.WorkingOrderRow;

/** In-memory stand-ins for the persistence services, with known rows, for the HTTP tests. */
final class Fakes {

    static final Instant NOW = Instant.parse("2024-03-04T07:00:00Z");

    private Fakes() {
    }

    /** An interface whose listed methods answer through the functions (by method name); any other call fails. */
    @SuppressWarnings("unchecked")
    static <T> T of(Class<T> type, Map<String, Function<Object[], Object>> methods) {
        return (T) Proxy.newProxyInstance(Fakes.class.getClassLoader(), new Class<?>[] {type}, (proxy, method, args) -> {
            Function<Object[], Object> f = methods.get(method.getName());
            if (f == null) {
                throw new UnsupportedOperationException(type.getSimpleName() + "." + method.getName());
            }
            return f.apply(args);
        });
    }

    static DatabaseStatus database() {
        return of(DatabaseStatus.class, Map.of("state", a -> DatabaseStatus.State.UP, "embedded", a -> true,
                "jdbcUrl", a -> "jdbc:postgresql://127.0.0.1:15432/strela", "user", a -> "postgres",
                "schemaVersion", a -> Optional.of("7"), "dataDirectory", a -> Optional.of("db/pgdata"),
                "lastError", a -> Optional.empty(), "since", a -> NOW.minusSeconds(3600), "attempts", a -> 1));
    }

    static List<Heartbeat> heartbeats() {
        return List.of(new Heartbeat("data_feed", "up", NOW.minusSeconds(5), "{}"),
                new Heartbeat("execution", "up", NOW.minusSeconds(45), "{}"),
                new Heartbeat("broker_fake", "down", NOW.minusSeconds(2), "{}"));
    }

    static ErrorRow error(long id, String severity) {
        return new ErrorRow(id, NOW.minusSeconds(id), "broker", severity, "broker_down", 3L, "sber", "5m", "paper", 2,
                "broker_down: broker=fake");
    }

    static PositionRow position(long row, String symbol, long lots) {
        return new PositionRow(row, "sma_crossover", symbol, lots * 10, lots, new BigDecimal("250.00"),
                new BigDecimal("12.50"), new BigDecimal("1.25"), NOW.minusSeconds(600), NOW.minusSeconds(60));
    }

    static OrderRow order(long id) {
        Order o = new Order(id, "c-" + id, 3, 7, "sber", OrderSide.SELL, OrderType.STOP, 2, new BigDecimal("240.5"),
                null, null, OrderStatus.SUBMITTED, "b-" + id, NOW.minusSeconds(300));
        return new OrderRow("paper", o, 0, WorkingOrderRow.STOP_LOSS, null, NOW.minusSeconds(200));
    }

    static TradeRow trade(long id) {
        return new TradeRow(id, 11, "c-11", 3, "sma_crossover", "sber", "BUY", "MARKET", 2, 20, new BigDecimal("250.1"),
                new BigDecimal("2.5"), NOW.minusSeconds(100), NOW.minusSeconds(400));
    }

    static StoredSignal signal(long id) {
        return new StoredSignal(id, "paper", 3, "sma_crossover", "sber", "5m", NOW.minusSeconds(600), NOW.minusSeconds(590),
                "{\"type\":\"OPEN\",\"direction\":\"LONG\",\"stop_loss\":240.5}", true);
    }

    static RunRow replay() {
        return new RunRow("replay-1", "replay", "finished",
                "{\"from\":\"2024-01-01T00:00:00Z\",\"to\":\"2024-02-01T00:00:00Z\",\"instruments\":[\"sber\"]}",
                NOW.minusSeconds(7200), NOW.minusSeconds(3600));
    }

    static RunRow paper() {
        return new RunRow("paper", "paper", "running", "{}", NOW.minusSeconds(86400), null);
    }

    static AccountRow account() {
        return new AccountRow("paper-account", "fake", new BigDecimal("1000000"), new BigDecimal("990000.55"));
    }

    static List<EquityPoint> equity(Instant from) {
        List<EquityPoint> points = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            BigDecimal cash = new BigDecimal("1000000");
            BigDecimal value = BigDecimal.valueOf(100L * i);
            points.add(new EquityPoint(from.plusSeconds(300L * i), cash, value, cash.add(value)));
        }
        return points;
    }

    /** Trading controls kept in memory; resuming is refused while {@code blockResume} is set. */
    static final class Control implements TradingControlRepository {
        TradingControl current = new TradingControl(false, false, "initial state", "migration", NOW.minusSeconds(86400));
        boolean blockResume;
        final List<String> changes = new ArrayList<>();

        @Override
        public TradingControl current() {
            return current;
        }

        @Override
        public TradingControl setStopTrading(boolean on, String reason, String who) {
            if (!on && blockResume) {
                throw new IllegalStateException("reconciliation_mismatch [42] not acknowledged");
            }
            changes.add("stop_trading=" + on + " by " + who + ": " + reason);
            current = new TradingControl(on, current.safeMode(), reason, who, NOW);
            return current;
        }

        @Override
        public TradingControl acknowledge(long errorId, String note, String who) {
            throw new UnsupportedOperationException();
        }

        @Override
        public TradingControl setSafeMode(boolean on, String reason, String who) {
            changes.add("safe_mode=" + on + " by " + who + ": " + reason);
            current = new TradingControl(current.stopTrading(), on, reason, who, NOW);
            return current;
        }
    }

    /** Remembers the last filter the error page was asked for. */
    static final class LastFilter {
        ErrorFilter filter;
        Long before;
        int limit;
    }
}
