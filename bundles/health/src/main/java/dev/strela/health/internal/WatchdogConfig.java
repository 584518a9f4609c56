package dev.strela.health.internal;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/** {@code etc/dev.strela.health.cfg}: the watchdog's limits. */
@ObjectClassDefinition(name = "Strela watchdog")
public @interface WatchdogConfig {

    String PID = "dev.strela.health";

    @AttributeDefinition(description = "How often service_status is read (milliseconds)")
    long checkMillis() default 1000;

    @AttributeDefinition(description = "Silence limits in seconds by component, 'component=seconds' separated by commas;"
            + " 'broker' covers every broker adapter; a component not listed is not watched for silence")
    String silenceLimits() default WatchdogService.DEFAULT_LIMITS;

    @AttributeDefinition(description = "When silence is a fault: 'always', or 'HH:mm-HH:mm' Moscow time on weekdays")
    String activeHours() default WatchdogService.DEFAULT_HOURS;
}
