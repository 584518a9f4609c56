/**
 * Broker-held stop-loss and take-profit orders, the rules every broker keeps alike (the simulated one and the
 * Tinkoff adapter): after an entry fills, a pair of legs on the opposite side protects the lots that fill added to
 * the position; a leg only ever reduces a position; the legs' ids are deterministic, so a repeated step never
 * makes a second pair; and their levels sit on the instrument's tick, rounded toward the entry.
 */
@org.osgi.annotation.versioning.Version("1.0.0")
package dev.strela.api.protective;
