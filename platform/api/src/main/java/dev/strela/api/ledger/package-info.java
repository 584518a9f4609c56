/**
 * The book of a trading account by strategy: cash, and per strategy ({@code strategy_universe} row) and instrument
 * the position, its average price, realized PnL and commissions, exact in {@code BigDecimal}. A broker adapter keeps
 * one to turn the broker's fills into the platform's positions (the broker itself only knows the net position per
 * instrument).
 */
@org.osgi.annotation.versioning.Version("1.0.0")
package dev.strela.api.ledger;
