package dev.strela.api.model;

import java.math.BigDecimal;

/** Argument checks for the model records; messages read {@code field: reason}. */
final class Checks {

    private Checks() {
    }

    static <T> T notNull(T value, String field) {
        if (value == null) {
            throw new IllegalArgumentException(field + ": must not be null");
        }
        return value;
    }

    static String notBlank(String value, String field) {
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException(field + ": must not be blank");
        }
        return value;
    }

    static BigDecimal positive(BigDecimal value, String field) {
        notNull(value, field);
        if (value.signum() <= 0) {
            throw new IllegalArgumentException(field + ": must be > 0, was " + value.toPlainString());
        }
        return value;
    }

    static BigDecimal nonNegative(BigDecimal value, String field) {
        notNull(value, field);
        if (value.signum() < 0) {
            throw new IllegalArgumentException(field + ": must be >= 0, was " + value.toPlainString());
        }
        return value;
    }

    static BigDecimal positiveOrNull(BigDecimal value, String field) {
        return value == null ? null : positive(value, field);
    }

    static long positive(long value, String field) {
        if (value <= 0) {
            throw new IllegalArgumentException(field + ": must be > 0, was " + value);
        }
        return value;
    }

    static long nonNegative(long value, String field) {
        if (value < 0) {
            throw new IllegalArgumentException(field + ": must be >= 0, was " + value);
        }
        return value;
    }
}
