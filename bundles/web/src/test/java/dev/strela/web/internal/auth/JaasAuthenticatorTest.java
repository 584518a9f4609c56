package dev.strela.web.internal.auth;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;

import javax.security.auth.Subject;
import javax.security.auth.callback.Callback;
import javax.security.auth.callback.CallbackHandler;
import javax.security.auth.callback.NameCallback;
import javax.security.auth.callback.PasswordCallback;
import javax.security.auth.login.AppConfigurationEntry;
import javax.security.auth.login.Configuration;
import javax.security.auth.login.FailedLoginException;
import javax.security.auth.login.LoginException;
import javax.security.auth.spi.LoginModule;

import org.apache.karaf.jaas.boot.principal.RolePrincipal;
import org.apache.karaf.jaas.boot.principal.UserPrincipal;
import org.junit.jupiter.api.Test;

/** Against a JAAS realm of the test's own: the callbacks, the role check and a refused password, as in Karaf. */
class JaasAuthenticatorTest {

    /** Users alice/secret (role admin) and bob/secret (role viewer), like lines of users.properties. */
    public static final class TestLoginModule implements LoginModule {
        private static final Map<String, String> ROLES = Map.of("alice", "admin", "bob", "viewer");
        private Subject subject;
        private CallbackHandler handler;
        private String user;

        @Override
        public void initialize(Subject s, CallbackHandler h, Map<String, ?> sharedState, Map<String, ?> options) {
            subject = s;
            handler = h;
        }

        @Override
        public boolean login() throws LoginException {
            NameCallback name = new NameCallback("user");
            PasswordCallback password = new PasswordCallback("password", false);
            try {
                handler.handle(new Callback[] {name, password});
            } catch (Exception e) {
                throw new LoginException(e.toString());
            }
            if (!ROLES.containsKey(name.getName()) || !"secret".equals(new String(password.getPassword()))) {
                throw new FailedLoginException("wrong password");
            }
            user = name.getName();
            return true;
        }

        @Override
        public boolean commit() {
            subject.getPrincipals().add(new UserPrincipal(user));
            subject.getPrincipals().add(new RolePrincipal(ROLES.get(user)));
            return true;
        }

        @Override
        public boolean abort() {
            return true;
        }

        @Override
        public boolean logout() {
            return true;
        }
    }

    private static final Configuration REALM = new Configuration() {
        @Override
        public AppConfigurationEntry[] getAppConfigurationEntry(String name) {
            return "karaf".equals(name) ? new AppConfigurationEntry[] {new AppConfigurationEntry(
                    TestLoginModule.class.getName(), AppConfigurationEntry.LoginModuleControlFlag.REQUIRED, Map.of())} : null;
        }
    };

    private final JaasAuthenticator authenticator = new JaasAuthenticator("karaf", "admin", REALM);

    @Test
    void authenticate_whenRightPasswordAndRole_thenTrue_otherwiseFalseWithoutThrowing() {
        assertThat(authenticator.authenticate("alice", "secret".toCharArray())).isTrue();
        assertThat(authenticator.authenticate("alice", "wrong".toCharArray())).isFalse();
        assertThat(authenticator.authenticate("bob", "secret".toCharArray())).as("no admin role").isFalse();
        assertThat(authenticator.authenticate("nobody", "secret".toCharArray())).isFalse();
        assertThat(authenticator.authenticate(" ", "secret".toCharArray())).isFalse();
        assertThat(new JaasAuthenticator("no-such-realm", "admin", REALM).authenticate("alice", "secret".toCharArray()))
                .isFalse();
    }

    @Test
    void authenticate_thenTheCallersContextClassLoaderIsRestored() {
        ClassLoader mine = new ClassLoader(null) {
        };
        Thread.currentThread().setContextClassLoader(mine);
        try {
            authenticator.authenticate("alice", "secret".toCharArray());
            assertThat(Thread.currentThread().getContextClassLoader()).isSameAs(mine);
        } finally {
            Thread.currentThread().setContextClassLoader(JaasAuthenticatorTest.class.getClassLoader());
        }
    }
}
