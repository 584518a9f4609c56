package dev.strela.execution.facts;

/**
 * The trading controls in force.
 *
 * @param stopTrading no new orders at all; decisions are still made and stored as not sent
 * @param safeMode    no new positions; closing and protecting existing ones continues
 */
public record Controls(boolean stopTrading, boolean safeMode) {

    public boolean isStopTrading() { return stopTrading; }
    public boolean isSafeMode() { return safeMode; }
}
