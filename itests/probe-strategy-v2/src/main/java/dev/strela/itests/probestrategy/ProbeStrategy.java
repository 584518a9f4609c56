package dev.strela.itests.probestrategy;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.Optional;

import org.osgi.service.component.annotations.Component;

import dev.strela.api.model.Context;
import dev.strela.api.model.Signal;
import dev.strela.api.spi.Strategy;

/** Version 2 (other logic): opens SHORT on every bar, stop 5% above the close. */
@Component(service = Strategy.class)
public final class ProbeStrategy implements Strategy {

    @Override
    public String name() {
        return "itest_probe";
    }

    @Override
    public Optional<Signal> onBar(Context ctx) {
        BigDecimal stop = ctx.instrument().roundToTick(ctx.lastBar().close().multiply(new BigDecimal("1.05")), RoundingMode.UP);
        return Optional.of(Signal.openShort(stop).withMeta("version", 2));
    }
}
