package dev.strela.brokertinkoff.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TokenTest {

    private static final String SECRET = "t.test-token-not-real-4f9a";

    @TempDir
    Path dir;

    @Test
    void load_whenEnvironmentVariableSet_thenItWinsAndIsNeverPrinted() throws Exception {
        Token token = Token.load("STRELA_TINKOFF_TOKEN", Map.of("STRELA_TINKOFF_TOKEN", SECRET), dir.resolve("none"));

        assertThat(token.value()).isEqualTo(SECRET);
        assertThat(token.toString()).doesNotContain(SECRET);
        assertThat(token.origin()).isEqualTo("environment variable STRELA_TINKOFF_TOKEN").doesNotContain(SECRET);
        assertThat(token.redact("Bearer " + SECRET + " refused")).isEqualTo("Bearer t.**** refused");
    }

    @Test
    void load_whenOwnerOnlyFile_thenReadTrimmed() throws Exception {
        Path file = Files.writeString(dir.resolve("token"), SECRET + "\n");
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));

        assertThat(Token.load("STRELA_TINKOFF_TOKEN", Map.of(), file).value()).isEqualTo(SECRET);
    }

    @Test
    void load_whenFileReadableByOthers_thenRefusedSayingChmod() throws Exception {
        Path file = Files.writeString(dir.resolve("token"), SECRET);
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-r--r--"));

        assertThatThrownBy(() -> Token.load("STRELA_TINKOFF_TOKEN", Map.of(), file))
                .hasMessageContaining("chmod 600").hasMessageNotContaining(SECRET);
    }

    @Test
    void load_whenNothingConfigured_thenSaysWhereToPutIt() {
        assertThatThrownBy(() -> Token.load("STRELA_TINKOFF_TOKEN", Map.of(), dir.resolve("absent")))
                .hasMessageContaining("STRELA_TINKOFF_TOKEN").hasMessageContaining("absent");
    }
}
