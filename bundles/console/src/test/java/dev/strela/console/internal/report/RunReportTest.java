package dev.strela.console.internal.report;

import static dev.strela.console.internal.report.Runs.at;
import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.math.MathContext;

import org.junit.jupiter.api.Test;

import dev.strela.console.internal.report.RunReport.EndPosition;
import dev.strela.console.internal.report.RunReport.Mismatch;
import dev.strela.console.internal.report.RunReport.Point;
import dev.strela.console.internal.report.RunReport.RoundTrip;

class RunReportTest {

    @Test
    void build_whenLongRoundTripWins_thenRealizedCashAndWinRateAgreeWithStoredState() {
        Runs run = new Runs()
                .buy("10:05", 20, "100.00", "1.00")   // 2 lots x 10 units
                .sell("12:30", 20, "110.00", "1.10");
        // realized (110.00 - 100.00) * 20 = 200.00; commissions 1.00 + 1.10 = 2.10
        // cash 100,000.00 - 20 * 100.00 - 1.00 + 20 * 110.00 - 1.10 = 100,197.90
        run.accountCash = new BigDecimal("100197.90");
        run.stored("SBER", 0, null, "200.00", "2.10");

        RunReport r = run.build();

        assertThat(r.realizedPnl).isEqualByComparingTo("200.00");
        assertThat(r.commissions).isEqualByComparingTo("2.10");
        assertThat(r.cash).isEqualByComparingTo("100197.90");
        assertThat(r.unrealizedPnl).isEqualByComparingTo("0");
        assertThat(r.marketValue).isEqualByComparingTo("0");
        assertThat(r.finalEquity()).isEqualByComparingTo("100197.90");
        // one round trip: pnl 200.00, commission 2.10, net 197.90 > 0 -> 1 win of 1, win rate 1.0000
        assertThat(r.roundTrips).hasSize(1);
        RoundTrip trip = r.roundTrips.get(0);
        assertThat(trip.pnl()).isEqualByComparingTo("200.00");
        assertThat(trip.commission()).isEqualByComparingTo("2.10");
        assertThat(trip.net()).isEqualByComparingTo("197.90");
        assertThat(trip.opened()).isEqualTo(at("10:05"));
        assertThat(trip.closed()).isEqualTo(at("12:30"));
        assertThat(r.wins()).isEqualTo(1);
        assertThat(r.winRate()).isEqualByComparingTo("1.0000");
        assertThat(r.positions).singleElement().satisfies(p -> {
            assertThat(p.quantity()).isZero();
            assertThat(p.averagePrice()).isNull();
        });
        assertThat(r.mismatches).isEmpty();
    }

    @Test
    void build_whenLongRoundTripLoses_thenNoWinAndWinRateZero() {
        Runs run = new Runs()
                .buy("10:05", 10, "100.00", "0.50")
                .sell("11:05", 10, "100.05", "0.50");
        // pnl (100.05 - 100.00) * 10 = 0.50; commission 1.00; net -0.50 -> a loss although the price rose
        RunReport r = run.build();

        assertThat(r.roundTrips).singleElement().satisfies(t -> assertThat(t.net()).isEqualByComparingTo("-0.50"));
        assertThat(r.wins()).isZero();
        assertThat(r.winRate()).isEqualByComparingTo("0");
    }

    @Test
    void build_whenAddedToThenPartlyReducedAndOpenAtEnd_thenAverageRealizedAndUnrealizedReconcile() {
        Runs run = new Runs()
                .buy("10:05", 10, "100.00", "0.50")
                .buy("11:05", 30, "104.00", "1.56")
                .sell("12:05", 25, "107.00", "1.34");
        run.marks.put("SBER", new BigDecimal("101.50"));
        // average after adding: (10 * 100.00 + 30 * 104.00) / 40 = 4120.00 / 40 = 103.00
        // reducing 25 realizes (107.00 - 103.00) * 25 = 100.00 and keeps the average 103.00 on the 15 left
        // commissions 0.50 + 1.56 + 1.34 = 3.40
        // cash 100,000.00 - 1000.00 - 3120.00 + 2675.00 - 3.40 = 98,551.60
        // unrealized (101.50 - 103.00) * 15 = -22.50; market value 101.50 * 15 = 1522.50
        // final equity 98,551.60 + 1522.50 = 100,074.10 = 100,000.00 + 100.00 - 22.50 - 3.40
        run.accountCash = new BigDecimal("98551.60");
        run.stored("SBER", 15, "103.00", "100.00", "3.40");

        RunReport r = run.build();

        assertThat(r.positions).hasSize(1);
        EndPosition p = r.positions.get(0);
        assertThat(p.quantity()).isEqualTo(15);
        assertThat(p.averagePrice()).isEqualByComparingTo("103.00");
        assertThat(p.mark()).isEqualByComparingTo("101.50");
        assertThat(p.realizedPnl()).isEqualByComparingTo("100.00");
        assertThat(p.unrealizedPnl()).isEqualByComparingTo("-22.50");
        assertThat(p.commission()).isEqualByComparingTo("3.40");
        assertThat(r.realizedPnl).isEqualByComparingTo("100.00");
        assertThat(r.unrealizedPnl).isEqualByComparingTo("-22.50");
        assertThat(r.commissions).isEqualByComparingTo("3.40");
        assertThat(r.cash).isEqualByComparingTo("98551.60");
        assertThat(r.marketValue).isEqualByComparingTo("1522.50");
        assertThat(r.finalEquity()).isEqualByComparingTo("100074.10");
        assertThat(r.accountedEquity()).isEqualByComparingTo(r.finalEquity());
        assertThat(r.roundTrips).isEmpty();
        assertThat(r.mismatches).isEmpty();
    }

    @Test
    void build_whenAverageIsARecurringDecimal_thenRealizedMatchesStoredToTheKopeckAndIdentityHolds() {
        Runs run = new Runs()
                .buy("10:05", 10, "100.00", "0")
                .buy("11:05", 20, "101.00", "0")
                .sell("12:05", 30, "102.00", "0");
        // average (1000.00 + 2020.00) / 30 = 100.666..., rounded to 34 digits (DECIMAL128)
        // realized (102.00 - 100.66...67) * 30 = 39.99...99 (40.00 less ~1e-30); the cash is exact:
        // 100,000.00 - 3020.00 + 3060.00 = 100,040.00, so the identity is off by ~1e-30, far below half a kopeck
        BigDecimal average = new BigDecimal("3020.00").divide(BigDecimal.valueOf(30), MathContext.DECIMAL128);
        run.accountCash = new BigDecimal("100040.00");
        run.stored("SBER", 0, null, "40.00", "0");

        RunReport r = run.build();

        assertThat(r.realizedPnl).isEqualByComparingTo(new BigDecimal("102.00").subtract(average).multiply(BigDecimal.valueOf(30)));
        assertThat(r.realizedPnl).isNotEqualByComparingTo("40.00");
        assertThat(r.finalEquity()).isEqualByComparingTo("100040.00");
        assertThat(r.finalEquity().subtract(r.accountedEquity()).abs()).isLessThan(new BigDecimal("1e-25"));
        assertThat(r.mismatches).isEmpty();
    }

    @Test
    void build_whenShortReversedToLongInOneFill_thenOldSideRealizedAndRestOpensAtFillPrice() {
        Runs run = new Runs()
                .sell("10:05", 20, "250.00", "2.50")
                .buy("11:05", 50, "240.00", "6.00");
        run.marks.put("SBER", new BigDecimal("245.00"));
        // the buy closes the 20 short: realized (240.00 - 250.00) * 20 * (-1) = 200.00, and opens 30 long at 240.00
        // cash 100,000.00 + 5000.00 - 2.50 - 12,000.00 - 6.00 = 92,991.50
        // unrealized (245.00 - 240.00) * 30 = 150.00; market value 245.00 * 30 = 7350.00
        // final equity 92,991.50 + 7350.00 = 100,341.50 = 100,000.00 + 200.00 + 150.00 - 8.50
        run.accountCash = new BigDecimal("92991.50");
        run.stored("SBER", 30, "240.00", "200.00", "8.50");

        RunReport r = run.build();

        assertThat(r.realizedPnl).isEqualByComparingTo("200.00");
        EndPosition p = r.positions.get(0);
        assertThat(p.quantity()).isEqualTo(30);
        assertThat(p.averagePrice()).isEqualByComparingTo("240.00");
        assertThat(r.unrealizedPnl).isEqualByComparingTo("150.00");
        assertThat(r.cash).isEqualByComparingTo("92991.50");
        assertThat(r.finalEquity()).isEqualByComparingTo("100341.50");
        assertThat(r.accountedEquity()).isEqualByComparingTo("100341.50");
        assertThat(r.roundTrips).hasSize(1);
        RoundTrip trip = r.roundTrips.get(0);
        assertThat(trip.pnl()).isEqualByComparingTo("200.00");
        assertThat(trip.opened()).isEqualTo(at("10:05"));
        assertThat(trip.closed()).isEqualTo(at("11:05"));
        assertThat(r.wins()).isEqualTo(1);
        assertThat(r.mismatches).isEmpty();
    }

    @Test
    void build_whenFlippedPositionLaterClosed_thenSecondTripOpensAtTheFlip() {
        Runs run = new Runs()
                .sell("10:05", 20, "250.00", "0")
                .buy("11:05", 50, "240.00", "0")
                .sell("12:05", 30, "238.00", "0");
        // second trip: long 30 from 240.00 to 238.00 -> (238.00 - 240.00) * 30 = -60.00
        // realized 200.00 - 60.00 = 140.00; cash 100,000 + 5000 - 12,000 + 7140 = 100,140.00
        RunReport r = run.build();

        assertThat(r.roundTrips).hasSize(2);
        RoundTrip second = r.roundTrips.get(1);
        assertThat(second.opened()).isEqualTo(at("11:05"));
        assertThat(second.closed()).isEqualTo(at("12:05"));
        assertThat(second.pnl()).isEqualByComparingTo("-60.00");
        assertThat(r.realizedPnl).isEqualByComparingTo("140.00");
        assertThat(r.cash).isEqualByComparingTo("100140.00");
        assertThat(r.wins()).isEqualTo(1);
        assertThat(r.winRate()).isEqualByComparingTo("0.5000");
    }

    @Test
    void build_whenEquityRisesThenFalls_thenMaxDrawdownShareAndExposureExact() {
        Runs run = new Runs();
        run.initialCash = new BigDecimal("10000.00");
        run.to = at("15:00");
        run.buy("10:05", 10, "100.00", "0")
                .sell("14:30", 10, "106.00", "0")
                .hour("SBER", "10:00", "105.00").hour("SBER", "11:00", "110.00")
                .hour("SBER", "12:00", "104.00").hour("SBER", "13:00", "107.00")
                // a second instrument's bars close at the same moments: still one point per moment
                .hour("GAZP", "10:00", "160.00").hour("GAZP", "11:00", "161.00")
                .hour("GAZP", "12:00", "162.00").hour("GAZP", "13:00", "163.00");
        run.marks.put("SBER", new BigDecimal("106.50"));
        // cash 10,000.00 - 1000.00 = 9000.00 while long 10:
        //   11:00  9000 + 10 * 105 = 10,050  peak 10,050  drawdown  0
        //   12:00  9000 + 10 * 110 = 10,100  peak 10,100  drawdown  0
        //   13:00  9000 + 10 * 104 = 10,040                drawdown 60
        //   14:00  9000 + 10 * 107 = 10,070                drawdown 30
        //   15:00  (sold at 106) cash 10,060, flat         drawdown 40
        // max drawdown 60.00, share 60 / 10,100 = 0.0059405... -> 0.005941; exposure 4 of 5 points = 0.8000
        RunReport r = run.build();

        assertThat(r.curve).extracting(Point::at)
                .containsExactly(at("11:00"), at("12:00"), at("13:00"), at("14:00"), at("15:00"));
        assertThat(r.curve).extracting(Point::equity).usingElementComparator(BigDecimal::compareTo)
                .containsExactly(new BigDecimal("10050"), new BigDecimal("10100"), new BigDecimal("10040"),
                        new BigDecimal("10070"), new BigDecimal("10060"));
        assertThat(r.curve).extracting(Point::drawdown).usingElementComparator(BigDecimal::compareTo)
                .containsExactly(new BigDecimal("0"), new BigDecimal("0"), new BigDecimal("60"),
                        new BigDecimal("30"), new BigDecimal("40"));
        assertThat(r.maxDrawdown).isEqualByComparingTo("60.00");
        assertThat(r.maxDrawdownShare).isEqualTo(new BigDecimal("0.005941"));
        assertThat(r.exposure).isEqualTo(new BigDecimal("0.8000"));
        assertThat(r.finalEquity()).isEqualByComparingTo("10060.00");
    }

    @Test
    void build_whenEquityOnlyFallsFromTheStart_thenDrawdownIsMeasuredFromInitialCash() {
        Runs run = new Runs();
        run.initialCash = new BigDecimal("10000.00");
        run.to = at("12:30");
        run.buy("10:05", 10, "100.00", "0")
                .hour("SBER", "10:00", "95.00").hour("SBER", "11:00", "90.00");
        run.marks.put("SBER", new BigDecimal("90.00"));
        // initial 10,000.00 is the first peak; 11:00 equity 9000 + 950 = 9950, 12:00 9000 + 900 = 9900,
        // 12:30 the same 9900: max drawdown 10,000 - 9900 = 100.00, share 100 / 10,000 = 0.010000
        RunReport r = run.build();

        assertThat(r.curve).extracting(Point::drawdown).usingElementComparator(BigDecimal::compareTo)
                .containsExactly(new BigDecimal("50"), new BigDecimal("100"), new BigDecimal("100"));
        assertThat(r.maxDrawdown).isEqualByComparingTo("100.00");
        assertThat(r.maxDrawdownShare).isEqualTo(new BigDecimal("0.010000"));
    }

    @Test
    void build_whenLastHourlyBarClosesAtTo_thenOnePointAtTo() {
        Runs run = new Runs();
        run.initialCash = new BigDecimal("10000.00");
        run.to = at("12:00");
        run.buy("10:05", 10, "100.00", "0")
                .hour("SBER", "10:00", "105.00").hour("SBER", "11:00", "110.00");
        run.marks.put("SBER", new BigDecimal("110.00"));
        // points 11:00 (9000 + 1050 = 10,050) and 12:00 (9000 + 1100 = 10,100), the second one only once
        RunReport r = run.build();

        assertThat(r.curve).extracting(Point::at).containsExactly(at("11:00"), at("12:00"));
        assertThat(r.curve).extracting(Point::equity).usingElementComparator(BigDecimal::compareTo)
                .containsExactly(new BigDecimal("10050"), new BigDecimal("10100"));
    }

    @Test
    void build_whenLastHourlyBarClosesAfterTo_thenCurveStopsAtToInTimeOrder() {
        Runs run = new Runs();
        run.initialCash = new BigDecimal("10000.00");
        run.to = at("11:30");
        // the 11:00 bar opens before the end but closes at 12:00, after it; its close 120.00 is not the run's
        run.buy("10:05", 10, "100.00", "0")
                .hour("SBER", "10:00", "105.00").hour("SBER", "11:00", "120.00");
        run.marks.put("SBER", new BigDecimal("108.00"));
        // points 11:00 (10,050) and 11:30 at the mark (9000 + 1080 = 10,080)
        RunReport r = run.build();

        assertThat(r.curve).extracting(Point::at).containsExactly(at("11:00"), at("11:30"));
        assertThat(r.curve).extracting(Point::equity).usingElementComparator(BigDecimal::compareTo)
                .containsExactly(new BigDecimal("10050"), new BigDecimal("10080"));
        assertThat(r.maxDrawdown).isEqualByComparingTo("0");
    }

    @Test
    void build_whenTradeAtAnHourlyClose_thenItCountsFromTheNextPoint() {
        Runs run = new Runs();
        run.initialCash = new BigDecimal("10000.00");
        run.to = at("13:00");
        // an order decided on the 11:00 close fills at 11:00: the 11:00 point is still flat
        run.buy("11:00", 10, "100.00", "0").hour("SBER", "10:00", "100.00").hour("SBER", "11:00", "102.00");
        run.marks.put("SBER", new BigDecimal("103.00"));
        RunReport r = run.build();

        assertThat(r.curve).extracting(Point::marketValue).usingElementComparator(BigDecimal::compareTo)
                .containsExactly(BigDecimal.ZERO, new BigDecimal("1020"), new BigDecimal("1030"));
        // 2 of 3 points hold the position
        assertThat(r.exposure).isEqualTo(new BigDecimal("0.6667"));
    }

    @Test
    void build_whenStoredCashAndPositionQuantityWrong_thenTwoNamedMismatches() {
        Runs run = new Runs()
                .buy("10:05", 20, "100.00", "1.00")
                .sell("12:30", 20, "110.00", "1.10");
        // from the trades: cash 100,197.90 and flat; the broker says 100,197.80 and 10 units
        run.accountCash = new BigDecimal("100197.80");
        run.stored("SBER", 10, "100.00", "200.00", "2.10");

        RunReport r = run.build();

        assertThat(r.mismatches).containsExactly(
                new Mismatch("account cash", "100197.90", "100197.80"),
                new Mismatch("position 1 SBER quantity", "0", "10"));
    }

    @Test
    void build_whenStoredRealizedDiffersByAKopeck_thenRealizedMismatch() {
        Runs run = new Runs()
                .buy("10:05", 20, "100.00", "1.00")
                .sell("12:30", 20, "110.00", "1.10");
        run.accountCash = new BigDecimal("100197.90");
        run.stored("SBER", 0, null, "199.99", "2.10");

        RunReport r = run.build();

        assertThat(r.mismatches).singleElement().satisfies(m -> {
            assertThat(m.what()).isEqualTo("position 1 SBER realized PnL");
            assertThat(new BigDecimal(m.expected())).isEqualByComparingTo("200.00");
            assertThat(m.stored()).isEqualTo("199.99");
        });
    }

    @Test
    void build_whenTradedPositionsHaveNoStoredRow_thenQuantityAndRealizedMismatches() {
        Runs run = new Runs()
                .buy("10:05", 20, "100.00", "0")
                .trade("10:10", "BUY", "GAZP", 10, "160.00", "0")
                .trade("11:10", "SELL", "GAZP", 10, "161.00", "0");
        run.marks.put("SBER", new BigDecimal("100.00"));
        // cash 100,000.00 - 2000.00 - 1600.00 + 1610.00 = 98,010.00: the account agrees
        run.accountCash = new BigDecimal("98010.00");
        // but the broker stored no position: SBER should be 20 long, GAZP flat with (161 - 160) * 10 = 10.00 realized

        RunReport r = run.build();

        assertThat(r.mismatches).containsExactly(
                new Mismatch("position 1 SBER quantity", "20", "no stored position"),
                new Mismatch("position 1 GAZP realized PnL", "10.00", "no stored position"));
    }

    @Test
    void build_whenNoTradesAndNoBars_thenOneFlatPointAtToWithInitialCash() {
        Runs run = new Runs();
        run.accountCash = run.initialCash;
        RunReport r = run.build();

        assertThat(r.curve).singleElement().satisfies(p -> {
            assertThat(p.at()).isEqualTo(run.to);
            assertThat(p.equity()).isEqualByComparingTo("100000.00");
        });
        assertThat(r.exposure).isEqualByComparingTo("0");
        assertThat(r.winRate()).isEqualByComparingTo("0");
        assertThat(r.mismatches).isEmpty();
        assertThat(r.finalEquity()).isEqualByComparingTo("100000.00");
    }
}
