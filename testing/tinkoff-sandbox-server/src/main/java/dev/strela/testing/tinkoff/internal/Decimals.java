package dev.strela.testing.tinkoff.internal;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.RoundingMode;
import java.util.Locale;

import ru.tinkoff.piapi.contract.v1.MoneyValue;
import ru.tinkoff.piapi.contract.v1.Quotation;

/**
 * Exact conversion between {@link BigDecimal} and the contract's fixed-point types: {@code units} is the integer
 * part and {@code nano} the fraction in billionths, both carrying the sign of the value (-1.5 is units -1, nano
 * -500000000). A value with more than nine decimal places cannot be represented and is refused, never rounded.
 */
public final class Decimals {
    private static final BigInteger BILLION = BigInteger.valueOf(1_000_000_000L);

    private Decimals() {
    }

    public static BigDecimal of(Quotation quotation) {
        return of(quotation.getUnits(), quotation.getNano());
    }

    public static BigDecimal of(MoneyValue money) {
        return of(money.getUnits(), money.getNano());
    }

    public static boolean isSet(Quotation quotation) {
        return quotation.getUnits() != 0 || quotation.getNano() != 0;
    }

    /** @throws ArithmeticException when the value has more than nine decimal places or overflows a long */
    public static Quotation quotation(BigDecimal value) {
        BigInteger[] parts = split(value);
        return Quotation.newBuilder().setUnits(parts[0].longValueExact()).setNano(parts[1].intValueExact()).build();
    }

    /** @throws ArithmeticException when the value has more than nine decimal places or overflows a long */
    public static MoneyValue money(BigDecimal value, String currency) {
        BigInteger[] parts = split(value);
        return MoneyValue.newBuilder()
                .setCurrency(currency.toLowerCase(Locale.ROOT))
                .setUnits(parts[0].longValueExact())
                .setNano(parts[1].intValueExact())
                .build();
    }

    /** Money amounts the broker charges: kopecks, half up, as Tinkoff rounds commissions. */
    public static BigDecimal cents(BigDecimal value) {
        return value.setScale(2, RoundingMode.HALF_UP);
    }

    /** True when {@code value} is a whole multiple of {@code step}; any value passes a zero step. */
    public static boolean isMultipleOf(BigDecimal value, BigDecimal step) {
        return step.signum() == 0 || value.remainder(step).signum() == 0;
    }

    private static BigDecimal of(long units, int nano) {
        BigDecimal value = BigDecimal.valueOf(units).add(BigDecimal.valueOf(nano, 9)).stripTrailingZeros();
        return value.scale() < 0 ? value.setScale(0) : value;
    }

    private static BigInteger[] split(BigDecimal value) {
        BigInteger scaled = value.setScale(9, RoundingMode.UNNECESSARY).unscaledValue();
        return scaled.divideAndRemainder(BILLION);
    }
}
