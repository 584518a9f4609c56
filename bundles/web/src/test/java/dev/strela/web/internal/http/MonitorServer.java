package dev.strela.web.internal.http;

import java.net.InetSocketAddress;
import java.time.Clock;
import java.time.Duration;
import java.time.ZoneOffset;
import java.util.EnumSet;

import javax.servlet.DispatcherType;

import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.servlet.FilterHolder;
import org.eclipse.jetty.servlet.ServletContextHandler;
import org.eclipse.jetty.servlet.ServletHolder;

import dev.strela.web.internal.api.DataServices;
import dev.strela.web.internal.api.TileLevels;
import dev.strela.web.internal.auth.HostCheck;
import dev.strela.web.internal.auth.LoginThrottle;
import dev.strela.web.internal.auth.WebAuth;

/**
 * The monitor's filter and servlets in an embedded Jetty on 127.0.0.1, mapped as the whiteboard maps them in Karaf,
 * with users alice/secret (allowed) and a stand-in for the JAAS realm.
 */
final class MonitorServer implements AutoCloseable {

    private final Server server;
    final String base;

    MonitorServer(DataServices data) throws Exception {
        server = new Server(new InetSocketAddress("127.0.0.1", 0));
        ServletContextHandler context = new ServletContextHandler(ServletContextHandler.SESSIONS);
        context.setContextPath("/strela");
        WebAuth auth = new WebAuth(new HostCheck("localhost, 127.0.0.1"),
                (user, password) -> "alice".equals(user) && "secret".equals(new String(password)),
                new LoginThrottle(5, Duration.ofMinutes(1), Clock.systemUTC()));
        context.addFilter(new FilterHolder(new SecurityFilter(auth)), "/*", EnumSet.of(DispatcherType.REQUEST));
        context.addServlet(new ServletHolder(new SessionServlet(auth)), "/login");
        context.addServlet(new ServletHolder(new SessionServlet(auth)), "/logout");
        context.addServlet(new ServletHolder(new ApiServlet(data,
                TileLevels.parse("data_feed=120, execution=60, broker=30"), Clock.fixed(Fakes.NOW, ZoneOffset.UTC))), "/api/*");
        context.addServlet(new ServletHolder(new StaticServlet()), "/");
        server.setHandler(context);
        server.start();
        base = "http://127.0.0.1:" + ((ServerConnector) server.getConnectors()[0]).getLocalPort() + "/strela";
    }

    @Override
    public void close() throws Exception {
        server.stop();
    }
}
