package dev.strela.datafeed.internal.demo;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/** {@code etc/dev.strela.demo.cfg}: the paper-trading demo feed of simulated instruments. */
@ObjectClassDefinition(name = "Strela demo feed",
        description = "Simulated 1-minute candles (seeded generator) for sim-1..sim-N, with paper strategy rows, so a new installation trades on paper at once")
public @interface DemoConfig {

    String PID = "dev.strela.demo";

    @AttributeDefinition(description = "Run the demo feed; false turns it off (its instruments, rows and candles stay in the database)")
    boolean enabled() default true;

    @AttributeDefinition(description = "Number of simulated instruments: sim-1 .. sim-N (tickers SIM1 .. SIMN, class code SIM)")
    int instruments() default 3;

    @AttributeDefinition(description = "Real seconds per simulated minute: every this many seconds each instrument gets its next 1-minute candle")
    int secondsPerMinute() default 2;

    @AttributeDefinition(description = "Seed of the generator: the same seed gives the same prices")
    long seed() default 42;

    @AttributeDefinition(description = "First simulated trading day (yyyy-MM-dd); the feed starts there at 10:00 Moscow time, then continues from the last stored demo minute")
    String startDate() default "2024-03-04";

    @AttributeDefinition(description = "Paper strategies bound to every demo instrument: name:{params_json};name:{params_json}")
    String strategies() default DemoStrategy.DEFAULT_SPEC;

    @AttributeDefinition(description = "Timeframe of the demo strategy rows: 5m, 15m, 1h or 1d (1-minute candles close no bar of their own)")
    String timeframe() default "5m";
}
