package dev.strela.web.internal.http;

import java.io.IOException;
import java.util.Locale;
import java.util.Map;

import javax.servlet.Servlet;
import javax.servlet.http.HttpServlet;
import javax.servlet.http.HttpServletRequest;
import javax.servlet.http.HttpServletResponse;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

import dev.strela.web.internal.WebPaths;
import dev.strela.web.internal.auth.LoginThrottle;
import dev.strela.web.internal.auth.WebAuth;

/**
 * {@code POST /strela/login} (form fields {@code username}, {@code password}) starts an HTTP session;
 * {@code POST /strela/logout} ends it. A form gets a redirect (to the monitor, or back to the login page saying it
 * failed, or that sign-in is locked: {@code ?locked=<scope>&wait=<seconds>}); a client asking for JSON gets
 * {@code {"user", "csrfToken"}} or a 401 ({@code login_failed}, or {@code login_locked} saying what and for how long).
 */
@Component(service = Servlet.class, property = {
        "osgi.http.whiteboard.servlet.name=strela-session",
        "osgi.http.whiteboard.servlet.pattern=/login",
        "osgi.http.whiteboard.servlet.pattern=/logout",
        WebPaths.SELECT_CONTEXT})
public final class SessionServlet extends HttpServlet {

    private static final long serialVersionUID = 1L;
    private final transient WebAuth auth;

    @Activate
    public SessionServlet(@Reference WebAuth auth) {
        this.auth = auth;
    }

    @Override
    protected void doPost(HttpServletRequest request, HttpServletResponse response) throws IOException {
        if ("/logout".equals(request.getServletPath())) {
            WebSessions.end(request);
            answer(request, response, 200, Map.of("signedOut", true), WebPaths.LOGIN_PAGE);
            return;
        }
        String user = request.getParameter("username");
        String password = request.getParameter("password");
        LoginThrottle.Outcome outcome = user == null || password == null ? new LoginThrottle.Outcome(false, null)
                : auth.signIn(request.getRemoteAddr(), user.trim(), password.toCharArray());
        LoginThrottle.Lock lock = outcome.lock();
        if (lock != null) {
            String scope = lock.scope().name().toLowerCase(Locale.ROOT);
            answer(request, response, 401, Map.of("error", "login_locked", "message", lock.message()),
                    WebPaths.LOGIN_PAGE + "?locked=" + scope + "&wait=" + lock.seconds());
            return;
        }
        if (!outcome.signedIn()) {
            answer(request, response, 401, Map.of("error", "login_failed", "message",
                    "wrong user or password, or the user lacks the required role"), WebPaths.LOGIN_PAGE + "?failed=1");
            return;
        }
        WebSessions.start(request, user.trim());
        answer(request, response, 200, Map.of("user", user.trim(), "csrfToken", WebSessions.token(request)),
                WebPaths.CONTEXT_PATH + "/");
    }

    private static void answer(HttpServletRequest request, HttpServletResponse response, int status, Object json,
                               String redirect) throws IOException {
        String accept = request.getHeader("Accept");
        if (accept != null && accept.contains("application/json")) {
            Json.write(response, status, json);
        } else {
            response.setStatus(303);
            response.setHeader("Location", redirect);
        }
    }
}
