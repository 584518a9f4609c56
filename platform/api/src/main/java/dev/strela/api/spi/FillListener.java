package dev.strela.api.spi;

import dev.strela.api.model.Fill;
import org.osgi.annotation.versioning.ProviderType;

/** Receives the fills of a {@link BrokerAdapter}; implemented by the platform, called by adapters. */
@ProviderType
@FunctionalInterface
public interface FillListener {

    /** One execution; may be called from the adapter's own thread and must return quickly. */
    void onFill(Fill fill);
}
