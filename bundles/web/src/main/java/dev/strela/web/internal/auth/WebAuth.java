package dev.strela.web.internal.auth;

import java.time.Clock;
import java.time.Duration;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;

import dev.strela.web.internal.WebConfig;

/** The monitor's sign-in and access rules from {@code etc/dev.strela.web.cfg}, shared by the filter and the login form. */
@Component(service = WebAuth.class, configurationPid = WebConfig.PID)
public final class WebAuth {

    private final Authenticator authenticator;
    private final LoginThrottle throttle;
    private final AccessPolicy policy;

    @Activate
    public WebAuth(WebConfig config) {
        this(new HostCheck(config.allowedHosts()), new JaasAuthenticator(config.realm(), config.role(), null),
                new LoginThrottle(config.maxFailedLogins(), Duration.ofSeconds(config.lockSeconds()), Clock.systemUTC()));
    }

    public WebAuth(HostCheck hosts, Authenticator authenticator, LoginThrottle throttle) {
        this.authenticator = authenticator;
        this.throttle = throttle;
        this.policy = new AccessPolicy(hosts, authenticator, throttle);
    }

    public AccessPolicy policy() {
        return policy;
    }

    /** Checks a sign-in from the client at {@code remoteAddress} through the throttle. */
    public LoginThrottle.Outcome signIn(String remoteAddress, String user, char[] password) {
        return throttle.attempt(remoteAddress, user, password, authenticator);
    }
}
