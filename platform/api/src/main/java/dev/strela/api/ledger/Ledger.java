package dev.strela.api.ledger;

import dev.strela.api.model.BrokerPosition;
import dev.strela.api.model.Fill;
import dev.strela.api.model.OrderSide;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The money of one account, kept by strategy: cash, positions per strategy ({@code strategy_universe} row) and instrument,
 * and the net position per instrument the way a real broker sees it (one account, all strategies).
 *
 * <p>Identity kept at every moment, for any marks: {@code cash + sum(quantity * mark) = initial cash +
 * realized PnL + unrealized PnL - commissions}. Cash and commissions are exact (kopecks); the average price,
 * and therefore realized and unrealized PnL, carry 34 significant digits, so round only for display.
 * There is no margin model: shorts are allowed and cash may go below zero after an adverse gap
 * (FakeExchange refuses BUY orders that free cash cannot pay for at submission).
 */
public final class Ledger {

    private final BigDecimal initialCash;
    private BigDecimal cash;
    private BigDecimal commissions = BigDecimal.ZERO;
    private final Map<Key, LedgerPosition> positions = new LinkedHashMap<>();
    private final Map<String, LedgerPosition> net = new LinkedHashMap<>();

    private record Key(long strategyUniverseId, String instrumentId) {
    }

    public Ledger(BigDecimal initialCash) {
        if (initialCash == null || initialCash.signum() < 0) {
            throw new IllegalArgumentException("initialCash: must be >= 0, was " + initialCash);
        }
        this.initialCash = initialCash;
        this.cash = initialCash;
    }

    /**
     * The account as stored before a restart: {@code cash} now and, position by position, what each strategy row
     * holds. Commissions so far are the sum of the positions' commissions and the net positions are rebuilt from
     * them; the identity above holds again when {@code initialCash} is the run's starting cash.
     */
    public static Ledger restored(BigDecimal initialCash, BigDecimal cash, List<PositionSnapshot> held) {
        Ledger account = new Ledger(initialCash);
        account.cash = cash;
        for (PositionSnapshot p : held) {
            account.commissions = account.commissions.add(p.commission());
            LedgerPosition position = new LedgerPosition(p.strategyUniverseId(), p.instrumentId());
            position.restore(p.quantity(), p.averagePrice(), p.realizedPnl(), p.commission());
            account.positions.put(new Key(p.strategyUniverseId(), p.instrumentId()), position);
            if (p.quantity() != 0) {
                LedgerPosition netPosition = account.net.computeIfAbsent(p.instrumentId(), id -> new LedgerPosition(0, id));
                netPosition.apply(p.quantity() > 0 ? OrderSide.BUY : OrderSide.SELL, Math.abs(p.quantity()),
                        p.averagePrice(), BigDecimal.ZERO);
            }
        }
        return account;
    }

    /** Books one fill of strategy row {@code strategyUniverseId}; returns its position afterwards. */
    public synchronized PositionSnapshot apply(long strategyUniverseId, Fill fill) {
        BigDecimal notional = fill.notional();
        cash = fill.side() == OrderSide.BUY ? cash.subtract(notional) : cash.add(notional);
        cash = cash.subtract(fill.commission());
        commissions = commissions.add(fill.commission());
        net.computeIfAbsent(fill.instrumentId(), id -> new LedgerPosition(0, id))
                .apply(fill.side(), fill.quantity(), fill.price(), fill.commission());
        LedgerPosition position = positions.computeIfAbsent(new Key(strategyUniverseId, fill.instrumentId()),
                k -> new LedgerPosition(k.strategyUniverseId(), k.instrumentId()));
        position.apply(fill.side(), fill.quantity(), fill.price(), fill.commission());
        return position.snapshot();
    }

    public BigDecimal initialCash() {
        return initialCash;
    }

    public synchronized BigDecimal cash() {
        return cash;
    }

    /** Commission paid on all fills. */
    public synchronized BigDecimal commissions() {
        return commissions;
    }

    /** The position of one strategy row in one instrument; empty when it never traded it. */
    public synchronized Optional<PositionSnapshot> position(long strategyUniverseId, String instrumentId) {
        return Optional.ofNullable(positions.get(new Key(strategyUniverseId, instrumentId)))
                .map(LedgerPosition::snapshot);
    }

    /** Signed units one strategy row holds (0 when none). */
    public synchronized long quantity(long strategyUniverseId, String instrumentId) {
        LedgerPosition position = positions.get(new Key(strategyUniverseId, instrumentId));
        return position == null ? 0 : position.quantity();
    }

    /** Every strategy position ever opened, flat ones included (they keep their realized PnL). */
    public synchronized List<PositionSnapshot> positions() {
        return positions.values().stream().map(LedgerPosition::snapshot).toList();
    }

    /** The broker's net positions, one per instrument held (what {@code getPositions()} reports). */
    public synchronized List<BrokerPosition> netPositions() {
        List<BrokerPosition> held = new ArrayList<>();
        for (LedgerPosition position : net.values()) {
            PositionSnapshot s = position.snapshot();
            if (!s.isFlat()) {
                held.add(new BrokerPosition(s.instrumentId(), s.quantity(), s.averagePrice()));
            }
        }
        held.sort(Comparator.comparing(BrokerPosition::instrumentId));
        return held;
    }

    /** Realized PnL of all strategy positions, before commission. */
    public synchronized BigDecimal realizedPnl() {
        return positions.values().stream().map(p -> p.snapshot().realizedPnl())
                .reduce(BigDecimal.ZERO, BigDecimal::add);
    }

    /** Sum of (mark - average) * quantity; an instrument without a mark is valued at its average price. */
    public synchronized BigDecimal unrealizedPnl(Map<String, BigDecimal> marks) {
        return positions.values().stream().map(LedgerPosition::snapshot)
                .map(s -> s.unrealizedPnl(marks.getOrDefault(s.instrumentId(), s.averagePrice())))
                .reduce(BigDecimal.ZERO, BigDecimal::add);
    }

    /** Sum of quantity * mark over open positions (negative for shorts). */
    public synchronized BigDecimal marketValue(Map<String, BigDecimal> marks) {
        return positions.values().stream().map(LedgerPosition::snapshot).filter(s -> !s.isFlat())
                .map(s -> marks.getOrDefault(s.instrumentId(), s.averagePrice()).multiply(BigDecimal.valueOf(s.quantity())))
                .reduce(BigDecimal.ZERO, BigDecimal::add);
    }

    /** Cash plus the market value of open positions. */
    public synchronized BigDecimal equity(Map<String, BigDecimal> marks) {
        return cash.add(marketValue(marks));
    }
}
