package dev.strela.web.internal.auth;

import java.util.Optional;

import dev.strela.web.internal.auth.AccessDecision.Allow;
import dev.strela.web.internal.auth.AccessDecision.Deny;

/**
 * Who may do what on the monitor, in this order:
 * <ol>
 *   <li>a request for a host name that is not allowed is refused (403 {@code host_not_allowed});</li>
 *   <li>the login page, its assets and the login form's POST are public;</li>
 *   <li>everything else needs a user: the HTTP session's (after the login form), else HTTP Basic credentials checked
 *       against JAAS on each request, through the {@link LoginThrottle} (asked once); none is 401
 *       {@code unauthenticated}, wrong ones 401 {@code login_failed}, too many wrong ones from the client's address 401
 *       {@code login_locked};</li>
 *   <li>a state-changing request (POST, ...) must be same-origin ({@link OriginCheck}), and in a session must carry the
 *       session's CSRF token: else 403 {@code cross_site_request} or {@code csrf_token_invalid}. With HTTP Basic
 *       (scripts, no session) there is no token; a browser sending cached Basic credentials from another site still
 *       names that site in {@code Origin} and is refused.</li>
 * </ol>
 */
public final class AccessPolicy {

    private final HostCheck hosts;
    private final Authenticator authenticator;
    private final LoginThrottle throttle;

    public AccessPolicy(HostCheck hosts, Authenticator authenticator, LoginThrottle throttle) {
        this.hosts = hosts;
        this.authenticator = authenticator;
        this.throttle = throttle;
    }

    public AccessDecision decide(AccessRequest r) {
        if (!hosts.allows(r.host())) {
            return new Deny(403, "host_not_allowed", "host '" + r.host() + "' is not one this monitor answers to"
                    + " (allowedHosts in etc/dev.strela.web.cfg)");
        }
        if (isPublic(r)) {
            Optional<String> crossSite = r.changesState() ? OriginCheck.problem(r.host(), r.origin(), r.referer(), false)
                    : Optional.empty();
            return crossSite.<AccessDecision>map(p -> new Deny(403, "cross_site_request", p)).orElse(new Allow(null));
        }
        if (r.sessionUser() != null) {
            return checkChange(r, new WebUser(r.sessionUser(), WebUser.SESSION));
        }
        Optional<BasicCredentials> basic = BasicCredentials.parse(r.authorization());
        if (basic.isEmpty()) {
            return new Deny(401, "unauthenticated", "sign in first (POST /strela/login, or HTTP Basic)");
        }
        LoginThrottle.Outcome outcome = throttle.attempt(r.remoteAddress(), basic.get().user(), basic.get().password(),
                authenticator);
        if (outcome.lock() != null) {
            return new Deny(401, "login_locked", outcome.lock().message());
        }
        if (!outcome.signedIn()) {
            return new Deny(401, "login_failed", "wrong user or password, or the user lacks the required role");
        }
        return checkChange(r, new WebUser(basic.get().user(), WebUser.BASIC));
    }

    private static AccessDecision checkChange(AccessRequest r, WebUser user) {
        if (!r.changesState()) {
            return new Allow(user);
        }
        boolean session = WebUser.SESSION.equals(user.via());
        Optional<String> crossSite = OriginCheck.problem(r.host(), r.origin(), r.referer(), session);
        if (crossSite.isPresent()) {
            return new Deny(403, "cross_site_request", crossSite.get());
        }
        if (session && !CsrfTokens.matches(r.sessionToken(), r.csrfHeader())) {
            return new Deny(403, "csrf_token_invalid", "the " + CsrfTokens.HEADER + " header must carry this session's"
                    + " token (GET /strela/api/session gives it)");
        }
        return new Allow(user);
    }

    /**
     * The login page, its assets, and the login form's POST. The path is the raw one, before the container decodes it:
     * an asset path is public only in plain characters, so no encoded or parameterised segment ({@code %2e%2e},
     * {@code ;}) can lead a public-looking path somewhere else.
     */
    static boolean isPublic(AccessRequest r) {
        String p = r.path() == null ? "" : r.path();
        if (r.method().equalsIgnoreCase("POST")) {
            return p.equals("/login");
        }
        boolean read = r.method().equalsIgnoreCase("GET") || r.method().equalsIgnoreCase("HEAD");
        return read && (p.equals("/login.html") || (p.startsWith("/assets/") && !p.contains("..") && plain(p)));
    }

    private static boolean plain(String path) {
        return path.chars().allMatch(c -> (c < 128 && Character.isLetterOrDigit(c)) || "/-_.".indexOf(c) >= 0);
    }
}
