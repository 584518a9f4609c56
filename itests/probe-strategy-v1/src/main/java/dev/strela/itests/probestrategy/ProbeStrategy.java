package dev.strela.itests.probestrategy;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.Optional;

import org.osgi.service.component.annotations.Component;

import dev.strela.api.model.Context;
import dev.strela.api.model.Signal;
import dev.strela.api.spi.Strategy;

/** Version 1: opens LONG on every bar, stop 5% below the close. */
@Component(service = Strategy.class)
public final class ProbeStrategy implements Strategy {

    @Override
    public String name() {
        return "itest_probe";
    }

    @Override
    public Optional<Signal> onBar(Context ctx) {
        BigDecimal stop = ctx.instrument().roundToTick(ctx.lastBar().close().multiply(new BigDecimal("0.95")), RoundingMode.DOWN);
        return Optional.of(Signal.openLong(stop).withMeta("version", 1));
    }
}
