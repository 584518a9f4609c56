package dev.strela.web.internal;

/** Where the monitor lives in Karaf's HTTP service, and the whiteboard properties that put each piece there. */
public final class WebPaths {

    /** The servlet context's path: everything of the monitor is under it. */
    public static final String CONTEXT_PATH = "/strela";
    public static final String CONTEXT_NAME = "strela";
    /** Whiteboard property value that binds a servlet or filter to the monitor's context. */
    public static final String SELECT_CONTEXT = "osgi.http.whiteboard.context.select=(osgi.http.whiteboard.context.name="
            + CONTEXT_NAME + ")";
    public static final String LOGIN_PAGE = CONTEXT_PATH + "/login.html";

    private WebPaths() {
    }
}
