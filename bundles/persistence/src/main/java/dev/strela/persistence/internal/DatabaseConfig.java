package dev.strela.persistence.internal;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/** Configuration of {@code etc/dev.strela.db.cfg}. With no {@code url}, Strela runs its own embedded PostgreSQL. */
@ObjectClassDefinition(name = "Strela database", description = "External PostgreSQL by JDBC URL, or the embedded server when the URL is empty")
public @interface DatabaseConfig {

    String PID = "dev.strela.db";

    @AttributeDefinition(description = "JDBC URL of an external PostgreSQL, e.g. jdbc:postgresql://db-host:5432/strela. Empty: embedded server.")
    String url() default "";

    @AttributeDefinition(description = "User for the external database")
    String user() default "";

    @AttributeDefinition(description = "Password for the external database (never logged or printed)", type = org.osgi.service.metatype.annotations.AttributeType.PASSWORD)
    String password() default "";

    @AttributeDefinition(description = "Data directory of the embedded server; relative paths are under the Karaf home. Kept outside data/ so 'karaf clean' keeps it.")
    String embedded_dataDirectory() default "db/pgdata";

    @AttributeDefinition(description = "TCP port of the embedded server (listens on 127.0.0.1 only)")
    int embedded_port() default 15432;

    @AttributeDefinition(description = "Largest number of pooled connections")
    int pool_maxSize() default 10;

    @AttributeDefinition(description = "Seconds before the first retry after a failed connection; doubles up to retry.maxSeconds")
    int retry_initialSeconds() default 2;

    @AttributeDefinition(description = "Longest wait between connection attempts, in seconds")
    int retry_maxSeconds() default 30;
}
