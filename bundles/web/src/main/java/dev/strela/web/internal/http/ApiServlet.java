package dev.strela.web.internal.http;

import java.io.IOException;
import java.time.Clock;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;

import javax.servlet.Servlet;
import javax.servlet.http.HttpServlet;
import javax.servlet.http.HttpServletRequest;
import javax.servlet.http.HttpServletResponse;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import com.fasterxml.jackson.databind.JsonNode;

import dev.strela.web.internal.WebConfig;
import dev.strela.web.internal.WebPaths;
import dev.strela.web.internal.api.ActivityEndpoints;
import dev.strela.web.internal.api.ApiException;
import dev.strela.web.internal.api.ControlEndpoint;
import dev.strela.web.internal.api.DataServices;
import dev.strela.web.internal.api.Endpoint;
import dev.strela.web.internal.api.EquityEndpoint;
import dev.strela.web.internal.api.ErrorsEndpoint;
import dev.strela.web.internal.api.HealthEndpoint;
import dev.strela.web.internal.api.Params;
import dev.strela.web.internal.api.PositionsEndpoint;
import dev.strela.web.internal.api.RunsEndpoint;
import dev.strela.web.internal.api.StatusEndpoint;
import dev.strela.web.internal.api.TileLevels;
import dev.strela.web.internal.auth.WebUser;

/**
 * The JSON API under {@code /strela/api/}: routes each GET and POST to its {@link Endpoint} and writes the answer.
 * Bad input is a 400 with the endpoint's message, a missing database a 503, anything unexpected a 500 (logged) whose
 * body says only that; never a stack trace.
 */
@Component(service = Servlet.class, configurationPid = WebConfig.PID, property = {
        "osgi.http.whiteboard.servlet.name=strela-api",
        "osgi.http.whiteboard.servlet.pattern=/api/*",
        WebPaths.SELECT_CONTEXT})
public final class ApiServlet extends HttpServlet {

    private static final long serialVersionUID = 1L;
    private static final Logger LOG = LoggerFactory.getLogger(ApiServlet.class);
    private static final String DEFAULT_TILE_LIMITS = "data_feed=120, strategy_runner=60, execution=60, broker=30";

    private final transient Map<String, Endpoint> gets = new LinkedHashMap<>();
    private final transient Map<String, Endpoint> posts = new LinkedHashMap<>();
    private final transient Clock clock;

    @Activate
    public ApiServlet(@Reference DataServices data, WebConfig config) {
        this(data, tileLevels(config.tileLimits()), Clock.systemUTC());
    }

    public ApiServlet(DataServices data, TileLevels levels, Clock clock) {
        this.clock = clock;
        ControlEndpoint control = new ControlEndpoint(data);
        ActivityEndpoints activity = new ActivityEndpoints(data);
        gets.put("/status", new StatusEndpoint(data));
        gets.put("/health", new HealthEndpoint(data, levels));
        gets.put("/trading-control", control.read());
        gets.put("/errors", new ErrorsEndpoint(data));
        gets.put("/positions", new PositionsEndpoint(data));
        gets.put("/orders", activity.orders());
        gets.put("/trades", activity.trades());
        gets.put("/signals", activity.signals());
        gets.put("/runs", new RunsEndpoint(data));
        gets.put("/equity", new EquityEndpoint(data));
        for (ControlEndpoint.Action action : ControlEndpoint.Action.values()) {
            posts.put("/trading-control/" + action.path(), control.change(action));
        }
    }

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
        if ("/session".equals(request.getPathInfo())) {
            WebUser user = (WebUser) request.getAttribute(SecurityFilter.USER);
            Map<String, Object> body = new HashMap<>();
            body.put("user", user.name());
            body.put("via", user.via());
            body.put("csrfToken", WebSessions.token(request));
            Json.write(response, 200, body);
            return;
        }
        serve(gets, request, response);
    }

    @Override
    protected void doPost(HttpServletRequest request, HttpServletResponse response) throws IOException {
        serve(posts, request, response);
    }

    private void serve(Map<String, Endpoint> routes, HttpServletRequest request, HttpServletResponse response)
            throws IOException {
        String path = request.getPathInfo() == null ? "/" : request.getPathInfo();
        Endpoint endpoint = routes.get(path);
        try {
            if (endpoint == null) {
                boolean other = (routes == gets ? posts : gets).containsKey(path) || "/session".equals(path);
                throw other ? new ApiException(405, "method_not_allowed", request.getMethod() + " is not allowed on " + path)
                        : new ApiException(404, "not_found", "no API resource " + path);
            }
            WebUser user = (WebUser) request.getAttribute(SecurityFilter.USER);
            Json.write(response, 200, endpoint.handle(new Params(parameters(request), clock.instant()), user));
        } catch (ApiException e) {
            Json.error(response, e.status(), e.code(), e.getMessage());
        } catch (IllegalArgumentException e) {
            Json.error(response, 400, "bad_request", e.getMessage());
        } catch (RuntimeException e) {
            LOG.error("Web monitor: {} {} failed", request.getMethod(), path, e);
            Json.error(response, 500, "internal_error", "the request failed on the server; the Karaf log has the details");
        }
    }

    /** Query and form parameters; a JSON object body's fields count as parameters too. */
    private static Map<String, String[]> parameters(HttpServletRequest request) throws IOException {
        Map<String, String[]> params = new HashMap<>(request.getParameterMap());
        String type = request.getContentType();
        if ("POST".equals(request.getMethod()) && type != null && type.startsWith("application/json")) {
            JsonNode body;
            try {
                body = Json.MAPPER.readTree(request.getInputStream());
            } catch (IOException e) {
                throw ApiException.badRequest("the body is not JSON; send a JSON object such as {\"reason\": \"...\"}");
            }
            if (body != null && !body.isObject()) {
                throw ApiException.badRequest("the body must be a JSON object such as {\"reason\": \"...\"}");
            }
            if (body != null) {
                body.fields().forEachRemaining(f -> params.put(f.getKey(), new String[] {f.getValue().asText()}));
            }
        }
        return params;
    }

    private static TileLevels tileLevels(String text) {
        try {
            return TileLevels.parse(text);
        } catch (IllegalArgumentException e) {
            LOG.warn("Web monitor: {} in etc/{}.cfg; using {}", e.getMessage(), WebConfig.PID, DEFAULT_TILE_LIMITS);
            return TileLevels.parse(DEFAULT_TILE_LIMITS);
        }
    }
}
