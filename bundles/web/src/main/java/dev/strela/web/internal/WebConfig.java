package dev.strela.web.internal;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/** {@code etc/dev.strela.web.cfg}: who may use the web monitor, and how its component tiles are coloured. */
@ObjectClassDefinition(name = "Strela web monitor")
public @interface WebConfig {

    String PID = "dev.strela.web";

    @AttributeDefinition(description = "JAAS realm users sign in against (Karaf's users, as for the console)")
    String realm() default "karaf";

    @AttributeDefinition(description = "Role a user needs, as a Karaf JAAS role (etc/users.properties)")
    String role() default "admin";

    @AttributeDefinition(description = "Host names the monitor answers to, separated by commas; '*' for any."
            + " Guards against DNS rebinding while it listens on 127.0.0.1 only")
    String allowedHosts() default "localhost, 127.0.0.1, [::1]";

    @AttributeDefinition(description = "Heartbeat age in seconds past which a component tile turns red, by component"
            + " ('broker' covers every broker adapter); amber from half of it. As the watchdog's silenceLimits")
    String tileLimits() default "data_feed=120, strategy_runner=60, execution=60, broker=30";

    @AttributeDefinition(description = "Failed sign-ins of one user name from one client address after which that"
            + " address may not try that name for lockSeconds (other addresses still may); after 4 times as many"
            + " failures from one address, whatever the names, that address may not sign in for lockSeconds")
    int maxFailedLogins() default 5;

    @AttributeDefinition(description = "Seconds a lock lasts after the failure that reached maxFailedLogins (or 4 times"
            + " it for an address); a count of failures is forgotten this long after its last failure")
    int lockSeconds() default 60;
}
