package dev.strela.bus.internal;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

import org.apache.camel.CamelContext;
import org.apache.camel.Route;
import org.apache.camel.RoutesBuilder;
import org.apache.camel.impl.DefaultCamelContext;
import org.osgi.framework.BundleContext;
import org.osgi.framework.ServiceRegistration;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.annotations.ReferencePolicyOption;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Hosts the platform's single {@link CamelContext} and adds the routes of every {@link RoutesBuilder}
 * service any bundle registers; when such a service goes away its routes are stopped and removed.
 *
 * <p>DS calls the bind method only after the constructor has started the context. Route removal uses a short graceful-shutdown timeout: anything that must not be lost travels
 * through the database, the route is only the fast path.
 */
@Component(immediate = true)
public final class CamelHost {

    static final String CONTEXT_NAME = "strela";
    private static final Logger LOG = LoggerFactory.getLogger(CamelHost.class);

    private final Map<RoutesBuilder, List<String>> routeIds = new ConcurrentHashMap<>();
    private volatile DefaultCamelContext camel;
    private ServiceRegistration<CamelContext> registration;

    @Activate
    public CamelHost(BundleContext bundleContext) {
        ClassLoader busLoader = CamelHost.class.getClassLoader();
        DefaultCamelContext ctx = withLoader(busLoader, () -> {
            DefaultCamelContext c = new DefaultCamelContext();
            c.setApplicationContextClassLoader(busLoader);
            c.getCamelContextExtension().setName(CONTEXT_NAME);
            c.getShutdownStrategy().setTimeout(2);
            c.getShutdownStrategy().setTimeUnit(TimeUnit.SECONDS);
            c.getShutdownStrategy().setShutdownNowOnTimeout(true);
            c.start();
            return c;
        });
        this.camel = ctx;
        registration = bundleContext.registerService(CamelContext.class, ctx, null);
        LOG.info("CamelContext '{}' started (Camel {})", CONTEXT_NAME, ctx.getVersion());
    }

    @Deactivate
    void deactivate() {
        if (registration != null) {
            registration.unregister();
        }
        DefaultCamelContext ctx = camel;
        camel = null;
        if (ctx != null) {
            withLoader(CamelHost.class.getClassLoader(), () -> {
                ctx.stop();
                return null;
            });
        }
        routeIds.clear();
    }

    @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    void bindRoutes(RoutesBuilder builder) {
        if (camel != null) {
            addRoutes(builder);
        }
    }

    void unbindRoutes(RoutesBuilder builder) {
        List<String> ids = routeIds.remove(builder);
        DefaultCamelContext ctx = camel;
        if (ids == null || ctx == null) {
            return;
        }
        for (String id : ids) {
            try {
                ctx.getRouteController().stopRoute(id, 2, TimeUnit.SECONDS);
                ctx.removeRoute(id);
                LOG.info("Route '{}' removed", id);
            } catch (Exception e) {
                LOG.warn("Route '{}' could not be removed cleanly: {}", id, e.toString());
            }
        }
    }

    private synchronized void addRoutes(RoutesBuilder builder) {
        DefaultCamelContext ctx = camel;
        List<String> before = ctx.getRoutes().stream().map(Route::getRouteId).toList();
        try {
            withLoader(CamelHost.class.getClassLoader(), () -> {
                ctx.addRoutes(builder);
                return null;
            });
            List<String> added = ctx.getRoutes().stream().map(Route::getRouteId)
                    .filter(id -> !before.contains(id)).toList();
            routeIds.put(builder, added);
            LOG.info("Routes {} added from {}", added, builder.getClass().getName());
        } catch (Exception e) {
            LOG.error("Routes of {} could not be added: {}", builder.getClass().getName(), e.toString(), e);
        }
    }

    private static <T> T withLoader(ClassLoader loader, ThrowingSupplier<T> work) {
        Thread thread = Thread.currentThread();
        ClassLoader previous = thread.getContextClassLoader();
        thread.setContextClassLoader(loader);
        try {
            return work.get();
        } catch (RuntimeException e) {
            throw e;
        } catch (Exception e) {
            throw new IllegalStateException(e);
        } finally {
            thread.setContextClassLoader(previous);
        }
    }

    @FunctionalInterface
    private interface ThrowingSupplier<T> {
        T get() throws Exception;
    }
}
