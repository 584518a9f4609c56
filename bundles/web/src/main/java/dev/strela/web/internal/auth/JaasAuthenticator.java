package dev.strela.web.internal.auth;

import java.security.Principal;
import java.util.Arrays;

import javax.security.auth.Subject;
import javax.security.auth.callback.Callback;
import javax.security.auth.callback.NameCallback;
import javax.security.auth.callback.PasswordCallback;
import javax.security.auth.callback.UnsupportedCallbackException;
import javax.security.auth.login.Configuration;
import javax.security.auth.login.LoginContext;
import javax.security.auth.login.LoginException;

import org.apache.karaf.jaas.boot.principal.RolePrincipal;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Signs in against a JAAS realm, in Karaf the {@code karaf} realm of the console ({@code etc/users.properties}), and
 * requires a role ({@link RolePrincipal}; a group's roles count, Karaf's login module adds them).
 *
 * <p>{@link LoginContext} loads the realm's login modules through the thread context class loader. On a servlet
 * thread that is Pax Web's or the JDK's loader, which may not see Karaf's JAAS boot classes; so the loader of those
 * classes (the framework's) is set while the context is created, as Karaf's own SSH server does.
 */
public final class JaasAuthenticator implements Authenticator {

    private static final Logger LOG = LoggerFactory.getLogger(JaasAuthenticator.class);

    private final String realm;
    private final String role;
    private final Configuration configuration;

    /** {@code configuration} null: the JVM's JAAS configuration (in Karaf, the realms registered as services). */
    public JaasAuthenticator(String realm, String role, Configuration configuration) {
        this.realm = realm;
        this.role = role;
        this.configuration = configuration;
    }

    @Override
    public boolean authenticate(String user, char[] password) {
        if (user == null || user.isBlank() || password == null) {
            return false;
        }
        Subject subject = new Subject();
        try {
            loginContext(subject, user, password).login();
        } catch (LoginException e) {
            LOG.info("Web monitor: sign-in of '{}' refused ({})", user, e.getClass().getSimpleName());
            return false;
        }
        if (!hasRole(subject)) {
            LOG.info("Web monitor: '{}' signed in but lacks the role '{}'", user, role);
            return false;
        }
        return true;
    }

    private LoginContext loginContext(Subject subject, String user, char[] password) throws LoginException {
        char[] copy = Arrays.copyOf(password, password.length);
        Thread thread = Thread.currentThread();
        ClassLoader before = thread.getContextClassLoader();
        thread.setContextClassLoader(RolePrincipal.class.getClassLoader());
        try {
            return new LoginContext(realm, subject, callbacks -> {
                for (Callback callback : callbacks) {
                    if (callback instanceof NameCallback name) {
                        name.setName(user);
                    } else if (callback instanceof PasswordCallback pass) {
                        pass.setPassword(copy);
                    } else {
                        throw new UnsupportedCallbackException(callback);
                    }
                }
            }, configuration);
        } finally {
            thread.setContextClassLoader(before);
        }
    }

    private boolean hasRole(Subject subject) {
        for (Principal p : subject.getPrincipals()) {
            if (p instanceof RolePrincipal && role.equals(p.getName())) {
                return true;
            }
        }
        return false;
    }
}
