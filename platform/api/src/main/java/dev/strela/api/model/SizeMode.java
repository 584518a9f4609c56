package dev.strela.api.model;

/** How {@link Signal#sizeValue()} is read. */
public enum SizeMode {
    /** {@code size_value} is a share of the row's {@code risk_per_trade} (1.0 = the full risk). */
    RISK_FRACTION
}
