package dev.strela.web.internal.http;

import java.io.IOException;
import java.nio.charset.StandardCharsets;

import javax.servlet.Filter;
import javax.servlet.FilterChain;
import javax.servlet.ServletException;
import javax.servlet.ServletRequest;
import javax.servlet.ServletResponse;
import javax.servlet.http.HttpServletRequest;
import javax.servlet.http.HttpServletResponse;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

import dev.strela.web.internal.WebPaths;
import dev.strela.web.internal.auth.AccessDecision;
import dev.strela.web.internal.auth.AccessDecision.Allow;
import dev.strela.web.internal.auth.AccessDecision.Deny;
import dev.strela.web.internal.auth.AccessRequest;
import dev.strela.web.internal.auth.CsrfTokens;
import dev.strela.web.internal.auth.WebAuth;
import dev.strela.web.internal.auth.WebUser;

/**
 * In front of everything under {@value WebPaths#CONTEXT_PATH}: security headers on every answer, then the
 * {@link dev.strela.web.internal.auth.AccessPolicy}'s decision. A refused request never reaches a servlet; an allowed
 * one carries its user in the request attribute {@value #USER}.
 */
@Component(service = Filter.class, property = {
        "osgi.http.whiteboard.filter.name=strela-security",
        "osgi.http.whiteboard.filter.pattern=/*",
        WebPaths.SELECT_CONTEXT})
public final class SecurityFilter implements Filter {

    /** Request attribute holding the {@link WebUser} of an allowed request (absent on public paths). */
    public static final String USER = "strela.webUser";
    static final String CSP = "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:;"
            + " connect-src 'self'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'; object-src 'none'";

    private final WebAuth auth;

    @Activate
    public SecurityFilter(@Reference WebAuth auth) {
        this.auth = auth;
    }

    @Override
    public void doFilter(ServletRequest req, ServletResponse res, FilterChain chain) throws IOException, ServletException {
        HttpServletRequest request = (HttpServletRequest) req;
        HttpServletResponse response = (HttpServletResponse) res;
        secureHeaders(response);
        AccessDecision decision = auth.policy().decide(accessRequest(request));
        if (decision instanceof Allow allow) {
            if (allow.user() != null) {
                request.setAttribute(USER, allow.user());
            }
            chain.doFilter(request, response);
        } else {
            refuse(request, response, (Deny) decision);
        }
    }

    static AccessRequest accessRequest(HttpServletRequest request) {
        String path = request.getRequestURI().substring(request.getContextPath().length());
        return new AccessRequest(request.getMethod(), path.isEmpty() ? "/" : path, request.getHeader("Host"),
                request.getHeader("Origin"), request.getHeader("Referer"), request.getHeader(CsrfTokens.HEADER),
                WebSessions.user(request), WebSessions.token(request), request.getHeader("Authorization"),
                request.getRemoteAddr());
    }

    private static void secureHeaders(HttpServletResponse response) {
        response.setHeader("Content-Security-Policy", CSP);
        response.setHeader("X-Content-Type-Options", "nosniff");
        response.setHeader("X-Frame-Options", "DENY");
        response.setHeader("Referrer-Policy", "same-origin");
        response.setHeader("Cache-Control", "no-store");
    }

    /**
     * A 401 to a browser opening a page leads to the login page; a 401 to a script asks for HTTP Basic (but not to the
     * monitor's own page script, which says {@code X-Requested-With}: a Basic dialog would hide its login page).
     */
    private static void refuse(HttpServletRequest request, HttpServletResponse response, Deny deny) throws IOException {
        if (deny.status() == 401 && opensPage(request)) {
            response.setStatus(401);
            response.setContentType("text/html");
            response.setCharacterEncoding("UTF-8");
            String html = "<!DOCTYPE html><html><head><meta charset=\"utf-8\"><meta http-equiv=\"refresh\" content=\"0; url="
                    + WebPaths.LOGIN_PAGE + "\"><title>Sign in</title></head><body><a href=\"" + WebPaths.LOGIN_PAGE
                    + "\">Sign in to Strela</a></body></html>";
            response.getOutputStream().write(html.getBytes(StandardCharsets.UTF_8));
            return;
        }
        if (deny.status() == 401 && request.getHeader("X-Requested-With") == null) {
            response.setHeader("WWW-Authenticate", "Basic realm=\"Strela\", charset=\"UTF-8\"");
        }
        Json.error(response, deny.status(), deny.code(), deny.message());
    }

    /** A browser navigating to a page (not a script fetching data). */
    private static boolean opensPage(HttpServletRequest request) {
        String accept = request.getHeader("Accept");
        return "GET".equals(request.getMethod()) && accept != null && accept.contains("text/html")
                && !request.getRequestURI().startsWith(request.getContextPath() + "/api/");
    }
}
