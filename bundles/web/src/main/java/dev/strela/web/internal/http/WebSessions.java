package dev.strela.web.internal.http;

import javax.servlet.http.HttpServletRequest;
import javax.servlet.http.HttpSession;

import dev.strela.web.internal.auth.CsrfTokens;

/** What the monitor keeps in an HTTP session: the signed-in user and the session's CSRF token. */
final class WebSessions {

    static final String USER = "strela.user";
    static final String CSRF = "strela.csrf";

    private WebSessions() {
    }

    /**
     * Starts a new session for {@code user} with a new CSRF token. A session the request already had is dropped first,
     * so an id planted before the sign-in never becomes a signed-in one (session fixation).
     */
    static HttpSession start(HttpServletRequest request, String user) {
        HttpSession old = request.getSession(false);
        if (old != null) {
            old.invalidate();
        }
        HttpSession session = request.getSession(true);
        session.setAttribute(USER, user);
        session.setAttribute(CSRF, CsrfTokens.newToken());
        return session;
    }

    static String user(HttpServletRequest request) {
        HttpSession session = request.getSession(false);
        return session == null ? null : (String) session.getAttribute(USER);
    }

    static String token(HttpServletRequest request) {
        HttpSession session = request.getSession(false);
        return session == null ? null : (String) session.getAttribute(CSRF);
    }

    static void end(HttpServletRequest request) {
        HttpSession session = request.getSession(false);
        if (session != null) {
            session.invalidate();
        }
    }
}
