package dev.strela.persistence;

import java.time.Instant;

/**
 * The platform-wide trading controls. {@code stopTrading}: no new orders at all; {@code safeMode}: no new
 * positions, existing ones are still managed. Who changed them last, why and when.
 */
public record TradingControl(boolean stopTrading, boolean safeMode, String reason, String changedBy, Instant changedAt) {
}
