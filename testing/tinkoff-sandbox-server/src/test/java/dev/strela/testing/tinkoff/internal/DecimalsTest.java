package dev.strela.testing.tinkoff.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;
import ru.tinkoff.piapi.contract.v1.Quotation;

class DecimalsTest {

    @ParameterizedTest
    @CsvSource({
            "250.10, 250, 100000000",
            "-1.5, -1, -500000000",
            "-0.000000001, 0, -1",
            "0.000000001, 0, 1",
            "9223372036854775807.999999999, 9223372036854775807, 999999999",
            "0, 0, 0"})
    void quotation_whenConverted_thenUnitsAndNanoShareTheSignAndRoundTripExactly(String value, long units, int nano) {
        Quotation quotation = Decimals.quotation(new BigDecimal(value));

        assertThat(quotation.getUnits()).isEqualTo(units);
        assertThat(quotation.getNano()).isEqualTo(nano);
        assertThat(Decimals.of(quotation)).isEqualByComparingTo(value);
        assertThat(Decimals.of(Decimals.money(new BigDecimal(value), "RUB"))).isEqualByComparingTo(value);
    }

    @Test
    void quotation_whenMoreThanNineDecimalsOrTooLarge_thenRefusedNotRounded() {
        assertThatThrownBy(() -> Decimals.quotation(new BigDecimal("0.0000000001"))).isInstanceOf(ArithmeticException.class);
        assertThatThrownBy(() -> Decimals.quotation(new BigDecimal("9223372036854775808"))).isInstanceOf(ArithmeticException.class);
    }

    @Test
    void money_whenCurrencyUpperCase_thenLowerCaseAsTinkoffSends() {
        assertThat(Decimals.money(BigDecimal.ONE, "RUB").getCurrency()).isEqualTo("rub");
    }

    @Test
    void cents_whenHalfKopeck_thenRoundedUp() {
        assertThat(Decimals.cents(new BigDecimal("1.255"))).isEqualByComparingTo("1.26");
        assertThat(Decimals.cents(new BigDecimal("1.2549"))).isEqualByComparingTo("1.25");
    }

    @Test
    void isMultipleOf_whenOnAndOffTheGrid_thenTrueAndFalse() {
        assertThat(Decimals.isMultipleOf(new BigDecimal("250.01"), new BigDecimal("0.01"))).isTrue();
        assertThat(Decimals.isMultipleOf(new BigDecimal("250.015"), new BigDecimal("0.01"))).isFalse();
        assertThat(Decimals.isMultipleOf(new BigDecimal("87655"), new BigDecimal("5"))).isTrue();
        assertThat(Decimals.isMultipleOf(new BigDecimal("87653"), new BigDecimal("5"))).isFalse();
    }
}
