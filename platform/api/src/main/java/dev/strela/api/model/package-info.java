/**
 * Immutable domain records shared by every Strela bundle: instruments, bars, the declarative
 * {@link dev.strela.api.model.Signal} a strategy returns (with its JSON form in
 * {@link dev.strela.api.model.SignalJson}), the {@link dev.strela.api.model.Context} a strategy
 * sees, and the order, fill, position and account records of risk, execution and the brokers.
 * Money and prices are {@link java.math.BigDecimal}, times are UTC {@link java.time.Instant}s;
 * constructors reject invalid values with an {@link java.lang.IllegalArgumentException} whose
 * message reads {@code field: reason}.
 */
@org.osgi.annotation.versioning.Version("1.2.0")
package dev.strela.api.model;
