package dev.strela.api.spi;

import dev.strela.api.model.Context;
import dev.strela.api.model.Signal;
import java.util.Optional;
import org.osgi.annotation.versioning.ConsumerType;

/**
 * Pure signal logic, registered as an OSGi service by a strategy bundle. Knows nothing of capital,
 * limits or the broker and never computes a quantity. The runner calls {@link #onBar} on each bar
 * close of every enabled {@code strategy_universe} row whose {@code strategy} equals {@link #name()};
 * an exception thrown here is logged as {@code strategy_exception} and does not stop the platform.
 * One instance serves many rows, so keep per-row state out of fields (derive it from the context).
 */
@ConsumerType
public interface Strategy {

    /** The name {@code strategy_universe} rows refer to; stable across versions of the bundle. */
    String name();

    /** Decides on the bar that just closed ({@link Context#lastBar()}); empty means no action. */
    Optional<Signal> onBar(Context ctx);

    /** How many bars (oldest first, up to and including the closed one) the context should carry. */
    default int barsNeeded() {
        return 100;
    }
}
