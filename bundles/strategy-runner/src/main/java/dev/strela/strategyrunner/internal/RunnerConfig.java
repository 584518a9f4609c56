package dev.strela.strategyrunner.internal;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/** {@code etc/dev.strela.strategyrunner.cfg}. */
@ObjectClassDefinition(name = "Strela strategy runner")
public @interface RunnerConfig {

    String PID = "dev.strela.strategyrunner";

    @AttributeDefinition(description = "A strategy that has not returned after this many milliseconds is abandoned for the bar (strategy_timeout)")
    long timeoutMillis() default 2000;

    @AttributeDefinition(description = "After this many consecutive failures (exception, timeout, invalid signal) a universe row is disabled")
    int maxConsecutiveFailures() default 5;

    @AttributeDefinition(description = "Equity shown to strategies when the run has no account yet (RUB)")
    String referenceEquity() default "1000000";
}
