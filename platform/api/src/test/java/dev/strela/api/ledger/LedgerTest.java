package dev.strela.api.ledger;

import static dev.strela.api.model.OrderSide.BUY;
import static dev.strela.api.model.OrderSide.SELL;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.strela.api.model.BrokerPosition;
import dev.strela.api.model.Fill;
import dev.strela.api.model.OrderSide;
import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;
import java.util.Map;
import org.junit.jupiter.api.Test;

class LedgerTest {

    private static final java.time.Instant T0 = java.time.Instant.parse("2024-03-01T07:00:00Z");

    private final Ledger account = new Ledger(new BigDecimal("100000.00"));
    private int trades;

    private PositionSnapshot book(long strategy, OrderSide side, long units, String price, String commission) {
        return account.apply(strategy, new Fill("b", "c", "SBER", side, units / 10, units, new BigDecimal(price),
                new BigDecimal(commission), T0, "t" + trades++));
    }

    @Test
    void apply_whenAddingToALong_thenAverageIsTheWeightedMean() {
        book(1, BUY, 10, "100.00", "0.50");
        PositionSnapshot p = book(1, BUY, 20, "101.00", "1.01");

        // (10 * 100.00 + 20 * 101.00) / 30 = 3020.00 / 30 = 100.6666... (34 significant digits)
        assertThat(p.quantity()).isEqualTo(30);
        assertThat(p.averagePrice()).isEqualTo(new BigDecimal("3020.00").divide(new BigDecimal(30), MathContext.DECIMAL128));
        assertThat(p.commission()).isEqualByComparingTo("1.51");
        // cash 100,000.00 - 1000.00 - 0.50 - 2020.00 - 1.01 = 96,978.49
        assertThat(account.cash()).isEqualByComparingTo("96978.49");
    }

    @Test
    void apply_whenReducingALong_thenRealizesAgainstTheAverageAndKeepsIt() {
        book(1, BUY, 10, "100.00", "0");
        book(1, BUY, 20, "101.00", "0");
        PositionSnapshot p = book(1, SELL, 10, "102.00", "0");

        // realized (102.00 - 100.666...) * 10 = 13.333...; the remaining 20 keep the average
        assertThat(p.quantity()).isEqualTo(20);
        assertThat(p.averagePrice().setScale(6, RoundingMode.HALF_UP)).isEqualByComparingTo("100.666667");
        assertThat(p.realizedPnl().setScale(6, RoundingMode.HALF_UP)).isEqualByComparingTo("13.333333");
        // cash + 20 * 102.00 = 100,000.00 - 3020.00 + 1020.00 + 2040.00 = 100,040.00
        // = initial + realized 13.333... + unrealized (102.00 - 100.666...) * 20 = 26.666..., to the kopeck
        Map<String, BigDecimal> marks = Map.of("SBER", new BigDecimal("102.00"));
        BigDecimal right = account.initialCash().add(account.realizedPnl()).add(account.unrealizedPnl(marks));
        assertThat(account.equity(marks)).isEqualByComparingTo("100040.00");
        assertThat(right.setScale(2, RoundingMode.HALF_UP)).isEqualByComparingTo("100040.00");
    }

    @Test
    void apply_whenShortIsCovered_thenProfitWhenPriceFell() {
        book(1, SELL, 30, "100.00", "0");
        PositionSnapshot p = book(1, BUY, 30, "97.50", "0");

        // (97.50 - 100.00) * 30 * -1 = 75.00; flat, average back to 0
        assertThat(p.isFlat()).isTrue();
        assertThat(p.realizedPnl()).isEqualByComparingTo("75.00");
        assertThat(p.averagePrice()).isEqualByComparingTo("0");
    }

    @Test
    void apply_whenOneFillGoesThroughZero_thenOldSideRealizedAndNewSideOpensAtTheFillPrice() {
        book(1, BUY, 20, "100.00", "0");
        PositionSnapshot p = book(1, SELL, 50, "103.00", "0");

        // realized (103.00 - 100.00) * 20 = 60.00; short 30 at 103.00
        assertThat(p.quantity()).isEqualTo(-30);
        assertThat(p.averagePrice()).isEqualByComparingTo("103.00");
        assertThat(p.realizedPnl()).isEqualByComparingTo("60.00");
    }

    @Test
    void netPositions_whenStrategiesHoldOppositeSides_thenTheBrokerSeesTheirSum() {
        book(1, BUY, 50, "100.00", "0");
        book(2, SELL, 20, "101.00", "0");
        book(3, BUY, 10, "102.00", "0");

        // net: +50 at 100.00, -20 at 101.00 realizes against 100.00, +10 at 102.00 -> 40 at (30 * 100 + 10 * 102) / 40
        assertThat(account.netPositions()).singleElement().satisfies((BrokerPosition b) -> {
            assertThat(b.quantityUnits()).isEqualTo(40);
            assertThat(b.averagePrice()).isEqualByComparingTo("100.50");
        });
        assertThat(account.positions()).extracting(PositionSnapshot::quantity).containsExactly(50L, -20L, 10L);
    }

    @Test
    void newAccount_whenInitialCashNegative_thenRefused() {
        assertThatThrownBy(() -> new Ledger(new BigDecimal("-0.01")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageStartingWith("initialCash:");
    }

    @Test
    void restored_whenRestartedMidPosition_thenClosingRealizesAgainstTheStoredAverage() {
        book(1, BUY, 30, "100.00", "1.50");
        book(2, SELL, 10, "101.00", "0.51");
        Ledger restored = Ledger.restored(account.initialCash(), account.cash(), account.positions());

        assertThat(restored.cash()).isEqualByComparingTo(account.cash());
        assertThat(restored.commissions()).isEqualByComparingTo("2.01");
        assertThat(restored.netPositions()).usingRecursiveComparison().isEqualTo(account.netPositions());
        // selling the 30 at 102.00 after the restart realizes (102 - 100) * 30 = 60.00, as without the restart
        PositionSnapshot after = restored.apply(1, new Fill("b", "c", "SBER", SELL, 3, 30, new BigDecimal("102.00"),
                new BigDecimal("1.53"), T0, "t-after"));
        PositionSnapshot reference = book(1, SELL, 30, "102.00", "1.53");
        assertThat(after.realizedPnl()).isEqualByComparingTo("60.00").isEqualByComparingTo(reference.realizedPnl());
        assertThat(after.isFlat()).isTrue();
        assertThat(restored.cash()).isEqualByComparingTo(account.cash());
    }
}
