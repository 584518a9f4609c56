package dev.strela.datafeed.internal.aggregate;

import dev.strela.api.model.Bar;
import dev.strela.api.model.Timeframe;

import java.math.BigDecimal;

import static dev.strela.datafeed.internal.aggregate.TestMinutes.msk;
import static org.assertj.core.api.Assertions.assertThat;

/** Asserts a whole bar with exact decimal values. */
final class BarAssert {

    private BarAssert() {
    }

    /** Checks timeframe, openTime (MSK wall clock), O/H/L/C by value and the volume. */
    static void assertBar(Bar bar, Timeframe tf, String mskOpenTime, String open, String high, String low,
                          String close, long volume) {
        assertThat(bar.timeframe()).as("timeframe").isEqualTo(tf);
        assertThat(bar.openTime()).as("openTime").isEqualTo(msk(mskOpenTime));
        assertThat(bar.open()).as("open").isEqualByComparingTo(new BigDecimal(open));
        assertThat(bar.high()).as("high").isEqualByComparingTo(new BigDecimal(high));
        assertThat(bar.low()).as("low").isEqualByComparingTo(new BigDecimal(low));
        assertThat(bar.close()).as("close").isEqualByComparingTo(new BigDecimal(close));
        assertThat(bar.volume()).as("volume").isEqualTo(volume);
    }
}
