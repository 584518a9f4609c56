package dev.strela.memoryreplay;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.regex.Pattern;

/** Values as PostgreSQL keeps them, and the refusal of a statement the schema does not allow. */
final class PgValues {

    /** The schema's lower_snake format ({@code ^[a-z][a-z0-9_]*$}): brokers, refusal codes. */
    static final Pattern LOWER_SNAKE = Pattern.compile("[a-z][a-z0-9_]*");

    private PgValues() {
    }

    /** A time as timestamptz keeps it: rounded to the microsecond, half up, as the JDBC driver sends it. */
    static Instant micros(Instant time) {
        if (time == null) {
            return null;
        }
        Instant truncated = time.truncatedTo(ChronoUnit.MICROS);
        return time.getNano() % 1000 >= 500 ? truncated.plusNanos(1000) : truncated;
    }

    /** An amount as numeric keeps it: its scale, but never a negative one (1E+2 is stored as 100). */
    static BigDecimal numeric(BigDecimal value) {
        return value == null || value.scale() >= 0 ? value : value.setScale(0);
    }

    /** A statement the schema refuses, named by its constraint. */
    static IllegalArgumentException violation(String constraint, String details) {
        return new IllegalArgumentException("constraint_violation: constraint=" + constraint + ", " + details);
    }
}
