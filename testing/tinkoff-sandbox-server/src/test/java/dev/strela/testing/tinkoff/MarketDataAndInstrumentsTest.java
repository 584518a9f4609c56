package dev.strela.testing.tinkoff;

import static dev.strela.testing.tinkoff.SandboxFixture.SBER_FIGI;
import static dev.strela.testing.tinkoff.SandboxFixture.SBER_UID;
import static dev.strela.testing.tinkoff.SandboxFixture.SI_FIGI;
import static dev.strela.testing.tinkoff.SandboxFixture.SI_UID;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.stream.IntStream;

import dev.strela.testing.tinkoff.internal.Decimals;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import ru.tinkoff.piapi.contract.v1.CandleInterval;
import ru.tinkoff.piapi.contract.v1.HistoricCandle;
import ru.tinkoff.piapi.contract.v1.SecurityTradingStatus;
import ru.tinkoff.piapi.core.exception.ApiRuntimeException;

class MarketDataAndInstrumentsTest {
    private static final Instant T0 = Instant.parse("2024-06-03T07:00:00Z");

    private final SandboxFixture fx = new SandboxFixture();

    @AfterEach
    void tearDown() throws InterruptedException {
        fx.close();
    }

    private void loadFiveMinutes() {
        fx.server.market().loadCandles(SBER_UID, IntStream.range(0, 5)
                .mapToObj(m -> TestCandle.of(T0.plusSeconds(60L * m), "250.0" + m, "251", "249", "250.5" + m, 10 + m))
                .toList());
    }

    @Test
    void getCandles_whenRangeInsideHistory_thenFromInclusiveToExclusiveWithExactPrices() {
        loadFiveMinutes();

        List<HistoricCandle> candles = fx.api.getMarketDataService()
                .getCandlesSync(SBER_UID, T0.plusSeconds(60), T0.plusSeconds(240), CandleInterval.CANDLE_INTERVAL_1_MIN);

        assertThat(candles).extracting(c -> c.getTime().getSeconds()).containsExactly(
                T0.plusSeconds(60).getEpochSecond(), T0.plusSeconds(120).getEpochSecond(), T0.plusSeconds(180).getEpochSecond());
        assertThat(candles.get(0).getOpen().getUnits()).isEqualTo(250);
        assertThat(candles.get(0).getOpen().getNano()).isEqualTo(10_000_000);
        assertThat(Decimals.of(candles.get(2).getClose())).isEqualByComparingTo("250.53");
        assertThat(candles.get(2).getVolume()).isEqualTo(13);
        assertThat(candles).allMatch(HistoricCandle::getIsComplete);
    }

    @Test
    void getCandles_whenRangeOutsideHistoryOrByFigi_thenEmptyOrSame() {
        loadFiveMinutes();

        assertThat(fx.api.getMarketDataService().getCandlesSync(SBER_FIGI, T0.minusSeconds(3600), T0,
                CandleInterval.CANDLE_INTERVAL_1_MIN)).isEmpty();
        assertThat(fx.api.getMarketDataService().getCandlesSync(SBER_FIGI, T0, T0.plusSeconds(3600),
                CandleInterval.CANDLE_INTERVAL_1_MIN)).hasSize(5);
    }

    @Test
    void getCandles_whenIntervalPeriodOrInstrumentWrong_thenTinkoffCodes() {
        var marketData = fx.api.getMarketDataService();
        assertThatThrownBy(() -> marketData.getCandlesSync(SBER_UID, T0, T0.plusSeconds(600), CandleInterval.CANDLE_INTERVAL_5_MIN))
                .isInstanceOfSatisfying(ApiRuntimeException.class, e -> assertThat(e.getCode()).isEqualTo("30011"));
        assertThatThrownBy(() -> marketData.getCandlesSync(SBER_UID, T0, T0.plus(Duration.ofDays(1)).plusSeconds(60),
                CandleInterval.CANDLE_INTERVAL_1_MIN))
                .isInstanceOfSatisfying(ApiRuntimeException.class, e -> assertThat(e.getCode()).isEqualTo("30014"));
        assertThatThrownBy(() -> marketData.getCandlesSync("no-such-figi", T0, T0.plusSeconds(60), CandleInterval.CANDLE_INTERVAL_1_MIN))
                .isInstanceOfSatisfying(ApiRuntimeException.class, e -> assertThat(e.getCode()).isEqualTo("50002"));
    }

    @Test
    void getLastPrices_whenOnePriced_thenOnlyThatOneAnswered() {
        fx.server.market().setPrice(SBER_UID, "250.07");

        var prices = fx.api.getMarketDataService().getLastPricesSync(List.of(SBER_FIGI, SI_UID, "no-such-figi"));

        assertThat(prices).singleElement().satisfies(p -> {
            assertThat(p.getInstrumentUid()).isEqualTo(SBER_UID);
            assertThat(Decimals.of(p.getPrice())).isEqualByComparingTo("250.07");
        });
    }

    @Test
    void instrumentLookups_whenByFigiTickerOrUid_thenRegisteredAttributes() {
        var instruments = fx.api.getInstrumentsService();

        var byFigi = instruments.getInstrumentByFigiSync(SBER_FIGI);
        assertThat(byFigi.getLot()).isEqualTo(10);
        assertThat(byFigi.getMinPriceIncrement().getNano()).isEqualTo(10_000_000);
        assertThat(byFigi.getApiTradeAvailableFlag()).isTrue();
        assertThat(instruments.getShareByTickerSync("SBER", "TQBR").getUid()).isEqualTo(SBER_UID);
        assertThat(instruments.getFutureByUidSync(SI_UID).getFigi()).isEqualTo(SI_FIGI);
        assertThatThrownBy(() -> instruments.getShareByFigiSync(SI_FIGI))
                .isInstanceOfSatisfying(ApiRuntimeException.class, e -> assertThat(e.getCode()).isEqualTo("50002"));
        assertThatThrownBy(() -> instruments.getShareByTickerSync("SBER", "SPBFUT"))
                .isInstanceOfSatisfying(ApiRuntimeException.class, e -> assertThat(e.getCode()).isEqualTo("50002"));
    }

    @Test
    void tradingStatus_whenTestPausesTrading_thenFlagsFollow() {
        assertThat(fx.api.getMarketDataService().getTradingStatusSync(SBER_UID).getLimitOrderAvailableFlag()).isTrue();

        fx.server.market().setTradingStatus(SBER_FIGI, SecurityTradingStatus.SECURITY_TRADING_STATUS_BREAK_IN_TRADING);

        var status = fx.api.getMarketDataService().getTradingStatusSync(SBER_UID);
        assertThat(status.getTradingStatus()).isEqualTo(SecurityTradingStatus.SECURITY_TRADING_STATUS_BREAK_IN_TRADING);
        assertThat(status.getLimitOrderAvailableFlag()).isFalse();
        assertThat(status.getMarketOrderAvailableFlag()).isFalse();
        assertThat(fx.api.getInstrumentsService().getShareByUidSync(SBER_UID).getTradingStatus())
                .isEqualTo(SecurityTradingStatus.SECURITY_TRADING_STATUS_BREAK_IN_TRADING);
    }
}
