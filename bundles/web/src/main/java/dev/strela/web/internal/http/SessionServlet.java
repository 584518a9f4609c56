package dev.strela.web.internal.http;

import java.io.IOException;
import java.util.Map;

import javax.servlet.Servlet;
import javax.servlet.http.HttpServlet;
import javax.servlet.http.HttpServletRequest;
import javax.servlet.http.HttpServletResponse;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

import dev.strela.web.internal.WebPaths;
import dev.strela.web.internal.auth.WebAuth;

/**
 * {@code POST /strela/login} (form fields {@code username}, {@code password}) starts an HTTP session;
 * {@code POST /strela/logout} ends it. A form gets a redirect (to the monitor, or back to the login page saying it
 * failed); a client asking for JSON gets {@code {"user", "csrfToken"}} or a 401.
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
        if (user == null || password == null || !auth.signIn(user.trim(), password.toCharArray())) {
            answer(request, response, 401, Map.of("error", "login_failed",
                    "message", "wrong user or password, or the user lacks the required role (or too many failures: wait)"),
                    WebPaths.LOGIN_PAGE + "?failed=1");
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
