package dev.strela.itests;

import static org.assertj.core.api.Assertions.assertThat;
import static org.ops4j.pax.exam.CoreOptions.mavenBundle;

import java.time.Duration;

import javax.inject.Inject;

import org.apache.camel.CamelContext;
import org.apache.camel.ConsumerTemplate;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.ops4j.pax.exam.Configuration;
import org.ops4j.pax.exam.Option;
import org.ops4j.pax.exam.junit.PaxExam;
import org.ops4j.pax.exam.spi.reactors.ExamReactorStrategy;
import org.ops4j.pax.exam.spi.reactors.PerClass;
import org.ops4j.pax.exam.util.Filter;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;

/**
 * The bus: a route contributed by one bundle delivers to a route contributed by another, and stopping and
 * starting the contributing bundle removes and restores its route, with Karaf running throughout.
 */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerClass.class)
public class BusIT {

    private static final String PING_ROUTE = "probe.ping";
    private static final String PONG_ROUTE = "probe.pong";
    private static final String PONGS = "seda:strela.probe.pongs";

    @Inject BundleContext bundleContext;
    @Inject @Filter(timeout = 120_000) CamelContext camel;

    @Configuration
    public Option[] config() {
        return StrelaKaraf.distribution(
                mavenBundle("dev.strela", "strela-itest-probe-pong").versionAsInProject(),
                mavenBundle("dev.strela", "strela-itest-probe-ping").versionAsInProject());
    }

    @Test
    public void routes_ofTwoBundles_deliverAcrossTheBus_andFollowTheBundleLifecycle() throws Exception {
        StrelaKaraf.await("both probe routes", Duration.ofSeconds(60),
                () -> camel.getRoute(PING_ROUTE) != null && camel.getRoute(PONG_ROUTE) != null);
        ConsumerTemplate consumer = camel.createConsumerTemplate();
        String first = consumer.receiveBody(PONGS, 10_000, String.class);
        assertThat(first).as("a pong for a ping from the other bundle").startsWith("pong-");

        Bundle ping = find("dev.strela.itests.probe-ping");
        ping.stop();
        assertThat(camel.getRoute(PING_ROUTE)).as("ping route after its bundle stopped").isNull();
        assertThat(camel.getRoute(PONG_ROUTE)).as("pong route is untouched").isNotNull();
        drain(consumer);
        assertThat(consumer.receiveBody(PONGS, 1_000, String.class)).as("no pong while ping is stopped").isNull();

        ping.start();
        StrelaKaraf.await("ping route restored", Duration.ofSeconds(30), () -> camel.getRoute(PING_ROUTE) != null);
        String again = consumer.receiveBody(PONGS, 10_000, String.class);
        assertThat(again).as("pongs resume after the bundle restarts").startsWith("pong-");
        consumer.stop();
    }

    private static void drain(ConsumerTemplate consumer) {
        while (consumer.receiveBody(PONGS, 2_000, String.class) != null) {
            // discard pongs of pings that were in flight when the ping bundle stopped
        }
    }

    private Bundle find(String symbolicName) {
        for (Bundle b : bundleContext.getBundles()) {
            if (symbolicName.equals(b.getSymbolicName())) {
                return b;
            }
        }
        throw new AssertionError("bundle not installed: " + symbolicName);
    }
}
