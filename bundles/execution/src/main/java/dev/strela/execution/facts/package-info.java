/**
 * The facts the DRL rules in {@code etc/strela/rules} read, and the {@link dev.strela.execution.facts.Decision} they
 * write. A rule file imports what it needs from here, e.g. {@code import dev.strela.execution.facts.Decision;}.
 * Every amount is a {@code BigDecimal}; lots are whole numbers.
 */
package dev.strela.execution.facts;
