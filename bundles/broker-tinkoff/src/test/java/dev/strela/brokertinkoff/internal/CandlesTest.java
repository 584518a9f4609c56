package dev.strela.brokertinkoff.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;

import com.google.protobuf.Timestamp;
import org.junit.jupiter.api.Test;

import ru.tinkoff.piapi.contract.v1.Candle;
import ru.tinkoff.piapi.contract.v1.HistoricCandle;
import ru.tinkoff.piapi.contract.v1.Quotation;

import dev.strela.api.model.Bar;
import dev.strela.api.model.Timeframe;

class CandlesTest {

    private static Quotation q(long units, int nano) {
        return Quotation.newBuilder().setUnits(units).setNano(nano).build();
    }

    @Test
    void price_thenExactDecimalsWithoutTrailingZeros() {
        assertThat(Candles.price(q(250, 100_000_000)).toPlainString()).isEqualTo("250.1");
        assertThat(Candles.price(q(0, 1)).toPlainString()).isEqualTo("0.000000001");
        assertThat(Candles.price(q(250, 0)).toPlainString()).as("no exponent").isEqualTo("250");
        // 0.1 + 0.2 is exact here, as it never was in a double
        assertThat(Candles.price(q(0, 300_000_000))).isEqualByComparingTo(Candles.price(q(0, 100_000_000))
                .add(Candles.price(q(0, 200_000_000))));
        assertThat(Candles.price(q(123_456_789_012L, 999_999_999)).toPlainString()).isEqualTo("123456789012.999999999");
    }

    @Test
    void minute_whenStreamedOrReadBack_thenTheSameM1Bar() {
        Timestamp t = Timestamp.newBuilder().setSeconds(Instant.parse("2024-06-03T07:00:00Z").getEpochSecond()).build();
        Candle streamed = Candle.newBuilder().setTime(t).setOpen(q(250, 0)).setHigh(q(251, 500_000_000))
                .setLow(q(249, 990_000_000)).setClose(q(250, 730_000_000)).setVolume(1_234).build();
        HistoricCandle read = HistoricCandle.newBuilder().setTime(t).setOpen(q(250, 0)).setHigh(q(251, 500_000_000))
                .setLow(q(249, 990_000_000)).setClose(q(250, 730_000_000)).setVolume(1_234).setIsComplete(true).build();

        Bar bar = Candles.minute("sber-uid", streamed);

        assertThat(bar).isEqualTo(Candles.minute("sber-uid", read));
        assertThat(bar.timeframe()).isEqualTo(Timeframe.M1);
        assertThat(bar.openTime()).isEqualTo(Instant.parse("2024-06-03T07:00:00Z"));
        assertThat(bar.high().toPlainString()).isEqualTo("251.5");
        assertThat(bar.low().toPlainString()).isEqualTo("249.99");
        assertThat(bar.close().toPlainString()).isEqualTo("250.73");
        assertThat(bar.volume()).isEqualTo(1_234);
    }

    @Test
    void minute_whenHighBelowLow_thenRefused() {
        Candle bad = Candle.newBuilder().setOpen(q(250, 0)).setHigh(q(249, 0)).setLow(q(250, 0)).setClose(q(250, 0)).build();
        assertThatThrownBy(() -> Candles.minute("x", bad)).isInstanceOf(IllegalArgumentException.class);
    }
}
