package dev.strela.web.internal.http;

import java.io.IOException;
import java.io.InputStream;
import java.util.Map;

import javax.servlet.Servlet;
import javax.servlet.http.HttpServlet;
import javax.servlet.http.HttpServletRequest;
import javax.servlet.http.HttpServletResponse;

import org.osgi.service.component.annotations.Component;

import dev.strela.web.internal.WebPaths;

/**
 * The page and its files, shipped in the bundle under {@code /web}: {@code /strela/} is {@code index.html}; only
 * known file types are served, nothing is listed. The security filter has already decided who may see what.
 */
@Component(service = Servlet.class, property = {
        "osgi.http.whiteboard.servlet.name=strela-static",
        "osgi.http.whiteboard.servlet.pattern=/",
        WebPaths.SELECT_CONTEXT})
public final class StaticServlet extends HttpServlet {

    private static final long serialVersionUID = 1L;
    private static final Map<String, String> TYPES = Map.of(
            "html", "text/html;charset=utf-8",
            "js", "text/javascript;charset=utf-8",
            "css", "text/css;charset=utf-8",
            "svg", "image/svg+xml",
            "md", "text/plain;charset=utf-8");

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
        String path = request.getRequestURI().substring(request.getContextPath().length());
        if (path.isEmpty()) {
            response.setStatus(301);
            response.setHeader("Location", WebPaths.CONTEXT_PATH + "/");
            return;
        }
        if (path.equals("/")) {
            path = "/index.html";
        }
        String type = type(path);
        InputStream in = type == null || path.contains("..") ? null : StaticServlet.class.getResourceAsStream("/web" + path);
        if (in == null) {
            Json.error(response, 404, "not_found", "no such page: " + path);
            return;
        }
        try (in) {
            response.setStatus(200);
            response.setContentType(type);
            if (path.startsWith("/app/chartjs/")) {
                response.setHeader("Cache-Control", "private, max-age=86400");
            }
            in.transferTo(response.getOutputStream());
        }
    }

    static String type(String path) {
        int dot = path.lastIndexOf('.');
        return dot < 0 ? null : TYPES.get(path.substring(dot + 1));
    }
}
