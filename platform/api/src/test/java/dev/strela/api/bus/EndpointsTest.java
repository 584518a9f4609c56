package dev.strela.api.bus;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class EndpointsTest {

    @Test
    void constants_whenListed_thenSedaUnderStrelaAndQueueNamesUnique() throws IllegalAccessException {
        List<String> uris = new java.util.ArrayList<>();
        for (Field field : Endpoints.class.getDeclaredFields()) {
            if (Modifier.isStatic(field.getModifiers()) && field.getType() == String.class) {
                uris.add((String) field.get(null));
            }
        }

        assertThat(uris).hasSize(7).allMatch(u -> u.startsWith("seda:strela."));
        assertThat(uris.stream().map(u -> u.split("\\?")[0]).toList()).doesNotHaveDuplicates();
        assertThat(Arrays.asList(Endpoints.BAR_CLOSE.split("[?&]"))).contains("multipleConsumers=true", "blockWhenFull=true");
    }
}
