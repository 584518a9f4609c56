package dev.strela.brokerfake.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.lang.annotation.Annotation;

import org.junit.jupiter.api.Test;

class BrokerDrillTest {

    private static BrokerDrill.Config config(String fault, long hangMillis) {
        return new BrokerDrill.Config() {
            @Override
            public Class<? extends Annotation> annotationType() {
                return BrokerDrill.Config.class;
            }

            @Override
            public String fault() {
                return fault;
            }

            @Override
            public long hangMillis() {
                return hangMillis;
            }
        };
    }

    @Test
    void noFault_callsPass_failFailsAtOnce_hangWaitsThenTimesOut() {
        BrokerDrill drill = new BrokerDrill(config("none", 0));
        assertThatCode(() -> drill.call("getInfo")).doesNotThrowAnyException();

        drill.modified(config(" FAIL ", 0));
        assertThatThrownBy(() -> drill.call("placeOrder")).isInstanceOf(BrokerDrill.BrokerUnavailableException.class)
                .hasMessageContaining("refused the connection for placeOrder").hasMessageContaining("fault=fail");

        drill.modified(config("hang", 300));
        long start = System.nanoTime();
        assertThatThrownBy(() -> drill.call("getCash")).hasMessageContaining("did not answer getCash within 300 ms");
        assertThat((System.nanoTime() - start) / 1_000_000).isGreaterThanOrEqualTo(290);

        drill.modified(config("", 300));
        assertThatCode(() -> drill.call("getInfo")).doesNotThrowAnyException();
    }

    @Test
    void aMistypedFault_keepsTheDrillAsItWas() {
        BrokerDrill drill = new BrokerDrill(config("fail", 0));
        drill.modified(config("fial", 0));
        assertThatThrownBy(() -> drill.call("getInfo")).isInstanceOf(BrokerDrill.BrokerUnavailableException.class);
        assertThatThrownBy(() -> BrokerDrill.parse("sometimes")).hasMessage("fault: none, fail or hang, was 'sometimes'");
    }
}
