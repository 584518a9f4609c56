package dev.strela.api.bus;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

class EndpointsTest {

    @Test
    void constants_whenListed_thenUnderStrelaAndQueueNamesUnique() throws IllegalAccessException {
        List<String> uris = new ArrayList<>();
        for (Field field : Endpoints.class.getDeclaredFields()) {
            if (Modifier.isStatic(field.getModifiers()) && field.getType() == String.class
                    && !field.getName().endsWith("_HEADER")) {
                uris.add((String) field.get(null));
            }
        }

        assertThat(uris).hasSize(14).allMatch(u -> u.startsWith("seda:strela.") || u.startsWith("direct:strela."));
        assertThat(uris.stream().map(u -> u.split("\\?")[0]).toList()).doesNotHaveDuplicates();
        assertThat(uris.stream().filter(u -> u.contains("multipleConsumers"))).as("no parallel fan-out queues").isEmpty();
    }

    @Test
    void minutesStored_neverMakesTheFeedWaitForAListener() {
        assertThat(Endpoints.MINUTES_STORED).startsWith("direct:").contains("block=false", "failIfNoConsumers=false");
    }

    @Test
    void replayEndpoints_areSynchronousAndFailAtOnceWithoutAConsumer() {
        for (String uri : List.of(Endpoints.REPLAY_BAR_CLOSE, Endpoints.REPLAY_SIGNALS_NEW, Endpoints.REPLAY_ORDERS_NEW,
                Endpoints.REPLAY_MINUTES)) {
            assertThat(uri).as(uri).startsWith("direct:strela.replay.").contains("block=false")
                    .doesNotContain("failIfNoConsumers=false");
        }
        assertThat(Endpoints.REPLAY_FINISHED).contains("failIfNoConsumers=false");
    }

    @Test
    void barCloseSubscriber_whenNamed_thenOwnBlockingQueueUnderThePrefix() {
        assertThat(Endpoints.barCloseSubscriber("runner"))
                .isEqualTo("seda:strela.bar-close.runner?size=100000&blockWhenFull=true")
                .startsWith(Endpoints.BAR_CLOSE_SUBSCRIBER_PREFIX);
    }

    @Test
    void barCloseSubscriber_whenNameHasOptionsOrUpperCase_thenRefused() {
        assertThatThrownBy(() -> Endpoints.barCloseSubscriber("Runner")).hasMessageStartingWith("name:");
        assertThatThrownBy(() -> Endpoints.barCloseSubscriber("a?size=1")).hasMessageStartingWith("name:");
        assertThatThrownBy(() -> Endpoints.barCloseSubscriber(null)).hasMessageStartingWith("name:");
    }
}
