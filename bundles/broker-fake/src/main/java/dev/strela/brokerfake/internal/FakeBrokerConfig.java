package dev.strela.brokerfake.internal;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/** {@code etc/dev.strela.brokerfake.cfg}: the simulated broker's fill model. */
@ObjectClassDefinition(name = "Strela simulated broker (FakeBroker)")
public @interface FakeBrokerConfig {

    String PID = "dev.strela.brokerfake";

    @AttributeDefinition(description = "Market orders fill at the next 1-minute bar's open (NEXT_OPEN) or the current close (CURRENT_CLOSE)")
    String marketFill() default "NEXT_OPEN";

    @AttributeDefinition(description = "Ticks a taker pays to cross the spread (market, stop entries, stop-losses)")
    int spreadTicks() default 1;

    @AttributeDefinition(description = "Extra ticks of slippage for the same orders")
    int slippageTicks() default 0;

    @AttributeDefinition(description = "Commission as a share of the notional (0.0005 = 0.05%, as Tinkoff's sandbox)")
    String commissionRate() default "0.0005";

    @AttributeDefinition(description = "At most this share of a bar's volume fills per bar (partial fills); empty = no cap")
    String volumeCapShare() default "";

    @AttributeDefinition(description = "How often NEW orders are looked for in the database, behind the notifications (ms)")
    long pollMillis() default 2000;
}
