package dev.strela.console.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.security.SecureRandom;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConsoleCredentialsTest {

    private static final String KARAF_DEFAULT = """
            # All the users are commented out by default
            #karaf = karaf,_g_:admingroup
            #_g_\\:admingroup = group,admin,manager,viewer,systembundles,ssh
            """;

    @Test
    void ensureUser_whenAllUsersCommentedOut_thenCreatesStrelaUserWithPrivatePasswordFile(@TempDir Path etc) throws Exception {
        Files.writeString(etc.resolve("users.properties"), KARAF_DEFAULT);

        assertThat(ConsoleCredentials.ensureUser(etc, new SecureRandom())).isTrue();

        String password = Files.readString(etc.resolve(ConsoleCredentials.PASSWORD_FILE)).trim();
        assertThat(password).hasSize(20).doesNotContain("karaf");
        assertThat(Files.readString(etc.resolve("users.properties")))
                .contains("strela = " + password + ",admin")
                .doesNotContain("\nkaraf = karaf");
        assertThat(Files.getPosixFilePermissions(etc.resolve(ConsoleCredentials.PASSWORD_FILE)))
                .containsExactlyInAnyOrder(PosixFilePermission.OWNER_READ, PosixFilePermission.OWNER_WRITE);
    }

    @Test
    void ensureUser_whenAUserExists_thenLeavesFileAlone(@TempDir Path etc) throws Exception {
        Files.writeString(etc.resolve("users.properties"), KARAF_DEFAULT + "alice = secret,admin\n");

        assertThat(ConsoleCredentials.ensureUser(etc, new SecureRandom())).isFalse();

        assertThat(etc.resolve(ConsoleCredentials.PASSWORD_FILE)).doesNotExist();
        assertThat(Files.readString(etc.resolve("users.properties"))).doesNotContain("strela");
    }

    @Test
    void ensureUser_whenRunTwice_thenSecondRunKeepsFirstPassword(@TempDir Path etc) throws Exception {
        Files.writeString(etc.resolve("users.properties"), KARAF_DEFAULT);
        ConsoleCredentials.ensureUser(etc, new SecureRandom());
        String first = Files.readString(etc.resolve(ConsoleCredentials.PASSWORD_FILE));

        assertThat(ConsoleCredentials.ensureUser(etc, new SecureRandom())).isFalse();

        assertThat(Files.readString(etc.resolve(ConsoleCredentials.PASSWORD_FILE))).isEqualTo(first);
    }

    @Test
    void definesUser_whenGroupOrComment_thenFalse() {
        assertThat(ConsoleCredentials.definesUser("#karaf = karaf")).isFalse();
        assertThat(ConsoleCredentials.definesUser("_g_\\:admingroup = group,admin")).isFalse();
        assertThat(ConsoleCredentials.definesUser("   ")).isFalse();
        assertThat(ConsoleCredentials.definesUser("bob = pw,viewer")).isTrue();
    }
}
