package dev.strela.brokertinkoff.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.lang.reflect.Proxy;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

import org.junit.jupiter.api.Test;

class SettingsTest {

    /** The configuration as the shipped defaults, with some values replaced. */
    static TinkoffConfig config(Map<String, Object> values) {
        return (TinkoffConfig) Proxy.newProxyInstance(TinkoffConfig.class.getClassLoader(), new Class<?>[] {TinkoffConfig.class},
                (proxy, method, args) -> values.containsKey(method.getName()) ? values.get(method.getName()) : method.getDefaultValue());
    }

    @Test
    void from_whenDefaults_thenSandboxOverTlsWithTheTokenFileUnderKarafHome() {
        Settings s = Settings.from(config(Map.of()), Path.of("/opt/strela"));

        assertThat(s.sandbox()).isTrue();
        assertThat(s.target()).isEqualTo("sandbox-invest-public-api.tinkoff.ru:443");
        assertThat(s.plaintext()).isFalse();
        assertThat(s.tokenFile()).isEqualTo(Path.of("/opt/strela/etc/strela-tinkoff.token"));
        assertThat(s.requestTimeout()).isEqualTo(Duration.ofSeconds(10));
        assertThat(s.rateLimits()).containsEntry("orders", 80).containsEntry("stop_orders", 40);
        assertThat(s.stopPoll()).as("12 GetStopOrders a minute at most, within stop_orders' 40").isEqualTo(Duration.ofSeconds(5));
        assertThat(s.describe()).isEqualTo("sandbox at sandbox-invest-public-api.tinkoff.ru:443 (TLS)");
    }

    @Test
    void from_whenLiveWithoutConfirmationOrAccount_thenRefused() {
        assertThatThrownBy(() -> Settings.from(config(Map.of("mode", "live", "accountId", "2000123456")), null))
                .hasMessageContaining("liveConfirmed=true");
        assertThatThrownBy(() -> Settings.from(config(Map.of("mode", "LIVE", "liveConfirmed", true)), null))
                .hasMessageContaining("accountId");
        assertThatThrownBy(() -> Settings.from(config(Map.of("mode", "live", "liveConfirmed", true, "accountId", " ")), null))
                .hasMessageContaining("accountId");
    }

    @Test
    void from_whenLiveConfirmedOnANamedAccount_thenLiveOverTlsToTinkoffsEndpoint() {
        Settings s = Settings.from(config(Map.of("mode", "live", "liveConfirmed", true, "accountId", "2000123456")), null);

        assertThat(s.sandbox()).isFalse();
        assertThat(s.accountId()).isEqualTo("2000123456");
        assertThat(s.target()).isEqualTo("invest-public-api.tinkoff.ru:443");
        assertThat(s.describe()).isEqualTo("LIVE at invest-public-api.tinkoff.ru:443 (TLS)");
    }

    @Test
    void from_whenConfirmationWithoutLiveMode_thenStillTheSandbox() {
        assertThat(Settings.from(config(Map.of("liveConfirmed", true)), null).sandbox()).isTrue();
    }

    @Test
    void from_whenBrokenValues_thenEachNamed() {
        assertThatThrownBy(() -> Settings.from(config(Map.of("mode", "paper")), null)).hasMessageContaining("mode: sandbox or live");
        assertThatThrownBy(() -> Settings.from(config(Map.of("plaintext", true)), null)).hasMessageContaining("plaintext");
        assertThatThrownBy(() -> Settings.from(config(Map.of("reserveShare", "0.9")), null)).hasMessageContaining("reserveShare");
        assertThatThrownBy(() -> Settings.from(config(Map.of("retryMaxMillis", 10L)), null)).hasMessageContaining("retryMaxMillis");
        assertThatThrownBy(() -> Settings.from(config(Map.of("rateLimits", "orders=many")), null)).hasMessageContaining("orders=many");
        assertThatThrownBy(() -> Settings.from(config(Map.of("sandboxPayIn", "lots")), null)).hasMessageContaining("sandboxPayIn");
        assertThatThrownBy(() -> Settings.from(config(Map.of("stopPollMillis", 0L)), null)).hasMessageContaining("stopPollMillis");
    }

    @Test
    void from_whenDefaults_thenCandlesStreamedWatchedDuringTheExchangeHours() {
        CandleSettings c = Settings.from(config(Map.of()), null).candles();

        assertThat(c.enabled()).isTrue();
        assertThat(c.extraInstruments()).isEmpty();
        assertThat(c.silence()).isEqualTo(Duration.ofSeconds(30));
        assertThat(c.retryInitial()).isEqualTo(Duration.ofSeconds(1));
        assertThat(c.retryMax()).isEqualTo(Duration.ofMinutes(1));
        assertThat(c.hours()).hasToString("Mon-Fri 09:50-23:50 MSK");
        assertThat(c.refresh()).isEqualTo(Duration.ofMinutes(1));
    }

    @Test
    void from_whenCandleValuesGiven_thenTakenAndBrokenOnesNamed() {
        CandleSettings c = Settings.from(config(Map.of("candles", false, "candleInstruments", " BBG004730N88, ,uid-2,uid-2",
                "candleWatchHours", "always")), null).candles();
        assertThat(c.enabled()).isFalse();
        assertThat(c.extraInstruments()).containsExactly("BBG004730N88", "uid-2");
        assertThat(c.hours().always()).isTrue();

        assertThatThrownBy(() -> Settings.from(config(Map.of("streamSilenceSeconds", 1)), null))
                .hasMessageContaining("streamSilenceSeconds");
        assertThatThrownBy(() -> Settings.from(config(Map.of("streamRetryInitialMillis", 0L)), null))
                .hasMessageContaining("streamRetryInitialMillis");
        assertThatThrownBy(() -> Settings.from(config(Map.of("streamRetryMaxMillis", 10L)), null))
                .hasMessageContaining("streamRetryMaxMillis");
        assertThatThrownBy(() -> Settings.from(config(Map.of("candleWatchHours", "nights")), null))
                .hasMessageContaining("candleWatchHours");
    }

    @Test
    void from_whenPlaintextToLoopback_thenAllowed() {
        Settings s = Settings.from(config(Map.of("plaintext", true, "target", "127.0.0.1:40123")), null);
        assertThat(s.describe()).isEqualTo("sandbox at 127.0.0.1:40123 (plaintext, loopback)");
    }
}
