package dev.strela.web.internal;

import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ServiceScope;
import org.osgi.service.http.context.ServletContextHelper;

/**
 * The monitor's own servlet context at {@value WebPaths#CONTEXT_PATH}: its servlets, filter and HTTP sessions stay
 * apart from anything else on Karaf's HTTP service. Access is decided by {@code http.SecurityFilter}, not here.
 */
@Component(service = ServletContextHelper.class, scope = ServiceScope.BUNDLE, property = {
        "osgi.http.whiteboard.context.name=" + WebPaths.CONTEXT_NAME,
        "osgi.http.whiteboard.context.path=" + WebPaths.CONTEXT_PATH})
public final class StrelaWebContext extends ServletContextHelper {
}
