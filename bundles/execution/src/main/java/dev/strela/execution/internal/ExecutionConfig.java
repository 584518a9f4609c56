package dev.strela.execution.internal;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/** {@code etc/dev.strela.execution.cfg}. */
@ObjectClassDefinition(name = "Strela execution")
public @interface ExecutionConfig {

    String PID = "dev.strela.execution";

    @AttributeDefinition(description = "Folder of the DRL files; empty means ${karaf.etc}/strela/rules")
    String rulesFolder() default "";

    @AttributeDefinition(description = "How often the rules folder is checked for edits (ms)")
    long rulesCheckMillis() default 1000;

    @AttributeDefinition(description = "How often unprocessed signals are looked for, as a safety net behind the notifications (ms)")
    long pollMillis() default 2000;

    @AttributeDefinition(description = "MAX_TOTAL_POSITIONS: position slots allowed across all strategies of a run")
    int maxTotalPositions() default 10;

    @AttributeDefinition(description = "An entry needs lots * price * lot * this much free cash (the margin above 1 covers"
            + " commission, spread, slippage and the next open)")
    String cashSafetyCoeff() default "1.01";

    @AttributeDefinition(description = "true: an entry cash does not cover is reduced to what cash allows; false: refused")
    boolean reduceOnInsufficientCash() default true;

    @AttributeDefinition(description = "Broker adapter of paper rows")
    String paperBroker() default "fake";

    @AttributeDefinition(description = "Broker adapter of live rows")
    String liveBroker() default "tinkoff";

    @AttributeDefinition(description = "Starting cash of the paper account when it does not exist yet (RUB)")
    String paperInitialCash() default "1000000";
}
