package dev.strela.web.internal.auth;

import java.util.Locale;

/**
 * What the security filter knows about a request, taken from it before anything runs.
 *
 * @param path          the path inside the monitor's context ({@code /api/status})
 * @param sessionUser   the user of the request's HTTP session, null when it has none
 * @param sessionToken  the CSRF token of that session
 * @param csrfHeader    the {@value CsrfTokens#HEADER} header
 * @param authorization the {@code Authorization} header
 * @param remoteAddress the client's address as the connection shows it ({@code getRemoteAddr()}), by which failed
 *                      sign-ins are counted ({@link LoginThrottle})
 */
public record AccessRequest(String method, String path, String host, String origin, String referer, String csrfHeader,
                            String sessionUser, String sessionToken, String authorization, String remoteAddress) {

    /** GET, HEAD and OPTIONS change nothing; every other method must prove it comes from the monitor's page. */
    public boolean changesState() {
        String m = method.toUpperCase(Locale.ROOT);
        return !(m.equals("GET") || m.equals("HEAD") || m.equals("OPTIONS"));
    }
}
